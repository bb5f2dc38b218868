import { Assignment, RotaProblem } from './model';
import { CONSTRAINTS, evaluate } from './rules';
import { member, on, shift, tinyProblem } from './testing/tiny-problem';

/** One test per rule of the rulebook: the rule fires with a size that grows with the breach. */
function breaches(problem: RotaProblem, rota: Assignment[], rule: string) {
  return evaluate(problem, rota).breaches.filter((b) => b.rule === rule);
}

const week = (n: number, start = '08:00', end = '14:00', kind = 'day') => Array.from({ length: n }, (_, d) => shift(`s${d}`, d, start, end, undefined, { kind }));

describe('rulebook', () => {
  it('lists hard rules before soft ones, each with a name and an explanation', () => {
    const levels = CONSTRAINTS.map((c) => c.level);
    expect(levels.indexOf('soft')).toBeGreaterThan(levels.lastIndexOf('hard'));
    for (const c of CONSTRAINTS) expect(c.name.length * c.explanation.length).toBeGreaterThan(0);
    expect(new Set(CONSTRAINTS.map((c) => c.id)).size).toBe(CONSTRAINTS.length);
  });

  describe('hard', () => {
    it('qualification: a GP cannot take a nurse role, nor a nurse without the skill', () => {
      const p = tinyProblem({ shifts: [shift('s', 0, '08:00', '14:00', [{ role: 'nurse', count: 2, professions: ['nurse'], skills: ['vaccination'] }])], members: [member('gp', { profession: 'gp' }), member('n', { skills: [] })] });
      const found = breaches(p, [on('gp', 's'), on('n', 's')], 'qualification');
      expect(found.map((b) => b.memberId)).toEqual(['gp', 'n']);
      expect(found[0].message).toContain('not qualified as nurse');
    });

    it('availability: outside windows, on a day off, outside the loan period', () => {
      const p = tinyProblem({
        shifts: [shift('a', 0, '08:00', '14:00'), shift('b', 1, '08:00', '14:00'), shift('c', 2, '08:00', '14:00')],
        members: [member('w', { availability: [{ day: 0, start: 600, end: 900 }] }), member('off', { daysOff: [1] }), member('lent', { loanId: 'l' })],
        loans: [{ id: 'l', partner: 'SPSTI', fromDay: 3, toDay: 6 }],
      });
      expect(breaches(p, [on('w', 'a'), on('off', 'b'), on('lent', 'c')], 'availability').map((b) => b.memberId)).toEqual(['w', 'off', 'lent']);
      expect(breaches(p, [on('off', 'a')], 'availability')).toEqual([]);
    });

    it('loan-scope: lent staff only on the sites of their agreement', () => {
      const p = tinyProblem({ shifts: [shift('a', 0, '08:00', '14:00'), shift('b', 1, '08:00', '14:00', undefined, { siteId: 'romans' })], members: [member('lent', { loanId: 'l' })], loans: [{ id: 'l', partner: 'SPSTI', siteIds: ['valence'], fromDay: 0, toDay: 6 }] });
      expect(breaches(p, [on('lent', 'a')], 'loan-scope')).toEqual([]);
      expect(breaches(p, [on('lent', 'b')], 'loan-scope')[0].message).toContain('lent by SPSTI');
    });

    it('one-shift-a-day: the size is the number of extra shifts', () => {
      const p = tinyProblem({ shifts: [shift('a', 0, '08:00', '10:00'), shift('b', 0, '11:00', '13:00'), shift('c', 0, '14:00', '16:00')], members: [member('n')] });
      expect(breaches(p, [on('n', 'a'), on('n', 'b'), on('n', 'c')], 'one-shift-a-day')[0].size).toBe(2);
    });

    it('no-overlap: a night running into the next morning shift, sized in hours', () => {
      const p = tinyProblem({ shifts: [shift('night', 0, '20:00', '10:00'), shift('morning', 1, '08:00', '14:00')], members: [member('n')] });
      expect(breaches(p, [on('n', 'night'), on('n', 'morning')], 'no-overlap')[0].size).toBe(2);
    });

    it('minimum-rest: 11 h by default, configurable, missing hours as size', () => {
      const p = tinyProblem({ shifts: [shift('late', 0, '14:00', '23:00'), shift('early', 1, '07:00', '13:00')], members: [member('n')] });
      expect(breaches(p, [on('n', 'late'), on('n', 'early')], 'minimum-rest')[0].size).toBe(3);
      expect(breaches({ ...p, settings: { minRestMinutes: 8 * 60 } }, [on('n', 'late'), on('n', 'early')], 'minimum-rest')).toEqual([]);
    });

    it('forbidden-succession: a kind that may not follow another the next day', () => {
      const p = tinyProblem({ shifts: [shift('n0', 0, '08:00', '14:00', undefined, { kind: 'N' }), shift('e1', 1, '14:00', '20:00', undefined, { kind: 'E' })], members: [member('n')], forbiddenSuccessions: [{ first: 'N', then: 'E' }] });
      expect(breaches(p, [on('n', 'n0'), on('n', 'e1')], 'forbidden-succession')).toHaveLength(1);
    });

    it('max-shifts-by-kind: excess count', () => {
      const p = tinyProblem({ shifts: week(4, '20:00', '23:00', 'night'), members: [member('n', { maxShiftsByKind: { night: 1 } })] });
      expect(breaches(p, [on('n', 's0'), on('n', 's1'), on('n', 's2')], 'max-shifts-by-kind')[0].size).toBe(2);
    });

    it('max-hours-per-week: excess hours in the week', () => {
      const p = tinyProblem({ shifts: week(3), members: [member('n', { maxMinutesPerWeek: 10 * 60 })] });
      expect(breaches(p, [on('n', 's0'), on('n', 's1'), on('n', 's2')], 'max-hours-per-week')[0].size).toBe(8);
    });

    it('declared-cap: the monthly cap over the horizon', () => {
      const p = tinyProblem({ shifts: week(2), members: [member('n', { maxMinutes: 9 * 60 })] });
      expect(breaches(p, [on('n', 's0'), on('n', 's1')], 'declared-cap')[0].size).toBe(3);
    });

    it('minimum-hours: shortfall in hours', () => {
      const p = tinyProblem({ shifts: week(2), members: [member('n', { minMinutes: 10 * 60 })] });
      expect(breaches(p, [on('n', 's0')], 'minimum-hours')[0].size).toBe(4);
    });

    it('loan-hours-cap: all staff lent by one agreement together', () => {
      const p = tinyProblem({ shifts: [shift('a', 0, '08:00', '14:00', [{ role: 'nurse', count: 2 }])], members: [member('x', { loanId: 'l' }), member('y', { loanId: 'l' })], loans: [{ id: 'l', partner: 'SPSTI', fromDay: 0, toDay: 6, maxMinutes: 8 * 60 }] });
      expect(breaches(p, [on('x', 'a'), on('y', 'a')], 'loan-hours-cap')[0].size).toBe(4);
    });

    it('max-consecutive-days: days beyond the maximum', () => {
      const p = tinyProblem({ shifts: week(5), members: [member('n', { maxConsecutiveDays: 3 })] });
      expect(breaches(p, [0, 1, 2, 3, 4].map((d) => on('n', `s${d}`)), 'max-consecutive-days')[0].size).toBe(2);
    });

    it('min-consecutive-days: short stretches, except at the horizon edges', () => {
      const p = tinyProblem({ shifts: week(7), members: [member('n', { minConsecutiveDays: 3 })] });
      expect(breaches(p, [on('n', 's3')], 'min-consecutive-days')[0].size).toBe(2);
      expect(breaches(p, [on('n', 's0')], 'min-consecutive-days')).toEqual([]);
    });

    it('min-consecutive-days-off: short breaks, except at the horizon edges', () => {
      const p = tinyProblem({ shifts: week(7), members: [member('n', { minConsecutiveDaysOff: 2 })] });
      expect(breaches(p, [0, 1, 3, 4].map((d) => on('n', `s${d}`)), 'min-consecutive-days-off')[0].size).toBe(1);
      expect(breaches(p, [0, 1, 2, 3, 4, 5].map((d) => on('n', `s${d}`)), 'min-consecutive-days-off')).toEqual([]);
    });

    it('max-weekends: Saturday or Sunday makes a worked week-end', () => {
      const p = tinyProblem({ days: 14, shifts: [shift('sat', 5, '08:00', '14:00'), shift('sun2', 13, '08:00', '14:00')], members: [member('n', { maxWeekends: 1 })] });
      expect(breaches(p, [on('n', 'sat'), on('n', 'sun2')], 'max-weekends')[0].size).toBe(1);
    });
  });

  describe('soft', () => {
    it('unfilled-need: missing people times the weight', () => {
      const p = tinyProblem({ shifts: [shift('a', 5, '14:00', '20:00', [{ role: 'nurse', count: 2 }])], members: [member('n')] });
      const [b] = breaches(p, [on('n', 'a')], 'unfilled-need');
      expect([b.size, b.penalty]).toEqual([1, 1000]);
      expect(b.message).toBe('Saturday 2026-01-10 14:00–20:00, Valence line 2: 1 nurse missing (1 of 2)');
    });

    it('overstaffed: extra people times the over weight', () => {
      const p = tinyProblem({ shifts: [shift('a', 0, '08:00', '14:00', [{ role: 'nurse', count: 0, overWeight: 7 }])], members: [member('n')] });
      expect(breaches(p, [on('n', 'a')], 'overstaffed')[0].penalty).toBe(7);
    });

    it('preferences: wants, avoids and prefers', () => {
      const p = tinyProblem({
        shifts: [shift('a', 0, '08:00', '14:00'), shift('b', 1, '08:00', '14:00', undefined, { siteId: 'romans' })],
        members: [member('n', { preferences: [{ type: 'wants', day: 2, weight: 3 }, { type: 'avoids', day: 0, weight: 2 }, { type: 'prefers', siteId: 'valence', weight: 1 }] })],
      });
      expect(breaches(p, [on('n', 'a'), on('n', 'b')], 'preferences').map((b) => b.penalty).sort()).toEqual([1, 2, 3]);
    });

    it('travel: km from the nearest commune times the weight', () => {
      const p = tinyProblem({ shifts: [shift('a', 0, '08:00', '14:00')], members: [member('n', { communes: ['x', 'y'] })], travelKm: { x: { valence: 30 }, y: { valence: 10 } }, settings: { weights: { travelPerKm: 0.5 } } });
      expect(breaches(p, [on('n', 'a')], 'travel')[0].penalty).toBe(5);
    });

    it('stability: each member-day that differs from the published rota', () => {
      const p = tinyProblem({ shifts: week(2), members: [member('n'), member('m')], previousRota: [on('n', 's0')] });
      expect(breaches(p, [on('m', 's0')], 'stability').map((b) => b.memberId).sort()).toEqual(['m', 'n']);
    });

    it('fair-shifts: the square of each member\'s shifts', () => {
      const p = tinyProblem({ shifts: week(3), members: [member('n')] });
      expect(breaches(p, [on('n', 's0'), on('n', 's1'), on('n', 's2')], 'fair-shifts')[0].penalty).toBe(9);
    });

    it('fair-unpopular: nights and week-ends counted apart', () => {
      const p = tinyProblem({ shifts: [shift('sat', 5, '08:00', '14:00'), shift('night', 1, '20:00', '23:30')], members: [member('n')] });
      expect(breaches(p, [on('n', 'sat'), on('n', 'night')], 'fair-unpopular')[0].penalty).toBe(3 * 4);
    });

    it('keep-pairs: one of a pair working without the other', () => {
      const p = tinyProblem({ shifts: [shift('a', 0, '08:00', '14:00', [{ role: 'doctor', count: 1 }, { role: 'nurse', count: 1 }]), shift('b', 1, '08:00', '14:00', [{ role: 'doctor', count: 1 }, { role: 'nurse', count: 1 }])], members: [member('d'), member('n')], pairs: [{ memberA: 'd', memberB: 'n' }] });
      expect(breaches(p, [on('d', 'a', 'doctor'), on('n', 'a'), on('d', 'b', 'doctor')], 'keep-pairs').map((b) => b.day)).toEqual([1]);
    });

    it('few-consecutive-days: days beyond the preferred run', () => {
      const p = tinyProblem({ shifts: week(5), members: [member('n')] });
      expect(breaches(p, [0, 1, 2, 3, 4].map((d) => on('n', `s${d}`)), 'few-consecutive-days')[0].size).toBe(2);
    });
  });
});

import { explain } from './explain';
import { member, on, shift, tinyProblem } from './testing/tiny-problem';

const saturday = shift('sat-pm', 5, '14:00', '20:00', [{ role: 'nurse', count: 1, professions: ['nurse'], skills: ['vaccination'] }]);

describe('explain', () => {
  it('says when nobody is qualified, naming the profession and skill', () => {
    const p = tinyProblem({ shifts: [saturday], members: [member('n', { skills: [] }), member('gp', { profession: 'gp' })] });
    const [u] = explain(p, []).unfilled;
    expect(u.bindingCause).toBe('nobody-qualified');
    expect(u.message).toBe('Saturday 2026-01-10 14:00–20:00, Valence line 2: 1 nurse missing — no member is a nurse with the vaccination skill');
  });

  it('says when the qualified ones are unavailable', () => {
    const p = tinyProblem({ shifts: [saturday], members: [member('a', { daysOff: [5] }), member('b', { availability: [{ day: 5, start: 480, end: 720 }] })] });
    const [u] = explain(p, []).unfilled;
    expect(u.bindingCause).toBe('unavailable');
    expect(u.message).toContain('2 qualified (nurse with the vaccination skill): 2 not available');
  });

  it('names the hard rule that keeps available members away (rest, cap)', () => {
    const p = tinyProblem({
      shifts: [shift('fri-night', 4, '20:00', '08:00'), saturday, shift('mon', 0, '08:00', '18:00')],
      members: [member('tired'), member('capped', { maxMinutes: 10 * 60 })],
    });
    const [u] = explain(p, [on('tired', 'fri-night'), on('capped', 'mon')]).unfilled;
    expect(u.causes).toEqual({ 'rule:minimum-rest': 1, 'rule:declared-cap': 1 });
    expect(u.message).toContain('resting after a previous shift');
    expect(u.message).toContain('at their declared cap');
  });

  it('lists every soft penalty with the rule that caused it', () => {
    const p = tinyProblem({ shifts: [saturday], members: [member('n', { preferences: [{ type: 'avoids', day: 5, weight: 4 }] })] });
    const e = explain(p, [on('n', 'sat-pm')]);
    expect(e.unfilled).toEqual([]);
    expect(e.penalties.map((b) => [b.rule, b.penalty])).toEqual(expect.arrayContaining([['preferences', 4], ['fair-shifts', 1]]));
    expect(e.soft).toBe(e.penalties.reduce((s, b) => s + b.penalty, 0));
  });
});

import { repair } from './repair';
import { evaluate } from './rules';
import { solve } from './solve';
import { member, shift, tinyProblem } from './testing/tiny-problem';

const problem = tinyProblem({
  days: 14,
  shifts: Array.from({ length: 14 }, (_, d) => [
    shift(`am${d}`, d, '08:00', '14:00', [{ role: 'nurse', count: 2 }]),
    shift(`pm${d}`, d, '14:00', '20:00', [{ role: 'nurse', count: 2 }]),
  ]).flat(),
  members: Array.from({ length: 12 }, (_, i) => member(`n${i}`, { maxMinutesPerWeek: 24 * 60 })),
});

describe('repair', () => {
  const published = solve(problem, { seed: 1, maxIterations: 200_000 }).rota;
  const withdrawn = published[5];

  it('replaces a withdrawn member with a minimal change and reports the difference', () => {
    const r = repair(problem, published, { type: 'withdraw', memberId: withdrawn.memberId, shiftIds: [withdrawn.shiftId] });
    expect(r.removed).toContainEqual(withdrawn);
    expect(r.rota).not.toContainEqual(withdrawn);
    expect(r.added).toHaveLength(1);
    expect(r.added[0]).toMatchObject({ shiftId: withdrawn.shiftId });
    expect(r.removed).toHaveLength(1);
    expect(r.changedShare).toBeCloseTo(2 / published.length);
    expect(evaluate(r.problem, r.rota).hard).toBe(0);
    expect(r.unfilled).toEqual([]);
  });

  it('handles a member leaving: none of their shifts remain, all are refilled', () => {
    const leaving = withdrawn.memberId;
    const theirs = published.filter((a) => a.memberId === leaving);
    const r = repair(problem, published, { type: 'leave', memberId: leaving });
    expect(r.rota.some((a) => a.memberId === leaving)).toBe(false);
    expect(r.removed).toEqual(expect.arrayContaining(theirs));
    expect(r.unfilled).toEqual([]);
    expect(r.added.length + r.removed.length).toBeLessThanOrEqual(4 * theirs.length);
  });

  it('handles shrinking availability', () => {
    const day = problem.shifts.find((s) => s.id === withdrawn.shiftId)!.day;
    const r = repair(problem, published, { type: 'availability', memberId: withdrawn.memberId, daysOff: [day] });
    expect(r.removed).toContainEqual(withdrawn);
    expect(evaluate(r.problem, r.rota).hard).toBe(0);
  });
});

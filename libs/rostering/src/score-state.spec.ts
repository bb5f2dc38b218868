import fc from 'fast-check';
import { compile, needKey, NONE } from './compile';
import { Prng } from './prng';
import { cellsToAssignments } from './rota';
import { evaluate } from './rules';
import { ScoreState } from './score-state';
import { solve } from './solve';
import { randomProblem } from './testing/random-problem';
import { member, shift, tinyProblem } from './testing/tiny-problem';

describe('incremental score against the rulebook', () => {
  it('matches an independent rescoring after any sequence of cell changes, allowed or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (problemSeed, moveSeed) => {
        const problem = randomProblem(problemSeed);
        const model = compile(problem);
        const state = new ScoreState(model);
        const rng = new Prng(moveSeed);
        for (let i = 0; i < 60; i++) {
          const e = rng.int(model.members);
          const d = rng.int(model.days);
          const count = model.dayNeedStart[d + 1] - model.dayNeedStart[d];
          const pick = rng.int(count + 1);
          state.change(e, d, pick === count ? NONE : model.dayNeeds[model.dayNeedStart[d] + pick]);
        }
        const truth = evaluate(problem, cellsToAssignments(model, state.cells));
        expect(state.hardScore()).toBeCloseTo(truth.hard, 6);
        expect(state.soft).toBeCloseTo(truth.soft, 6);
        const named = new Set(
          truth.breaches.filter((b) => b.level === 'hard' && b.memberId).map((b) => model.memberIndex.get(b.memberId!)!),
        );
        expect(state.breakingMembers()).toEqual([...named].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  it('reports the score an independent rescoring gives to the returned rota', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), (seed) => {
        const problem = randomProblem(seed);
        const result = solve(problem, { seed, maxIterations: 3000, timeLimitMs: 10_000 });
        const truth = evaluate(problem, result.rota);
        expect(result.score.hard).toBeCloseTo(truth.hard, 6);
        expect(result.score.soft).toBeCloseTo(truth.soft, 6);
      }),
      { numRuns: 60 },
    );
  });

  it('never returns a hard breach when the instance is feasible by construction (no minimums: the empty rota is valid)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), (seed) => {
        const problem = randomProblem(seed, true);
        const result = solve(problem, { seed, maxIterations: 3000, timeLimitMs: 10_000 });
        const hard = evaluate(problem, result.rota).breaches.filter((b) => b.level === 'hard');
        expect(hard).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  // The score reads a member-day's costs only when compile flags them (cellCosts): a day
  // whose one cost is being off must be flagged too.
  it('counts a member-day whose only cost is being off (a member who wants to work that day)', () => {
    const problem = tinyProblem({
      shifts: [shift('mon', 0, '08:00', '14:00'), shift('tue', 1, '08:00', '14:00')],
      members: [member('ana', { preferences: [{ type: 'wants', day: 1, weight: 3 }] })],
    });
    const model = compile(problem);
    const state = new ScoreState(model);
    const tue = model.needOf.get(needKey('tue', 'nurse'))!;
    const rescored = (): number => evaluate(problem, cellsToAssignments(model, state.cells)).soft;
    expect(state.soft).toBeCloseTo(rescored(), 6);
    const offSoft = state.soft;
    state.change(0, 1, tue);
    expect(state.soft).toBeCloseTo(rescored(), 6);
    expect(offSoft - state.soft).toBeGreaterThanOrEqual(3);
    state.change(0, 1, NONE);
    expect(state.soft).toBeCloseTo(offSoft, 6);
  });
});

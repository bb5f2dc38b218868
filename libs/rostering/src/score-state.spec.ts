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

  it('rolls back to its mark, score and counts, so that later changes score as from scratch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (problemSeed, moveSeed) => {
        const model = compile(randomProblem(problemSeed));
        const state = new ScoreState(model);
        const rng = new Prng(moveSeed);
        for (let i = 0; i < 30; i++) changeAtRandom(state, rng);
        const cells = Int32Array.from(state.cells);
        const { hard, soft, hardMinutes } = state;
        state.mark();
        for (let i = 1 + rng.int(16); i > 0; i--) changeAtRandom(state, rng);
        expect(state.rollback()).toBe(true);
        expect(state.cells).toEqual(cells);
        expect([state.hard, state.soft, state.hardMinutes]).toEqual([hard, soft, hardMinutes]);
        // The counts behind the score are back too: the same changes from here score as
        // they do from a state built afresh on the marked rota.
        const fresh = new ScoreState(model, cells);
        for (let i = 0; i < 30; i++) {
          const draw = rng.int(1e9);
          changeAtRandom(state, new Prng(draw));
          changeAtRandom(fresh, new Prng(draw));
        }
        expect(state.hardScore()).toBeCloseTo(fresh.hardScore(), 6);
        expect(state.soft).toBeCloseTo(fresh.soft, 6);
        expect(state.breakingMembers()).toEqual(fresh.breakingMembers());
        for (let n = 0; n < model.needs; n++) expect(state.coverOf(n)).toBe(fresh.coverOf(n));
      }),
      { numRuns: 200 },
    );
  });

  it('restores nothing when a move wrote more than its journal holds, and says so', () => {
    const model = compile(randomProblem(7));
    const state = new ScoreState(model);
    const rng = new Prng(11);
    state.mark();
    for (let i = 0; i < 600; i++) changeAtRandom(state, rng);
    const cells = Int32Array.from(state.cells);
    const soft = state.soft;
    expect(state.rollback()).toBe(false);
    expect(state.cells).toEqual(cells);
    expect(state.soft).toBe(soft);
    expect(state.soft).toBeCloseTo(new ScoreState(model, cells).soft, 6);
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

/** One cell of the rota to any need of its day, or to the day off, drawn from rng. */
function changeAtRandom(state: ScoreState, rng: Prng): void {
  const model = state.m;
  const d = rng.int(model.days);
  const count = model.dayNeedStart[d + 1] - model.dayNeedStart[d];
  const pick = rng.int(count + 1);
  state.change(rng.int(model.members), d, pick === count ? NONE : model.dayNeeds[model.dayNeedStart[d] + pick]);
}

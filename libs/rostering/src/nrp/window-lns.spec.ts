import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NONE, compile } from '../compile';
import { ScoreState } from '../score-state';
import { BENCHMARK_DIR, cellsOf, constructedRota, rosterOf } from '../testing/nrp-cells';
import { everyRoster, randomTinyInstance } from '../testing/random-nrp';
import { FixAndOptimise } from './fix-and-optimise';
import { NrpAssignment, NrpInstance } from './nrp-instance';
import { nrpToProblem } from './nrp-to-problem';
import { parseNrp } from './parse-nrp';
import { scoreNrpRoster } from './score-nrp';
import { membersBreakingRules } from './solve-nrp';
import { windowLns } from './window-lns';

const instance1 = resolve(BENCHMARK_DIR, 'Instance1.txt');

/** The first valid rota of the enumeration and the best objective any valid rota reaches. */
function firstValidAndOptimum(instance: NrpInstance): { first: NrpAssignment[]; optimum: number } {
  let first: NrpAssignment[] | null = null;
  let optimum = Infinity;
  for (const roster of everyRoster(instance)) {
    const score = scoreNrpRoster(instance, roster);
    if (score.hardViolations.length > 0) continue;
    first ??= roster;
    optimum = Math.min(optimum, score.objective);
  }
  if (first === null) throw new Error(`${instance.name} has no valid rota`);
  return { first, optimum };
}

/** Tiny instance `seed`, its first valid rota as cells, and the optimum to reach from it. */
function tinyStart(seed: number) {
  const instance = randomTinyInstance(seed);
  const { first, optimum } = firstValidAndOptimum(instance);
  return { instance, optimum, ...cellsOf(instance, first) };
}

describe('FixAndOptimise', () => {
  it.each([2, 3, 4])(
    'with every cell free, turns any valid rota of tiny instance %i into a proven optimum',
    async (seed) => {
      const { instance, optimum, model, cells } = tinyStart(seed);
      const fo = await FixAndOptimise.load(instance, model);
      try {
        const out = fo.solve(cells, new Uint8Array(cells.length).fill(1), {
          maxNodes: 10_000,
          timeLimitSeconds: 10,
        });
        expect(out?.proven).toBe(true);
        const score = scoreNrpRoster(instance, rosterOf(model, out!.cells));
        expect(score).toEqual({ objective: optimum, hardViolations: [] });
      } finally {
        fo.dispose();
      }
    },
  );

  it('changes no fixed cell', async () => {
    const instance = randomTinyInstance(3);
    const { first } = firstValidAndOptimum(instance);
    const { model, cells } = cellsOf(instance, first);
    const fo = await FixAndOptimise.load(instance, model);
    try {
      // Free the first member's first three days only.
      const free = new Uint8Array(cells.length);
      free.fill(1, 0, 3);
      const out = fo.solve(cells, free, { maxNodes: 1000, timeLimitSeconds: 10 });
      expect(out).not.toBeNull();
      for (let c = 3; c < cells.length; c++) expect(out!.cells[c]).toBe(cells[c]);
    } finally {
      fo.dispose();
    }
  });
});

describe('windowLns', () => {
  (existsSync(instance1) ? it : it.skip)(
    'improves a valid Instance1 rota without breaking a rule, and its score is the scorer’s',
    async () => {
      const instance = parseNrp(readFileSync(instance1, 'utf8'), 'Instance1');
      const model = compile(nrpToProblem(instance));
      const cells = constructedRota(model);
      const before = scoreNrpRoster(instance, rosterOf(model, cells));
      expect(before.hardViolations).toEqual([]);
      const result = await windowLns(instance, model, cells, {
        seed: 1,
        deadline: Date.now() + 3000,
      });
      const after = scoreNrpRoster(instance, rosterOf(model, result.cells));
      expect(after.hardViolations).toEqual([]);
      expect(after.objective).toBeLessThan(before.objective);
      expect(result.improvements).toBeGreaterThan(0);
      expect(new ScoreState(model, result.cells).soft).toBe(after.objective);
    },
    20_000,
  );
});

describe('windowLns rescue', () => {
  (existsSync(instance1) ? it : it.skip)(
    'turns an empty Instance1 rota, where every member is below their minimum hours, into a valid one',
    async () => {
      const instance = parseNrp(readFileSync(instance1, 'utf8'), 'Instance1');
      const problem = nrpToProblem(instance);
      const model = compile(problem);
      const empty = new Int32Array(model.members * model.days).fill(NONE);
      expect(membersBreakingRules(problem, model, empty).length).toBeGreaterThan(0);
      const result = await windowLns(instance, model, empty, {
        seed: 1,
        deadline: Date.now() + 5000,
        violators: (cells) => membersBreakingRules(problem, model, cells),
      });
      expect(membersBreakingRules(problem, model, result.cells)).toEqual([]);
      expect(scoreNrpRoster(instance, rosterOf(model, result.cells)).hardViolations).toEqual([]);
    },
    20_000,
  );
});

describe('windowLns whole-MIP round', () => {
  it.each([2, 3, 4])(
    'from `wholeFrom` on, solves tiny instance %i whole to its optimum and stops there',
    async (seed) => {
      const { instance, optimum, model, cells } = tinyStart(seed);
      const deadline = Date.now() + 15_000;
      const result = await windowLns(instance, model, cells, {
        seed: 1,
        deadline,
        wholeFrom: Date.now(),
      });
      expect(result.rounds).toBe(1);
      expect(scoreNrpRoster(instance, rosterOf(model, result.cells))).toEqual({
        objective: optimum,
        hardViolations: [],
      });
      // Proven at once, long before the deadline.
      expect(Date.now()).toBeLessThan(deadline);
    },
    20_000,
  );
});

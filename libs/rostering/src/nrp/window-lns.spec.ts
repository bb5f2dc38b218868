import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compile } from '../compile';
import { assignmentsToCells, cellsToAssignments } from '../rota';
import { ScoreState } from '../score-state';
import { LocalSearch } from '../search';
import { everyRoster, randomTinyInstance } from '../testing/random-nrp';
import { FixAndOptimise } from './fix-and-optimise';
import { NrpAssignment, NrpInstance } from './nrp-instance';
import { NRP_ROLE, nrpShiftId, nrpToProblem } from './nrp-to-problem';
import { parseNrp } from './parse-nrp';
import { scoreNrpRoster } from './score-nrp';
import { windowLns } from './window-lns';

const BENCHMARK_DIR =
  process.env.NRP_BENCHMARK_DIR ??
  resolve(__dirname, '../../../../../shared/benchmarks/nurse-rostering');
const instance1 = resolve(BENCHMARK_DIR, 'Instance1.txt');

function cellsOf(instance: NrpInstance, roster: NrpAssignment[]) {
  const model = compile(nrpToProblem(instance));
  const { cells, rejected } = assignmentsToCells(
    model,
    roster.map((a) => ({
      memberId: a.employeeId,
      shiftId: nrpShiftId(a.day, a.shiftId),
      role: NRP_ROLE,
    })),
  );
  expect(rejected).toEqual([]);
  return { model, cells };
}

function rosterOf(model: ReturnType<typeof compile>, cells: Int32Array): NrpAssignment[] {
  return cellsToAssignments(model, cells).map((a) => {
    const [day, shiftId] = a.shiftId.split(':');
    return { employeeId: a.memberId, day: Number(day), shiftId };
  });
}

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

describe('FixAndOptimise', () => {
  it.each([2, 3, 4])(
    'with every cell free, turns any valid rota of tiny instance %i into a proven optimum',
    async (seed) => {
      const instance = randomTinyInstance(seed);
      const { first, optimum } = firstValidAndOptimum(instance);
      const { model, cells } = cellsOf(instance, first);
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

/**
 * A valid rota far from the optimum: the engine's greedy construction and its row
 * repair, with no annealing at all.
 */
function constructedRota(model: ReturnType<typeof compile>): Int32Array {
  const search = new LocalSearch(model, undefined, {
    seed: 1,
    timeLimitMs: 10_000,
    maxIterations: 0,
    rowReoptimiseEvery: 1,
  });
  search.runSlice(1000);
  expect(search.result().hard).toBe(0);
  return search.result().cells;
}

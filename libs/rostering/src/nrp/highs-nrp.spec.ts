import { buildNrpMip, completeColumns, objectiveOfColumns } from './highs-nrp-model';
import { solveNrpWithHighs } from './highs-nrp';
import { NrpInstance } from './nrp-instance';
import { everyRoster, randomTinyInstance } from '../testing/random-nrp';
import { scoreNrpRoster } from './score-nrp';

/**
 * The MIP and the independent scorer are checked against each other: on tiny
 * random instances HiGHS's optimum must equal the best objective the scorer finds
 * by trying every rota. A rule written differently in the two would show here.
 * Seeds 1-3 cover the three shapes; NRP_CROSSCHECK_RUNS=24 runs more (all agreed).
 */

/** The best feasible objective over every rota, or null when none is feasible. */
function bruteForceOptimum(instance: NrpInstance): number | null {
  let best: number | null = null;
  for (const roster of everyRoster(instance)) {
    const score = scoreNrpRoster(instance, roster);
    if (score.hardViolations.length === 0 && (best === null || score.objective < best)) best = score.objective;
  }
  return best;
}

describe('buildNrpMip', () => {
  it('has no x column on days off or for shift types capped at zero, and folds on-requests into the offset', () => {
    const instance = randomTinyInstance(1);
    instance.employees[0].daysOff = [2];
    instance.employees[0].maxShifts = { E: 0, N: 7 };
    instance.shiftOnRequests = [{ employeeId: 'A', day: 2, shiftId: 'N', weight: 4 }, { employeeId: 'A', day: 3, shiftId: 'N', weight: 2 }];
    const mip = buildNrpMip(instance);
    expect(mip.xColumns.map(({ assignment }) => `${assignment.shiftId}${assignment.day}`)).toEqual(['N0', 'N1', 'N3', 'N4', 'N5', 'N6']);
    expect(mip.offset).toBe(6);
    const day3 = mip.xColumns.find(({ assignment }) => assignment.day === 3)!.column;
    expect(mip.colCost[day3]).toBe(-2);
  });
});

describe('objectiveOfColumns', () => {
  it('prices the rota of a column vector with tight cover slacks, whatever the slack columns hold', () => {
    const instance = randomTinyInstance(3);
    for (const employee of instance.employees) employee.daysOff = [];
    instance.shiftOnRequests = [{ employeeId: 'A', day: 0, shiftId: 'D', weight: 4 }];
    instance.shiftOffRequests = [{ employeeId: 'B', day: 1, shiftId: 'D', weight: 2 }];
    instance.cover = [{ day: 1, shiftId: 'D', requirement: 1, weightUnder: 10, weightOver: 3 }];
    const mip = buildNrpMip(instance);
    // Every column at 1, slacks included: A and B both work day 1 (one over: 3), B's off-request is violated (2),
    // A works day 0 so its request is granted.
    const values = new Array<number>(mip.numCols).fill(1);
    expect(objectiveOfColumns(mip, values)).toBe(3 + 2);
    expect(objectiveOfColumns(mip, new Array<number>(mip.numCols).fill(0))).toBe(4 + 10);
  });
});

describe('completeColumns', () => {
  it.each([2, 3, 4, 6, 7])(
    'turns every valid rota of tiny instance %i into a MIP point that keeps every row and costs its score',
    (seed) => {
      const instance = randomTinyInstance(seed);
      const mip = buildNrpMip(instance);
      const columnOf = new Map(mip.xColumns.map(({ column, assignment: a }) => [`${a.employeeId}|${a.day}|${a.shiftId}`, column]));
      let valid = 0;
      for (const roster of everyRoster(instance)) {
        const score = scoreNrpRoster(instance, roster);
        if (score.hardViolations.length > 0) continue;
        valid++;
        const x = new Float64Array(mip.numCols);
        for (const a of roster) x[columnOf.get(`${a.employeeId}|${a.day}|${a.shiftId}`)!] = 1;
        const values = completeColumns(mip, x);
        for (let row = 0; row < mip.numRows; row++) {
          let activity = 0;
          for (let k = mip.starts[row]; k < mip.starts[row + 1]; k++) activity += mip.values[k] * values[mip.indices[k]];
          expect(activity).toBeGreaterThanOrEqual(mip.rowLower[row] - 1e-9);
          expect(activity).toBeLessThanOrEqual(mip.rowUpper[row] + 1e-9);
        }
        values.forEach((value, column) => {
          expect(value).toBeGreaterThanOrEqual(mip.colLower[column]);
          expect(value).toBeLessThanOrEqual(mip.colUpper[column]);
        });
        const linear = values.reduce((sum, value, column) => sum + mip.colCost[column] * value, mip.offset);
        expect(linear).toBe(score.objective);
      }
      // A seed whose instance has no valid rota would test nothing.
      expect(valid).toBeGreaterThan(0);
    },
  );
});

// Each solve starts a child process; on a loaded machine that alone can take seconds.
const CHILD_PROCESS_TIMEOUT_MS = 30_000;

describe('solveNrpWithHighs', () => {
  const seeds = Array.from({ length: Number(process.env.NRP_CROSSCHECK_RUNS ?? 3) }, (_, index) => index + 1);
  it.each(seeds)('finds the brute-force optimum of tiny instance %i, and its rota scores to its objective', async (seed) => {
    const instance = randomTinyInstance(seed);
    const result = await solveNrpWithHighs(instance, { timeLimitSeconds: 5 });
    const expected = bruteForceOptimum(instance);
    if (expected === null) {
      expect(result.status).toBe('infeasible');
      expect(result.objective).toBeNull();
      return;
    }
    expect(result.status).toBe('optimal');
    expect(result.objective).toBe(expected);
    expect(scoreNrpRoster(instance, result.assignments!)).toEqual({ objective: expected, hardViolations: [] });
  }, CHILD_PROCESS_TIMEOUT_MS);

  it('says the model is too large instead of trying', async () => {
    const result = await solveNrpWithHighs(randomTinyInstance(1), { timeLimitSeconds: 5, maxNonzeros: 10 });
    expect(result.status).toMatch(/^model too large: \d+ columns, \d+ rows, \d+ nonzeros \(limit 10\)$/);
    expect(result.objective).toBeNull();
  }, CHILD_PROCESS_TIMEOUT_MS);

  it('kills the child at the limit plus grace and reports what it had', async () => {
    const result = await solveNrpWithHighs(randomTinyInstance(1), { timeLimitSeconds: 0.01, graceSeconds: 0 });
    expect(result).toMatchObject({ status: 'killed at time limit: none found', objective: null, assignments: null });
    expect(result.seconds).toBeLessThan(2);
  });
});

import { buildNrpMip, objectiveOfColumns } from './highs-nrp-model';
import { solveNrpWithHighs } from './highs-nrp';
import { NrpAssignment, NrpEmployee, NrpInstance } from './nrp-instance';
import { scoreNrpRoster } from './score-nrp';

/**
 * The MIP and the independent scorer are checked against each other: on tiny
 * random instances HiGHS's optimum must equal the best objective the scorer finds
 * by trying every rota. A rule written differently in the two would show here.
 * Seeds 1-3 cover the three shapes; NRP_CROSSCHECK_RUNS=24 runs more (all agreed).
 */

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Small enough to enumerate: at most 2^14 rotas. */
function randomTinyInstance(seed: number): NrpInstance {
  const random = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const shape = seed % 3; // 0: 2 staff × 7 days × 1 shift; 1: 1 × 7 × 2 shifts; 2: 1 × 14 × 1
  const horizonDays = shape === 2 ? 14 : 7;
  const shiftTypes = shape === 1
    ? [{ id: 'E', lengthMinutes: 480, cannotFollow: [] }, { id: 'N', lengthMinutes: 600, cannotFollow: random() < 0.7 ? ['E'] : [] }]
    : [{ id: 'D', lengthMinutes: 480, cannotFollow: [] }];
  const employeeIds = shape === 0 ? ['A', 'B'] : ['A'];
  const employees = employeeIds.map((id): NrpEmployee => ({
    id,
    maxShifts: Object.fromEntries(shiftTypes.map((shift) => [shift.id, int(2, horizonDays)])),
    maxTotalMinutes: int(3, horizonDays) * 480,
    minTotalMinutes: int(0, 3) * 480,
    maxConsecutiveShifts: int(1, 5),
    minConsecutiveShifts: int(1, 3),
    minConsecutiveDaysOff: int(1, 3),
    maxWeekends: int(0, horizonDays / 7),
    daysOff: Array.from({ length: horizonDays }, (_, day) => day).filter(() => random() < 0.1),
  }));
  const requests = (count: number) =>
    Array.from({ length: count }, () => ({
      employeeId: employeeIds[int(0, employeeIds.length - 1)],
      day: int(0, horizonDays - 1),
      shiftId: shiftTypes[int(0, shiftTypes.length - 1)].id,
      weight: int(1, 3),
    }));
  return {
    name: `tiny-${seed}`,
    horizonDays,
    shiftTypes,
    employees,
    shiftOnRequests: requests(int(0, 4)),
    shiftOffRequests: requests(int(0, 4)),
    cover: Array.from({ length: horizonDays }, (_, day) => day).flatMap((day) =>
      shiftTypes.map((shift) => ({ day, shiftId: shift.id, requirement: int(0, 2), weightUnder: int(1, 10), weightOver: int(0, 5) })),
    ),
  };
}

/** The best feasible objective over every rota, or null when none is feasible. */
function bruteForceOptimum(instance: NrpInstance): number | null {
  const choices = [null, ...instance.shiftTypes.map((shift) => shift.id)];
  const slots = instance.employees.flatMap((employee) =>
    Array.from({ length: instance.horizonDays }, (_, day) => ({ employeeId: employee.id, day })),
  );
  let best: number | null = null;
  const total = choices.length ** slots.length;
  for (let code = 0; code < total; code++) {
    const roster: NrpAssignment[] = [];
    let rest = code;
    for (const slot of slots) {
      const shiftId = choices[rest % choices.length];
      rest = Math.floor(rest / choices.length);
      if (shiftId !== null) roster.push({ ...slot, shiftId });
    }
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

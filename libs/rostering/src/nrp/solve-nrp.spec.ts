import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compile } from '../compile';
import { evaluate } from '../rules';
import { NrpInstance } from './nrp-instance';
import { nrpToProblem } from './nrp-to-problem';
import { parseNrp } from './parse-nrp';
import { scoreNrpRoster } from './score-nrp';
import { solveNrp } from './solve-nrp';
import { BENCHMARK_DIR } from '../testing/nrp-cells';

const instance1 = resolve(BENCHMARK_DIR, 'Instance1.txt');

/** A 7-day instance small enough to reason about by hand. */
const tiny: NrpInstance = {
  name: 'tiny', horizonDays: 7,
  shiftTypes: [{ id: 'D', lengthMinutes: 480, cannotFollow: [] }, { id: 'N', lengthMinutes: 480, cannotFollow: ['D'] }],
  employees: ['A', 'B', 'C'].map((id) => ({
    id, maxShifts: { D: 7, N: 2 }, maxTotalMinutes: 2400, minTotalMinutes: 960, maxConsecutiveShifts: 4, minConsecutiveShifts: 2,
    minConsecutiveDaysOff: 1, maxWeekends: 1, daysOff: id === 'A' ? [0] : [],
  })),
  shiftOnRequests: [{ employeeId: 'B', day: 2, shiftId: 'D', weight: 3 }],
  shiftOffRequests: [{ employeeId: 'C', day: 3, shiftId: 'N', weight: 2 }],
  cover: Array.from({ length: 7 }, (_, day) => [
    { day, shiftId: 'D', requirement: 1, weightUnder: 100, weightOver: 1 },
    { day, shiftId: 'N', requirement: 1, weightUnder: 100, weightOver: 1 },
  ]).flat(),
};

describe('nurse-rostering adapter', () => {
  it('maps the benchmark model onto the engine: one shift per day and type, limits, requests, successions', () => {
    const problem = nrpToProblem(tiny);
    expect(problem.shifts).toHaveLength(14);
    expect(problem.members[0]).toMatchObject({ maxShiftsByKind: { D: 7, N: 2 }, maxMinutes: 2400, minConsecutiveDays: 2, daysOff: [0] });
    expect(problem.forbiddenSuccessions).toEqual([{ first: 'N', then: 'D' }]);
    expect(compile(problem).members).toBe(3);
  });

  it('solves with the engine; the benchmark scorer agrees with the objective', async () => {
    const result = await solveNrp(tiny, { timeLimitSeconds: 0.5, seed: 1 });
    const referee = scoreNrpRoster(tiny, result.assignments);
    expect(referee.hardViolations).toEqual([]);
    expect(result.hardViolations).toBe(0);
    expect(result.objective).toBe(referee.objective);
    const problem = nrpToProblem(tiny);
    const engine = evaluate(problem, result.assignments.map((a) => ({ memberId: a.employeeId, shiftId: `${a.day}:${a.shiftId}`, role: 'nurse' })));
    expect(engine.soft).toBe(referee.objective);
  });

  // Alone it reaches 607 in 2 s every time; the limit leaves room for a CI machine whose
  // two cores are shared with the integration suites (one run there ended at 1013 in 2 s).
  (existsSync(instance1) ? it : it.skip)('reaches the optimum region of Instance1 (optimum 607)', async () => {
    const instance = parseNrp(readFileSync(instance1, 'utf8'), 'Instance1');
    const result = await solveNrp(instance, { timeLimitSeconds: 6, seed: 1 });
    expect(result.hardViolations).toBe(0);
    expect(scoreNrpRoster(instance, result.assignments).objective).toBe(result.objective);
    expect(result.objective).toBeLessThan(700);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await solveNrp(tiny, { timeLimitSeconds: 30, signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

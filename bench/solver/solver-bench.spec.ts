import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NrpInstance, readRoster, solveNrpWithHighs } from '@maillage/rostering';
import { parseSolverBenchArgs } from './args';
import { formatTable, gapPercent, readBestKnown, writeSolverJson } from './report';
import { listInstances, runSolverBench, SolverBenchSolvers } from './run';

/** A one-week, two-nurse instance; the cover asks one D a day, 10 per missing nurse. */
function tinyInstanceText(requirement: number): string {
  return [
    'SECTION_HORIZON', '7', '',
    'SECTION_SHIFTS', 'D,480,', '',
    'SECTION_STAFF', 'A,D=7,3360,0,7,1,1,1', 'B,D=7,3360,0,7,1,1,1', '',
    'SECTION_DAYS_OFF', 'A,6', '',
    'SECTION_SHIFT_ON_REQUESTS', 'B,0,D,2', '',
    'SECTION_SHIFT_OFF_REQUESTS', '',
    'SECTION_COVER', ...Array.from({ length: 7 }, (_, day) => `${day},D,${requirement},10,1`),
  ].join('\r\n');
}

describe('solver bench arguments', () => {
  it('defaults to the shipped folder next to the repository, 60 s, every instance', () => {
    expect(parseSolverBenchArgs([], '/repo/main')).toEqual({
      dir: '/repo/shared/benchmarks/nurse-rostering', timeLimitSeconds: 60, only: null, seed: undefined, skipHighs: false, pinFastestCore: true,
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    expect(parseSolverBenchArgs(['--dir', 'other', '--time-limit=2.5', '--only', 'A,B.txt, C', '--seed', '7', '--skip-highs', '--no-pin'], '/repo/main', '/home/me')).toEqual({
      dir: '/home/me/other', timeLimitSeconds: 2.5, only: ['A', 'B', 'C'], seed: 7, skipHighs: true, pinFastestCore: false,
    });
  });

  it.each([
    [['--time-limit', '0'], '--time-limit must be a positive number of seconds, got "0"'],
    [['--time-limit', 'abc'], '--time-limit must be a positive number'],
    [['--seed', '-1'], '--seed must be a whole number'],
    [['--only'], '--only needs a value'],
    [['--dir', '--seed', '1'], '--dir needs a value'],
    [['--frobnicate'], 'unknown argument "--frobnicate"'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseSolverBenchArgs(argv, '/repo/main')).toThrow(message);
  });
});

describe('solver bench report', () => {
  it('computes the gap against the best known value', () => {
    expect(gapPercent(110, 100)).toBe(10);
    expect(gapPercent(4900, 4943)).toBe(-0.87);
    expect(gapPercent(5, null)).toBeNull();
    expect(gapPercent(null, 100)).toBeNull();
  });

  it('prints a table with "-" for a missing best known and "none" for a HiGHS without solution', () => {
    const table = formatTable([
      { name: 'Instance1', objective: 607, bestKnown: 607, gapPercent: 0, seconds: 1.234, hardViolations: 0, highsObjective: 607, highsStatus: 'optimal' },
      { name: 'mine', objective: 12, bestKnown: null, gapPercent: null, seconds: 60, hardViolations: 1, highsObjective: null, highsStatus: 'time limit: none found' },
    ]);
    expect(table.split('\n')).toEqual([
      'instance   objective  best known  gap %  seconds  hard viol.  HiGHS objective  HiGHS status',
      '---------  ---------  ----------  -----  -------  ----------  ---------------  ----------------------',
      'Instance1        607         607      0      1.2           0              607  optimal',
      'mine              12           -      -     60.0           1             none  time limit: none found',
    ]);
  });
});

describe('solver bench on a generated folder', () => {
  let dir: string;
  let outDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nrp-bench-in-'));
    outDir = mkdtempSync(join(tmpdir(), 'nrp-bench-out-'));
    writeFileSync(join(dir, 'week2.txt'), tinyInstanceText(1));
    writeFileSync(join(dir, 'week10.txt'), tinyInstanceText(2));
    writeFileSync(join(dir, 'notes.md'), 'not an instance');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('lists the .txt instances in natural order and checks --only names', () => {
    expect(listInstances(dir, null)).toEqual(['week2', 'week10']);
    expect(listInstances(dir, ['week10'])).toEqual(['week10']);
    expect(() => listInstances(dir, ['week3'])).toThrow('not in');
  });

  it('treats best-known.csv as optional, and empty cells as unknown', () => {
    expect(readBestKnown(dir).size).toBe(0);
    writeFileSync(join(dir, 'best-known.csv'), 'instance,bestKnown,lowerBound\r\nweek2,2,2\r\nweek10,,\r\n');
    expect(readBestKnown(dir)).toEqual(new Map([['week2', 2]]));
  });

  it('scores the rota written to disk, not what the engine claims, and writes solver.json', async () => {
    writeFileSync(join(dir, 'best-known.csv'), 'instance,bestKnown\nweek2,2\n');
    // A lying engine: it claims 0 but puts A to work on every day, including day 6, A's day off.
    const solvers: SolverBenchSolvers = {
      engine: async (instance: NrpInstance) => ({
        assignments: Array.from({ length: instance.horizonDays }, (_, day) => ({ employeeId: 'A', day, shiftId: 'D' })),
        objective: 0,
        hardViolations: 0,
        seconds: 0,
      }),
      highs: async () => ({ status: 'time limit: none found', objective: null, assignments: null, seconds: 1 }),
    };
    const log: string[] = [];
    const args = parseSolverBenchArgs(['--dir', dir, '--time-limit', '1'], '/unused');
    let before = 0;
    const lines = await runSolverBench(args, outDir, (line) => log.push(line), solvers, () => `cores: before instance ${++before}`);

    // Each instance's core choice is made before it and logged under its name.
    expect(log.filter((line) => line.startsWith('week') || line.includes('cores:'))).toEqual([
      expect.stringMatching(/^week2:/), '  cores: before instance 1', expect.stringMatching(/^week10:/), '  cores: before instance 2',
    ]);
    // week2 (need 1 a day): A covers all 7 days; B's on-request (2) is not granted. week10 (need 2): 7 × 10 short too.
    expect(lines.map(({ name, objective, bestKnown, gapPercent: gap, hardViolations, highsObjective }) => ({ name, objective, bestKnown, gap, hardViolations, highsObjective }))).toEqual([
      { name: 'week2', objective: 2, bestKnown: 2, gap: 0, hardViolations: 1, highsObjective: null },
      { name: 'week10', objective: 72, bestKnown: null, gap: null, hardViolations: 1, highsObjective: null },
    ]);
    expect(log.filter((line) => line.includes('WARNING engine claims objective 0'))).toHaveLength(2);
    expect(readRoster(readFileSync(join(outDir, 'solutions', 'week2.roster'), 'utf8'))).toHaveLength(7);

    const json = JSON.parse(readFileSync(writeSolverJson(outDir, lines), 'utf8'));
    expect(json[0]).toEqual({ name: 'week2', objective: 2, bestKnown: 2, gapPercent: 0, seconds: expect.any(Number), hardViolations: 1, highsObjective: null });
    expect(Object.keys(json[1])).toEqual(['name', 'objective', 'bestKnown', 'gapPercent', 'seconds', 'hardViolations', 'highsObjective']);
  });

  it('runs the real HiGHS reference on the generated folder and checks it with the scorer', async () => {
    const solvers: SolverBenchSolvers = {
      engine: async () => ({ assignments: [], objective: 72, hardViolations: 0, seconds: 0 }),
      highs: solveNrpWithHighs,
    };
    const log: string[] = [];
    const args = parseSolverBenchArgs(['--dir', dir, '--time-limit', '5', '--only', 'week2'], '/unused');
    const [line] = await runSolverBench(args, outDir, (text) => log.push(text), solvers);
    // Optimum 0: B works day 0 (its request) and day 6 (A's day off), A days 1-5; each day covered once.
    expect(line).toMatchObject({ name: 'week2', highsObjective: 0, highsStatus: 'optimal' });
    expect(log.some((text) => text.includes('WARNING HiGHS'))).toBe(false);
    expect(readRoster(readFileSync(join(outDir, 'solutions', 'week2.highs.roster'), 'utf8'))).toHaveLength(7);
  }, 30_000); // a child process; slow to start on a loaded machine
});

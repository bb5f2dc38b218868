import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NrpAssignment,
  NrpInstance,
  NrpScore,
  parseNrp,
  readRoster,
  scoreNrpRoster,
  solveNrp,
  solveNrpInWorker,
  solveNrpWithHighs,
  writeRoster,
} from '@maillage/rostering';
import { SolverBenchArgs } from './args';
import { gapPercent, readBestKnown, SolverBenchLine } from './report';

/** The two solvers, injectable so the harness can be tested without their run times. */
export interface SolverBenchSolvers {
  engine: typeof solveNrp;
  highs: typeof solveNrpWithHighs;
}

/**
 * Each instance solved in a worker thread of its own, on a fresh heap, as the service
 * runs the engine: in one process, the last instances ran on a heap the others had grown.
 */
const REAL_SOLVERS: SolverBenchSolvers = { engine: solveNrpInWorker, highs: solveNrpWithHighs };

/** `*.txt` files of the folder, in natural order (Instance2 before Instance10). */
export function listInstances(dir: string, only: string[] | null): string[] {
  const available = readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .map((file) => file.slice(0, -'.txt'.length))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (only === null) return available;
  const missing = only.filter((name) => !available.includes(name));
  if (missing.length > 0) throw new Error(`not in ${dir}: ${missing.join(', ')} (available: ${available.join(', ') || 'none'})`);
  return only;
}

/**
 * For each instance: our engine, its rota written to solutions/<name>.roster and
 * re-scored FROM THAT FILE by the independent scorer (the engine's own claims are
 * only compared, never printed as the result), then HiGHS with the same limit,
 * whose rota is re-scored the same way so the reference is honest too.
 */
export async function runSolverBench(
  args: SolverBenchArgs,
  outDir: string,
  log: (line: string) => void,
  solvers: SolverBenchSolvers = REAL_SOLVERS,
  /** Before each instance (the core choice, see fastest-core.ts); its line is logged. */
  beforeInstance?: () => string,
): Promise<SolverBenchLine[]> {
  const names = listInstances(args.dir, args.only);
  const bestKnown = readBestKnown(args.dir);
  const solutionsDir = join(outDir, 'solutions');
  mkdirSync(solutionsDir, { recursive: true });
  const lines: SolverBenchLine[] = [];
  for (const name of names) {
    const instance = parseNrp(readFileSync(join(args.dir, `${name}.txt`), 'utf8'), name);
    log(`${name}: ${instance.horizonDays} days, ${instance.employees.length} staff, ${instance.shiftTypes.length} shift types`);
    if (beforeInstance) log(`  ${beforeInstance()}`);
    const ours = await runEngine(instance, args, solutionsDir, log, solvers.engine);
    const highs = args.skipHighs ? { objective: null, status: 'skipped' } : await runHighs(instance, args, solutionsDir, log, solvers.highs);
    const best = bestKnown.get(name) ?? null;
    lines.push({
      name,
      objective: ours.objective,
      bestKnown: best,
      gapPercent: gapPercent(ours.objective, best),
      seconds: ours.seconds,
      hardViolations: ours.hardViolations,
      highsObjective: highs.objective,
      highsStatus: highs.status,
    });
  }
  return lines;
}

async function runEngine(
  instance: NrpInstance,
  args: SolverBenchArgs,
  solutionsDir: string,
  log: (line: string) => void,
  engine: typeof solveNrp,
): Promise<{ objective: number | null; hardViolations: number | null; seconds: number }> {
  const started = Date.now();
  try {
    const result = await engine(instance, { timeLimitSeconds: args.timeLimitSeconds, seed: args.seed });
    const seconds = Math.round((Date.now() - started) / 10) / 100;
    const score = writeAndRescore(instance, result.assignments, join(solutionsDir, `${instance.name}.roster`));
    if (score.objective !== result.objective || score.hardViolations.length !== result.hardViolations) {
      log(`  WARNING engine claims objective ${result.objective} with ${result.hardViolations} hard violations; the scorer finds ${score.objective} with ${score.hardViolations.length}`);
    }
    for (const violation of score.hardViolations.slice(0, 5)) log(`  hard: ${violation.rule} (${violation.employeeId}) ${violation.detail}`);
    return { objective: score.objective, hardViolations: score.hardViolations.length, seconds };
  } catch (error) {
    log(`  ERROR engine: ${error instanceof Error ? error.message : String(error)}`);
    return { objective: null, hardViolations: null, seconds: Math.round((Date.now() - started) / 10) / 100 };
  }
}

async function runHighs(
  instance: NrpInstance,
  args: SolverBenchArgs,
  solutionsDir: string,
  log: (line: string) => void,
  highs: typeof solveNrpWithHighs,
): Promise<{ objective: number | null; status: string }> {
  const result = await highs(instance, { timeLimitSeconds: args.timeLimitSeconds });
  log(`  HiGHS: ${result.status}, ${result.objective ?? 'none'} in ${result.seconds.toFixed(1)} s`);
  if (result.assignments === null || result.objective === null) return { objective: null, status: result.status };
  const score = writeAndRescore(instance, result.assignments, join(solutionsDir, `${instance.name}.highs.roster`));
  if (score.objective !== result.objective || score.hardViolations.length > 0) {
    log(`  WARNING HiGHS reports ${result.objective}; the scorer finds ${score.objective} with ${score.hardViolations.length} hard violations`);
  }
  return { objective: result.objective, status: result.status };
}

/** The scored rota is the one on disk: write it, read it back, score what was read. */
function writeAndRescore(instance: NrpInstance, assignments: NrpAssignment[], path: string): NrpScore {
  writeFileSync(path, writeRoster(assignments));
  return scoreNrpRoster(instance, readRoster(readFileSync(path, 'utf8')));
}

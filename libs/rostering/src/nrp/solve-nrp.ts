import { compile } from '../compile';
import { evaluate } from '../rules';
import { cellsToAssignments } from '../rota';
import { searchAsync } from '../search';
import { NrpAssignment, NrpInstance } from './nrp-instance';
import { nrpToProblem } from './nrp-to-problem';

export interface NrpSolveProgress { objective: number; hardViolations: number; elapsedMs: number }
export interface NrpSolveResult { assignments: NrpAssignment[]; objective: number; hardViolations: number; seconds: number }

/**
 * Solves a benchmark instance with the service's engine: the instance is mapped to
 * a RotaProblem and goes through the same compile + search as a CPTS rota. The
 * objective and violation count come from the rulebook's rescoring of the result.
 */
export async function solveNrp(
  instance: NrpInstance,
  options: { timeLimitSeconds: number; seed?: number; onProgress?: (p: NrpSolveProgress) => void; signal?: AbortSignal },
): Promise<NrpSolveResult> {
  const started = Date.now();
  const problem = nrpToProblem(instance);
  const model = compile(problem);
  const result = await searchAsync(model, undefined, {
    seed: options.seed ?? 1,
    startedAt: started,
    timeLimitMs: options.timeLimitSeconds * 1000,
    signal: options.signal,
    // A cooling cycle sized from the time limit (an input, so runs stay reproducible).
    coolingIterations: Math.min(30_000_000, Math.max(2_000_000, Math.round(options.timeLimitSeconds * 300_000))),
    onProgress: options.onProgress && ((p) => options.onProgress!({ objective: p.soft, hardViolations: Math.ceil(p.hard), elapsedMs: Date.now() - started })),
  });
  const assignments = cellsToAssignments(model, result.cells);
  const score = evaluate(problem, assignments);
  return {
    assignments: assignments.map((a) => {
      const shift = problem.shifts[model.shiftIndex.get(a.shiftId)!];
      return { employeeId: a.memberId, day: shift.day, shiftId: shift.kind };
    }),
    objective: score.soft,
    hardViolations: score.breaches.filter((b) => b.level === 'hard').length,
    seconds: (Date.now() - started) / 1000,
  };
}


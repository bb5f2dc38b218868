import { resolve } from 'node:path';
import { CompiledModel, compile } from '../compile';
import { assignmentsToCells, cellsToAssignments } from '../rota';
import { LocalSearch } from '../search';
import { NrpAssignment, NrpInstance } from '../nrp/nrp-instance';
import { NRP_ROLE, nrpShiftId, nrpToProblem } from '../nrp/nrp-to-problem';

/** The shipped benchmark folder (../shared beside the repository), or NRP_BENCHMARK_DIR. */
export const BENCHMARK_DIR =
  process.env.NRP_BENCHMARK_DIR ??
  resolve(__dirname, '../../../../../shared/benchmarks/nurse-rostering');

/** A benchmark rota as the engine's compiled model and cells. */
export function cellsOf(instance: NrpInstance, roster: NrpAssignment[]) {
  const model = compile(nrpToProblem(instance));
  const { cells, rejected } = assignmentsToCells(
    model,
    roster.map((a) => ({
      memberId: a.employeeId,
      shiftId: nrpShiftId(a.day, a.shiftId),
      role: NRP_ROLE,
    })),
  );
  if (rejected.length > 0) throw new Error(`rejected assignments: ${JSON.stringify(rejected)}`);
  return { model, cells };
}

/** The engine's cells as a benchmark rota, for the independent scorer. */
export function rosterOf(model: CompiledModel, cells: Int32Array): NrpAssignment[] {
  return cellsToAssignments(model, cells).map((a) => {
    const [day, shiftId] = a.shiftId.split(':');
    return { employeeId: a.memberId, day: Number(day), shiftId };
  });
}

/**
 * A valid rota far from the optimum: the engine's greedy construction and its row
 * repair, with no annealing at all.
 */
export function constructedRota(model: CompiledModel): Int32Array {
  const search = new LocalSearch(model, undefined, {
    seed: 1,
    timeLimitMs: 10_000,
    maxIterations: 0,
    rowReoptimiseEvery: 1,
  });
  search.runSlice(1000);
  if (search.result().hard !== 0) throw new Error('the constructed rota breaks a hard rule');
  return search.result().cells;
}

/** A valid rota from a short annealing run, bounded by iterations so it replays. */
export function annealedRota(model: CompiledModel, iterations: number): Int32Array {
  const search = new LocalSearch(model, undefined, {
    seed: 1,
    timeLimitMs: 60_000,
    maxIterations: iterations,
    rowReoptimiseEvery: 5000,
  });
  while (!search.done) search.runSlice(200);
  if (search.result().hard !== 0) throw new Error('the annealed rota breaks a hard rule');
  return search.result().cells;
}

import { renameSync, writeFileSync } from 'node:fs';
import loadHighs from 'highs';
import { assignmentsFromColumns, buildNrpMip, objectiveOfColumns } from './highs-nrp-model';
import { highsModelData } from './highs-io';
import { NrpAssignment, NrpInstance } from './nrp-instance';

/**
 * Child process that runs HiGHS, which blocks its thread for the whole solve.
 * Results go through files written synchronously (then renamed, so a reader never
 * sees half a file): an IPC message queued while run() blocks might never leave
 * if the parent has to kill us at the time limit, but the last incumbent on disk does.
 */
export interface HighsWorkerRequest {
  instance: NrpInstance;
  timeLimitSeconds: number;
  /** above this many matrix entries the model is not even handed to HiGHS (2 GB wasm heap) */
  maxNonzeros: number;
  incumbentPath: string;
  resultPath: string;
}

export interface HighsWorkerIncumbent {
  objective: number;
  assignments: NrpAssignment[];
  seconds: number;
}

export type HighsWorkerResult =
  | { kind: 'solved'; modelStatus: string; objective: number | null; assignments: NrpAssignment[] | null }
  | { kind: 'too-large'; detail: string }
  | { kind: 'error'; detail: string };

function writeAtomically(path: string, value: unknown): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(value));
  renameSync(`${path}.tmp`, path);
}

async function solve(request: HighsWorkerRequest): Promise<HighsWorkerResult> {
  const started = Date.now();
  const mip = buildNrpMip(request.instance);
  const nonzeros = mip.indices.length;
  if (nonzeros > request.maxNonzeros) {
    return { kind: 'too-large', detail: `${mip.numCols} columns, ${mip.numRows} rows, ${nonzeros} nonzeros (limit ${request.maxNonzeros})` };
  }
  const highs = await loadHighs();
  const model = highs.createModel();
  try {
    const remaining = request.timeLimitSeconds - (Date.now() - started) / 1000;
    model.options.set({ output_flag: false, time_limit: Math.max(1, remaining), mip_rel_gap: 0, mip_abs_gap: 0.5 });
    model.passModel(highsModelData(mip, highs.infinity));
    const run = model.run({
      [highs.constants.callbackType.mipImprovingSolution]: (event) => {
        const solution = event.data.mip_solution as ArrayLike<number> | undefined;
        if (!solution) return;
        const incumbent: HighsWorkerIncumbent = {
          objective: objectiveOfColumns(mip, solution),
          assignments: assignmentsFromColumns(mip, solution),
          seconds: (Date.now() - started) / 1000,
        };
        writeAtomically(request.incumbentPath, incumbent);
      },
    });
    const modelStatus = statusName(highs.constants.modelStatus, run.modelStatus);
    const hasPrimal = model.info.get('primal_solution_status') === highs.constants.solutionStatus.feasible;
    if (!hasPrimal) return { kind: 'solved', modelStatus, objective: null, assignments: null };
    const columns = model.getSolution().colValue;
    const objective = objectiveOfColumns(mip, columns);
    // At a proven optimum the slacks are tight, so the two must agree; say so if not.
    const reported = model.getObjectiveValue();
    const agreed = modelStatus !== 'optimal' || Math.abs(reported - objective) < 1e-6 * Math.max(1, objective);
    const status = agreed ? modelStatus : `${modelStatus} (but HiGHS reports ${reported})`;
    return { kind: 'solved', modelStatus: status, objective, assignments: assignmentsFromColumns(mip, columns) };
  } finally {
    model.dispose();
  }
}

function statusName(codes: Readonly<Record<string, number>>, code: number): string {
  return Object.entries(codes).find(([, value]) => value === code)?.[0] ?? `status ${code}`;
}

process.once('message', (request: HighsWorkerRequest) => {
  void solve(request)
    .catch((error: unknown): HighsWorkerResult => ({ kind: 'error', detail: error instanceof Error ? error.message : String(error) }))
    .then((result) => {
      writeAtomically(request.resultPath, result);
      process.exit(0);
    });
});

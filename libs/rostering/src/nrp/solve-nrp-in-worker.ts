import * as path from 'node:path';
import { runInWorker } from '../worker';
import { NrpInstance } from './nrp-instance';
import { NrpSolveOptions, NrpSolveProgress, NrpSolveResult } from './solve-nrp';

/**
 * `solveNrp` in a worker thread of its own, as the service runs the engine: each solve
 * starts on a fresh heap (and a fresh HiGHS module). In one process, Instance24 solved
 * after the seventeen instances before it ended at 58,357, alone at 55,361 (60 s, seed 1).
 */
export function solveNrpInWorker(
  instance: NrpInstance,
  options: NrpSolveOptions,
): Promise<NrpSolveResult> {
  const { onProgress, signal, ...plain } = options;
  return runInWorker<NrpSolveProgress, NrpSolveResult>(
    path.join(__dirname, 'solve-nrp.worker'),
    { instance, options: plain, progress: onProgress !== undefined },
    onProgress,
    signal,
  );
}

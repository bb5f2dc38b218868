import { workerData } from 'node:worker_threads';
import { serveInWorker } from '../worker-side';
import { NrpInstance } from './nrp-instance';
import { NrpSolveOptions, NrpSolveProgress, NrpSolveResult, solveNrp } from './solve-nrp';

/** The worker side of solveNrpInWorker: solves, streams progress, obeys a cancel message. */
const { instance, options, progress } = workerData as {
  instance: NrpInstance;
  options: Omit<NrpSolveOptions, 'onProgress' | 'signal'>;
  /** Whether the caller listens to progress (else none is posted). */
  progress: boolean;
};
serveInWorker<NrpSolveProgress, NrpSolveResult>((signal, onProgress) =>
  solveNrp(instance, { ...options, signal, onProgress: progress ? onProgress : undefined }),
);

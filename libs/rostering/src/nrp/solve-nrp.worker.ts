import { parentPort, workerData } from 'node:worker_threads';
import { NrpInstance } from './nrp-instance';
import { NrpSolveOptions, solveNrp } from './solve-nrp';

/** The worker side of solveNrpInWorker: solves, streams progress, obeys a cancel message. */
const { instance, options, progress } = workerData as {
  instance: NrpInstance;
  options: Omit<NrpSolveOptions, 'onProgress' | 'signal'>;
  /** Whether the caller listens to progress (else none is posted). */
  progress: boolean;
};
const controller = new AbortController();
parentPort!.on('message', (message: { type: string }) => {
  if (message.type === 'cancel') controller.abort();
});
solveNrp(instance, {
  ...options,
  signal: controller.signal,
  onProgress: progress
    ? (p) => parentPort!.postMessage({ type: 'progress', progress: p })
    : undefined,
}).then(
  (result) => parentPort!.postMessage({ type: 'result', result }),
  (error: unknown) =>
    parentPort!.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    }),
);

import { parentPort, workerData } from 'node:worker_threads';
import { RotaProblem } from './model';
import { SolveOptions, solveAsync } from './solve';

/** The worker side of solveInWorker: solves, streams progress, obeys a cancel message. */
const { problem, options } = workerData as { problem: RotaProblem; options: Omit<SolveOptions, 'onProgress' | 'signal'> };
const controller = new AbortController();
parentPort!.on('message', (message: { type: string }) => {
  if (message.type === 'cancel') controller.abort();
});
solveAsync(problem, {
  ...options,
  signal: controller.signal,
  onProgress: (progress) => parentPort!.postMessage({ type: 'progress', progress }),
}).then(
  (result) => parentPort!.postMessage({ type: 'result', result }),
  (error: unknown) => parentPort!.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);

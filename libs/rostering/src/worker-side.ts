import { parentPort } from 'node:worker_threads';

/**
 * The worker side of runInWorker: runs `work` with a signal that a cancel message
 * aborts and a progress callback that posts to the parent, then posts its result or
 * its error (the messages runInWorker reads).
 */
export function serveInWorker<P, R>(
  work: (signal: AbortSignal, onProgress: (progress: P) => void) => Promise<R>,
): void {
  const controller = new AbortController();
  parentPort!.on('message', (message: { type: string }) => {
    if (message.type === 'cancel') controller.abort();
  });
  work(controller.signal, (progress) =>
    parentPort!.postMessage({ type: 'progress', progress }),
  ).then(
    (result) => parentPort!.postMessage({ type: 'result', result }),
    (error: unknown) =>
      parentPort!.postMessage({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
      }),
  );
}

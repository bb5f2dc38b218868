import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { RotaProblem } from './model';
import { SolveOptions, SolveProgress, SolveResult } from './solve';

/**
 * Loads the worker entry next to this file. From compiled JavaScript that is a plain
 * require; from TypeScript sources (jest, scripts) the worker registers a minimal
 * @swc/core hook first, since a worker does not inherit the parent's transpiler.
 */
function bootstrap(entry: string): string {
  return `
const entry = ${JSON.stringify(entry)};
if (entry.endsWith('.ts')) {
  const fs = require('node:fs');
  const { transformSync } = require('@swc/core');
  require.extensions['.ts'] = (module, filename) => {
    const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
      filename, module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    });
    module._compile(code, filename);
  };
}
require(entry);
`;
}

type WorkerMessage<P, R> =
  | { type: 'progress'; progress: P }
  | { type: 'result'; result: R }
  | { type: 'error'; message: string };

/**
 * Runs a worker entry (its path without extension: `.ts` or `.js`, as this file is) on
 * `data` in a worker thread of its own. The entry answers through `serveInWorker`
 * (worker-side.ts): progress, then one result or error; aborting `signal` sends it a
 * cancel message.
 */
export function runInWorker<P, R>(
  entry: string,
  data: unknown,
  onProgress?: (progress: P) => void,
  signal?: AbortSignal,
): Promise<R> {
  const file = `${entry}${path.extname(__filename)}`;
  const worker = new Worker(bootstrap(file), { eval: true, workerData: data });
  return new Promise<R>((resolve, reject) => {
    const onAbort = () => worker.postMessage({ type: 'cancel' });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage<P, R>) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'result') settle(() => resolve(message.result));
      else settle(() => reject(new Error(message.message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`rota worker stopped with code ${code}`))),
    );
  });
}

/**
 * Solves in a worker thread so the service's event loop stays free. Progress arrives
 * through options.onProgress; aborting options.signal stops the search, which still
 * resolves with the best rota found so far.
 */
export function solveInWorker(
  problem: RotaProblem,
  options: SolveOptions = {},
): Promise<SolveResult> {
  const { onProgress, signal, ...plain } = options;
  return runInWorker<SolveProgress, SolveResult>(
    path.join(__dirname, 'worker-entry'),
    { problem, options: plain },
    onProgress,
    signal,
  );
}

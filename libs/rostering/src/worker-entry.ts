import { workerData } from 'node:worker_threads';
import { RotaProblem } from './model';
import { SolveOptions, SolveProgress, SolveResult, solveAsync } from './solve';
import { serveInWorker } from './worker-side';

/** The worker side of solveInWorker: solves, streams progress, obeys a cancel message. */
const { problem, options } = workerData as { problem: RotaProblem; options: Omit<SolveOptions, 'onProgress' | 'signal'> };
serveInWorker<SolveProgress, SolveResult>((signal, onProgress) => solveAsync(problem, { ...options, signal, onProgress }));

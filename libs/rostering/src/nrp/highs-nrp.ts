import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HighsWorkerIncumbent, HighsWorkerRequest, HighsWorkerResult } from './highs-nrp.worker';
import { NrpAssignment, NrpInstance } from './nrp-instance';

/**
 * The exact reference for the benchmark: HiGHS (MIP, WebAssembly) on the model of
 * buildNrpMip. HiGHS blocks its thread and may ignore its own time limit inside
 * presolve or run out of its 2 GB heap on the largest instances, so it runs in a
 * child process that is killed from outside at the limit plus a grace period.
 *
 * `status` says why `objective` is what it is:
 * - `optimal` — proven optimal;
 * - `time limit: best found` / `time limit: none found` — HiGHS stopped itself;
 * - `killed at time limit: best found` / `… none found` — HiGHS overran and was killed;
 * - `model too large: …` — not attempted (see maxNonzeros);
 * - `crashed (…): best found` / `… none found` — the child died (e.g. out of memory);
 * - `infeasible`, `error: …` — no rota.
 */
export interface HighsNrpResult {
  status: string;
  objective: number | null;
  assignments: NrpAssignment[] | null;
  seconds: number;
}

export interface HighsNrpOptions {
  timeLimitSeconds: number;
  /** extra time before the child is killed; default 10% of the limit, at least 3 s */
  graceSeconds?: number;
  /** models with more matrix entries are reported as too large; default 20 million */
  maxNonzeros?: number;
}

const DEFAULT_MAX_NONZEROS = 20_000_000;

export async function solveNrpWithHighs(instance: NrpInstance, options: HighsNrpOptions): Promise<HighsNrpResult> {
  const started = Date.now();
  const seconds = (): number => (Date.now() - started) / 1000;
  const scratch = mkdtempSync(join(tmpdir(), 'highs-nrp-'));
  const request: HighsWorkerRequest = {
    instance,
    timeLimitSeconds: options.timeLimitSeconds,
    maxNonzeros: options.maxNonzeros ?? DEFAULT_MAX_NONZEROS,
    incumbentPath: join(scratch, 'incumbent.json'),
    resultPath: join(scratch, 'result.json'),
  };
  const graceSeconds = options.graceSeconds ?? Math.max(3, options.timeLimitSeconds * 0.1);
  try {
    const exit = await runWorker(request, (options.timeLimitSeconds + graceSeconds) * 1000);
    const incumbent = readJson<HighsWorkerIncumbent>(request.incumbentPath);
    const result = readJson<HighsWorkerResult>(request.resultPath);
    const found = (status: string): HighsNrpResult =>
      incumbent
        ? { status: `${status}: best found`, objective: incumbent.objective, assignments: incumbent.assignments, seconds: seconds() }
        : { status: `${status}: none found`, objective: null, assignments: null, seconds: seconds() };
    if (exit.killed) return found('killed at time limit');
    if (!result) return found(`crashed (${exit.description})`);
    switch (result.kind) {
      case 'too-large':
        return { status: `model too large: ${result.detail}`, objective: null, assignments: null, seconds: seconds() };
      case 'error':
        return { status: `error: ${result.detail}`, objective: null, assignments: null, seconds: seconds() };
      case 'solved':
        if (result.modelStatus === 'timeLimit') return result.objective === null ? found('time limit') : {
          status: 'time limit: best found', objective: result.objective, assignments: result.assignments, seconds: seconds(),
        };
        return { status: result.modelStatus, objective: result.objective, assignments: result.assignments, seconds: seconds() };
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface WorkerExit {
  killed: boolean;
  description: string;
}

/** Runs the worker to its end, or SIGKILLs it once `killAfterMs` have passed. */
function runWorker(request: HighsWorkerRequest, killAfterMs: number): Promise<WorkerExit> {
  // Run from source (jest, swc-node) this file is TypeScript, so the child needs a loader too.
  const typescript = __filename.endsWith('.ts');
  const child = fork(join(__dirname, `highs-nrp.worker.${typescript ? 'ts' : 'js'}`), [], {
    // Resolved from here, not from the working directory, so any caller's cwd works.
    execArgv: typescript ? ['-r', require.resolve('@swc-node/register')] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  return new Promise((resolve, reject) => {
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, killAfterMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ killed, description: signal ? `signal ${signal}` : `exit code ${code}` });
    });
    child.send(request);
  });
}

function readJson<T>(path: string): T | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
}

import { CompiledModel, compile } from './compile';
import { Assignment, RotaProblem } from './model';
import { assignmentsToCells, cellsToAssignments } from './rota';
import { ScoreState } from './score-state';
import { SearchOptions, SearchResult, search, searchAsync } from './search';

export interface SolveProgress {
  /** Best hard score so far (hours and counts of hard breaches); 0 means valid. */
  hard: number;
  soft: number;
  elapsedMs: number;
  iterations: number;
}

export interface SolveOptions {
  seed?: number;
  /** Stop after this long (default 5 s); the only time-dependent decision. */
  timeLimitMs?: number;
  maxIterations?: number;
  onProgress?: (p: SolveProgress) => void;
  /** How often onProgress fires (default 250 ms). */
  progressEveryMs?: number;
  signal?: AbortSignal;
  /** Start from this rota instead of an empty one. */
  initialRota?: Assignment[];
  /** Fill needs greedily before the search (default true). */
  construct?: boolean;
  /** Search tuning: soft cost of one hard hour, annealing temperatures and cycle length. */
  hardWeight?: number;
  temperature?: [number, number];
  coolingIterations?: number;
}

export interface Score {
  hard: number;
  soft: number;
}

export interface SolveResult {
  rota: Assignment[];
  score: Score;
  iterations: number;
  elapsedMs: number;
  stoppedBy: 'time' | 'iterations' | 'cancelled';
}

const DEFAULT_TIME_LIMIT_MS = 5000;

function searchOptions(options: SolveOptions, startedAt: number): SearchOptions {
  return {
    startedAt,
    seed: options.seed ?? 1,
    timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
    maxIterations: options.maxIterations,
    onProgress: options.onProgress,
    progressEveryMs: options.progressEveryMs,
    signal: options.signal,
    construct: options.construct,
    hardWeight: options.hardWeight,
    temperature: options.temperature,
    coolingIterations: options.coolingIterations,
  };
}

function initialCells(model: CompiledModel, options: SolveOptions): Int32Array | undefined {
  return options.initialRota ? assignmentsToCells(model, options.initialRota).cells : undefined;
}

export function toSolveResult(model: CompiledModel, r: SearchResult): SolveResult {
  // Rescore the best cells from a fresh state so no drift of the running sums leaks out.
  const fresh = new ScoreState(model, r.cells);
  return {
    rota: cellsToAssignments(model, r.cells),
    score: { hard: fresh.hardScore(), soft: fresh.soft },
    iterations: r.iterations, elapsedMs: r.elapsedMs, stoppedBy: r.stoppedBy,
  };
}

/**
 * Solves in the calling thread and blocks it: an AbortSignal can only stop it when
 * aborted from elsewhere (another thread); use solveAsync or solveInWorker in a service.
 */
export function solve(problem: RotaProblem, options: SolveOptions = {}): SolveResult {
  const startedAt = Date.now();
  const model = compile(problem);
  return toSolveResult(model, search(model, initialCells(model, options), searchOptions(options, startedAt)));
}

/** Same search, yielding to the event loop every 50 ms so progress and aborts get through. */
export async function solveAsync(problem: RotaProblem, options: SolveOptions = {}): Promise<SolveResult> {
  const startedAt = Date.now();
  const model = compile(problem);
  return toSolveResult(model, await searchAsync(model, initialCells(model, options), searchOptions(options, startedAt)));
}

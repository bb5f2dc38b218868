import { CompiledModel } from '../compile';
import { ScoreState } from '../score-state';
import { NrpInstance } from './nrp-instance';
import { RowBreach, windowLns } from './window-lns';

export interface RepairCurrentOptions {
  seed: number;
  /** Absolute clock by which HiGHS's repair of the current rota stops. */
  deadline: number;
  violators: (cells: Int32Array) => RowBreach[];
  signal?: AbortSignal;
}

/**
 * A copy of `cells` repaired by HiGHS until valid or the deadline: rounds of
 * fix-and-optimise over windows around the rows breaking a rule (every rule of the
 * benchmark is a member's own), a window that finds nothing doubling up to whole rows.
 * The annealing's rescue, its last call and the repair before windows all use it.
 */
export async function rescueRota(
  instance: NrpInstance,
  model: CompiledModel,
  cells: Int32Array,
  options: RepairCurrentOptions,
): Promise<Int32Array> {
  const repaired = await windowLns(instance, model, Int32Array.from(cells), {
    seed: options.seed,
    exact: 'span',
    untilValid: true,
    violators: options.violators,
    deadline: options.deadline,
    signal: options.signal,
  });
  return repaired.cells;
}

/**
 * The rota an annealing hands on: its best (kept hard first, then soft), unless its
 * current rota breaks a rule yet costs less than that best. The current one is then
 * repaired by HiGHS, as the annealing's rescue does (rounds over windows around the
 * breaking rows, doubling up to whole rows), and taken when the repair ends valid and
 * still the cheaper. The best is a valid rota of the first seconds when the annealing
 * walked through breaches ever since: on 2026-12-05 one run of Instance24 in sixteen
 * ended at 145,742 that way, its current rota a few breaches from about 52,000.
 */
export async function bestOrRepairedCurrent(
  instance: NrpInstance,
  model: CompiledModel,
  best: Int32Array,
  current: Int32Array,
  options: RepairCurrentOptions,
): Promise<Int32Array> {
  const bestScore = new ScoreState(model, best);
  const currentScore = new ScoreState(model, current);
  if (currentScore.hard === 0 || currentScore.soft >= bestScore.soft) return best;
  if (options.signal?.aborted || Date.now() >= options.deadline) return best;
  const repaired = await rescueRota(instance, model, current, options);
  const repairedScore = new ScoreState(model, repaired);
  const better =
    repairedScore.hard < bestScore.hard ||
    (repairedScore.hard === bestScore.hard && repairedScore.soft < bestScore.soft);
  return better ? repaired : best;
}

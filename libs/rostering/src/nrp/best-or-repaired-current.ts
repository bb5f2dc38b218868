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
  const repaired = await windowLns(instance, model, Int32Array.from(current), {
    seed: options.seed,
    exact: 'span',
    untilValid: true,
    violators: options.violators,
    deadline: options.deadline,
    signal: options.signal,
  });
  const repairedScore = new ScoreState(model, repaired.cells);
  const better =
    repairedScore.hard < bestScore.hard ||
    (repairedScore.hard === bestScore.hard && repairedScore.soft < bestScore.soft);
  return better ? repaired.cells : best;
}

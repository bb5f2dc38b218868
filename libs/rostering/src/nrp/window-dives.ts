import { CompiledModel } from '../compile';
import { ScoreState } from '../score-state';
import { columnGenerationDive } from './column-generation';

export interface WindowDivesOptions {
  /** Days of each window, and how far the next one starts after it. */
  days: number;
  step: number;
  deadline: number;
  signal?: AbortSignal;
  onImprove?: (soft: number) => void;
}

/**
 * Column generation and a dive over one window of days after another, the rest of every
 * row kept (column-generation.ts), in passes over the horizon until the deadline or
 * until a whole pass improves nothing. Where the whole horizon's rows price too slowly
 * (Instance20: 62,776 states a day over 182 days), a window's price in milliseconds:
 * its master trades week-ends and shifts between every member over those days. Each
 * window starts from the best rota so far and its rota is kept when better. The rota
 * given must be valid; the one returned is.
 */
export async function windowDives(
  model: CompiledModel,
  cells: Int32Array,
  options: WindowDivesOptions,
): Promise<{ cells: Int32Array; soft: number }> {
  const D = model.days;
  let best = cells;
  let soft = new ScoreState(model, cells).soft;
  const over = (): boolean => Date.now() >= options.deadline || !!options.signal?.aborted;
  for (let improved = true; improved && !over();) {
    improved = false;
    for (let from = 0; from < D && !over(); from += options.step) {
      const to = Math.min(D, from + options.days);
      const result = await columnGenerationDive(model, best, {
        deadline: options.deadline,
        window: { from, to },
        signal: options.signal,
      }).catch(() => null); // HiGHS failing on one window leaves the others
      if (result) {
        const state = new ScoreState(model, result.cells);
        if (state.hard === 0 && state.soft < soft) {
          best = result.cells;
          soft = state.soft;
          improved = true;
          options.onImprove?.(soft);
        }
      }
      if (to === D) break;
    }
  }
  return { cells: best, soft };
}

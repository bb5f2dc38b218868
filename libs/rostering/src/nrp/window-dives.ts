import { CompiledModel } from '../compile';
import { ScoreState } from '../score-state';
import { columnGenerationDive } from './column-generation';

/** Days by which each pass's windows start later than the previous pass's. */
const PASS_SHIFT = 5;

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
 * until two passes in a row improve nothing. Where the whole horizon's rows price too slowly
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
  // Each pass shifts its windows (by PASS_SHIFT days), so that a pass after one that
  // improved nothing still tries other windows; two such passes end it.
  for (let pass = 0, idle = 0; idle < 2 && !over(); pass++) {
    let improved = false;
    const shift = (pass * PASS_SHIFT) % options.step;
    for (
      let start = shift > 0 ? shift - options.step : 0;
      start < D && !over();
      start += options.step
    ) {
      const from = Math.max(0, start);
      const to = Math.min(D, start + options.days);
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
    idle = improved ? 0 : idle + 1;
  }
  return { cells: best, soft };
}

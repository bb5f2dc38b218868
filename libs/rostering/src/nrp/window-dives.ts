import { CompiledModel, NONE } from '../compile';
import { ScoreState } from '../score-state';
import { columnGenerationDive } from './column-generation';

/** Days by which each pass's windows start later than the previous pass's. */
const PASS_SHIFT = 5;

export interface WindowDivesOptions {
  /** Days of each window, and how far the next one starts after it. */
  days: number;
  step: number;
  /**
   * Week-ends freed together in the passes over week-ends (0: none), every other pass;
   * the next window starts half of them later.
   */
  weekends?: number;
  deadline: number;
  signal?: AbortSignal;
  onImprove?: (soft: number) => void;
}

interface Window {
  from: number;
  to: number;
  free?: Uint8Array;
}

/** The windows of a pass over days: `days` long, `step` apart, the first ones shifted. */
function* dayWindows(D: number, options: WindowDivesOptions, pass: number): Generator<Window> {
  const shift = (pass * PASS_SHIFT) % options.step;
  for (let start = shift > 0 ? shift - options.step : 0; start < D; start += options.step) {
    const to = Math.min(D, start + options.days);
    yield { from: Math.max(0, start), to };
    if (to === D) return;
  }
}

/**
 * The windows of a pass over week-ends: the days of `count` week-ends in a row are free,
 * the weekdays between them kept, so members trade week-ends across weeks.
 */
function* weekendWindows(model: CompiledModel, count: number): Generator<Window> {
  const D = model.days;
  const starts: number[] = [];
  for (let d = 0; d < D; d++)
    if (
      model.weekendOfDay[d] !== NONE &&
      (d === 0 || model.weekendOfDay[d - 1] !== model.weekendOfDay[d])
    )
      starts.push(d);
  const step = Math.max(1, Math.floor(count / 2));
  for (let i = 0; i < starts.length; i += step) {
    const free = new Uint8Array(D);
    let to = 0;
    for (const s of starts.slice(i, i + count))
      for (let d = s; d < D && model.weekendOfDay[d] === model.weekendOfDay[s]; d++) {
        free[d] = 1;
        to = d + 1;
      }
    yield { from: starts[i], to, free };
    if (i + count >= starts.length) return;
  }
}

/**
 * Column generation and a dive over one window of days after another, the rest of every
 * row kept (column-generation.ts), in passes over the horizon until the deadline or
 * until two passes in a row improve nothing. Where the whole horizon's rows price too
 * slowly (Instance20: 33,040 states a day over 182 days), a window's price in
 * milliseconds: its master trades shifts between every member over those days, at the
 * window's optimum most of the time (Instance22's dives mostly end at their root LP).
 * What a window cannot move is what its rows keep outside: week-ends, minutes and
 * capped shifts spent elsewhere. Passes over week-ends (free week-end days, weekdays
 * kept) move week-ends across weeks. Each window starts from the best rota so far and
 * its rota is kept when better. The rota given must be valid; the one returned is.
 */
export async function windowDives(
  model: CompiledModel,
  cells: Int32Array,
  options: WindowDivesOptions,
): Promise<{ cells: Int32Array; soft: number }> {
  let best = cells;
  let soft = new ScoreState(model, cells).soft;
  const over = (): boolean => Date.now() >= options.deadline || !!options.signal?.aborted;
  // Each pass over days shifts its windows, so that a pass after one that improved
  // nothing still tries other windows; two idle passes in a row end it.
  for (let pass = 0, idle = 0; idle < 2 && !over(); pass++) {
    let improved = false;
    const windows =
      options.weekends && pass % 2 === 1
        ? weekendWindows(model, options.weekends)
        : dayWindows(model.days, options, pass >> (options.weekends ? 1 : 0));
    for (const window of windows) {
      if (over()) break;
      const result = await columnGenerationDive(model, best, {
        deadline: options.deadline,
        window,
        signal: options.signal,
      }).catch(() => null); // HiGHS failing on one window leaves the others
      if (!result) continue;
      const state = new ScoreState(model, result.cells);
      if (state.hard === 0 && state.soft < soft) {
        best = result.cells;
        soft = state.soft;
        improved = true;
        options.onImprove?.(soft);
      }
    }
    idle = improved ? 0 : idle + 1;
  }
  return { cells: best, soft };
}

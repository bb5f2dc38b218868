import { CompiledModel } from '../compile';
import { Prng } from '../prng';
import { ScoreState } from '../score-state';
import { NrpInstance } from './nrp-instance';
import { FixAndOptimise } from './fix-and-optimise';

export interface WindowLnsOptions {
  seed: number;
  /** Absolute clock (ms since epoch) at which to stop. */
  deadline: number;
  signal?: AbortSignal;
  onImprove?: (hard: number, soft: number) => void;
}

export interface WindowLnsResult {
  cells: Int32Array;
  rounds: number;
  improvements: number;
  /** Window length (days) reached. */
  window: number;
}

/** Window lengths in days: the search starts small and lengthens when a length stops paying. */
const FIRST_WINDOW = 4;
/** Free cells (member × day × shift type) a window may hold: bounds each solve by size. */
const MAX_FREE_COLUMNS = 1500;
/** Fewest members a window frees (below, a window is too thin to trade shifts). */
const MIN_MEMBERS = 4;
/** Branch-and-bound nodes per solve: bounds the work by size, so a seed replays a run. */
const MAX_NODES = 400;
/** A safety net only; a solve cut by it may not replay exactly. */
const SAFETY_SECONDS = 3;

/**
 * Large-neighbourhood search with exact re-optimisation (fix-and-optimise): every
 * member's cells over a window of a few days are freed, everything else is fixed,
 * and HiGHS finds the best values of the window on the benchmark's MIP, rules
 * crossing the window's edges included (on wide wards, a random subset of members
 * so that a window stays small enough to solve quickly). The engine's own score decides: a result is
 * kept when not worse, hard first, so sideways moves let the search drift. Windows
 * start at a random day; their length grows after a sweep of the horizon without
 * improvement. Starts from a rota keeping every hard rule (the fixed part must).
 */
export async function windowLns(
  instance: NrpInstance,
  model: CompiledModel,
  start: Int32Array,
  options: WindowLnsOptions,
): Promise<WindowLnsResult> {
  const fo = await FixAndOptimise.load(instance, model);
  try {
    const state = new ScoreState(model, start);
    const rng = new Prng(options.seed ^ 0x2545f491);
    const E = model.members;
    const D = model.days;
    const S = instance.shiftTypes.length;
    // Members a window of `w` days frees: all of them while the size allows, else a random subset.
    const membersFor = (w: number): number => Math.min(E, Math.floor(MAX_FREE_COLUMNS / (S * w)));
    let window = Math.min(D, FIRST_WINDOW);
    while (window > 1 && membersFor(window) < MIN_MEMBERS) window--;
    const order = Int32Array.from({ length: E }, (_, e) => e);
    let stall = 0;
    let rounds = 0;
    let improvements = 0;
    const free = new Uint8Array(E * D);
    while (Date.now() < options.deadline && !options.signal?.aborted) {
      const first = rng.int(D - window + 1);
      const count = membersFor(window);
      for (let i = 0; i < count; i++) {
        const j = i + rng.int(E - i);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      free.fill(0);
      for (let i = 0; i < count; i++)
        for (let d = first; d < first + window; d++) free[order[i] * D + d] = 1;
      const remaining = (options.deadline - Date.now()) / 1000;
      const out = fo.solve(state.cells, free, {
        maxNodes: MAX_NODES,
        timeLimitSeconds: Math.max(0.05, Math.min(SAFETY_SECONDS, remaining)),
      });
      rounds++;
      let improved = false;
      if (out) {
        const hard = state.hard;
        const soft = state.soft;
        const old = Int32Array.from(state.cells);
        for (let i = 0; i < count; i++)
          for (let d = first; d < first + window; d++)
            state.change(order[i], d, out[order[i] * D + d]);
        if (state.hard > hard || (state.hard === hard && state.soft > soft + 1e-9)) {
          for (let i = 0; i < count; i++)
            for (let d = first; d < first + window; d++)
              state.change(order[i], d, old[order[i] * D + d]);
        } else if (state.hard < hard || state.soft < soft - 1e-9) {
          improved = true;
          improvements++;
          options.onImprove?.(state.hard, state.soft);
        }
      }
      stall = improved ? 0 : stall + 1;
      // A sweep's worth of windows without gain: try longer ones.
      if (
        stall >= Math.ceil(D / window) + 2 &&
        window < D &&
        membersFor(window + 1) >= MIN_MEMBERS
      ) {
        window++;
        stall = 0;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { cells: Int32Array.from(state.cells), rounds, improvements, window };
  } finally {
    fo.dispose();
  }
}

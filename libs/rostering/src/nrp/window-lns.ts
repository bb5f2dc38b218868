import { CompiledModel } from '../compile';
import { Prng } from '../prng';
import { ScoreState } from '../score-state';
import { NrpInstance } from './nrp-instance';
import { FixAndOptimise } from './fix-and-optimise';
import { SpanFixAndOptimise } from './span-fix-and-optimise';
import { neighbourhoodDays } from './neighbourhood-days';

export interface WindowLnsOptions {
  seed: number;
  /** Absolute clock (ms since epoch) at which to stop. */
  deadline: number;
  signal?: AbortSignal;
  onImprove?: (hard: number, soft: number) => void;
  /** Neighbourhood shapes to draw from (default: both). */
  kinds?: NeighbourhoodKind[];
  /**
   * `whole`: the whole MIP is loaded once and each round fixes the rest by bounds;
   * `span`: each round builds the MIP of its neighbourhood alone (for instances whose
   * whole MIP is too large to load).
   */
  exact?: 'whole' | 'span';
  /**
   * Rows breaking a hard rule in a rota. While the rota is not valid, each round frees
   * some of them (at most RESCUE_MEMBERS) over a window around their breaches, or whole
   * (see rescueWindow): every rule of the benchmark is a member's own, so HiGHS finds
   * them valid rows given the others.
   */
  violators?: (cells: Int32Array) => RowBreach[];
  /** Stop as soon as the rota keeps every hard rule (a rescue only). */
  untilValid?: boolean;
  /**
   * Absolute clock from which a last round frees every cell and runs until the deadline
   * without a node limit, for instances small enough for HiGHS to prove the whole MIP;
   * its proven optimum ends the search at once.
   */
  wholeFrom?: number;
}

/**
 * A member whose row breaks a hard rule, and the first and last days of the breaches
 * that name a day (rules over the whole horizon name none).
 */
export interface RowBreach {
  member: number;
  first?: number;
  last?: number;
}

export interface WindowLnsResult {
  cells: Int32Array;
  rounds: number;
  improvements: number;
}

/**
 * Three shapes of neighbourhood, drawn in turn at random:
 * - `days`: every member (or as many as fit) over a window of a few days, so shifts
 *   move between members on the same days (cover, requests);
 * - `members`: a few members over as long a stretch as fits, so one member's shifts
 *   move across the horizon (totals, week-ends, runs) while others take the slack;
 * - `split`: every member (or as many as fit) over two windows of days apart, so work
 *   moves between distant weeks with the cover of both free. A rota can be optimal for
 *   every single window and not for these: on Instance6, forty rounds in a row did not
 *   improve it, most proving windows of up to 17 of its 28 days optimal for everyone.
 *
 * A fourth, `rows`, is drawn only when asked for: one member's whole row, everyone else
 * fixed, the members in turn (each once in a shuffled order, then a new order). The
 * engine's own row programme (row-dp.ts) prices the resource rules by multipliers and
 * misses rows HiGHS still improves: on a rota of Instance22 at the end of a 60 s run,
 * HiGHS improved 39 of its 50 rows one by one (0.1–1.2 s each), three of them by a
 * cover unit.
 */
export type NeighbourhoodKind = 'days' | 'members' | 'split' | 'rows';
const KINDS: NeighbourhoodKind[] = ['days', 'members', 'split'];
/** The kinds whose size adapts to how fast HiGHS proves them (a row is a row). */
type SizedKind = Exclude<NeighbourhoodKind, 'rows'>;
/**
 * Windows a `split` neighbourhood is cut into. At 60 s, seed 1, on 2026-12-02, against
 * day windows and members alone: Instance5 1146 against 1161, Instance8 1359 against
 * 1383 (seed 2: 1353 against 1376), Instance14 1358 and 1351 against 1383, Instance20
 * 5584 and 5617 against 5816; Instance16 3349 and 3446 against 3450, Instance18 4991
 * and 5086 against 5085; Instance6, 7, 9, 12 and 22 level within their noise.
 * Up to four windows was level again (better on Instance8, 9 and 20, worse on 14 and 16).
 */
const SPLIT_PIECES = 2;

/** Free cells a neighbourhood starts with; each kind's size then adapts. */
const FIRST_SIZE = 1500;
const MIN_SIZE = 300;
const MAX_SIZE = 12_000;
/** Size change after a neighbourhood solved to optimality (grow) or cut by the node limit (shrink). */
const GROW = 1.15;
const SHRINK = 0.85;
/** Fewest members a `days` window frees (below, a window is too thin to trade shifts). */
const MIN_MEMBERS = 4;
/** Members a `members` neighbourhood frees, drawn in this range. */
const MEMBERS_RANGE: [number, number] = [2, 6];
/** Members a rescue round frees at most, and its time limit. */
const RESCUE_MEMBERS = 3;
const RESCUE_SECONDS = 10;
/**
 * A rescue round frees the first breaking row over a window of at least this many days
 * around all its breaches (anywhere for a rule of the whole horizon), with the other
 * breaking rows whose breaches lie there; the rest of those rows stays fixed, so each
 * of their breaches must be inside (HiGHS finds no valid row otherwise). A window that
 * finds no valid row doubles for the next round, up to whole rows. On Instance24 a
 * round of three whole rows (35,000 cells) hit its 10 s limit, and three such rounds
 * took 32 s; windows of 14 days took 0.1–0.7 s each, proven.
 */
const RESCUE_WINDOW_DAYS = 14;
/** Days a rescue window reaches beyond a row's first and last breach. */
const RESCUE_PAD_DAYS = 3;
/** Branch-and-bound nodes per solve: bounds the work of one round by size. */
const MAX_NODES = 400;
/** The whole-MIP round's node limit: none but HiGHS's own integer range. */
const WHOLE_MAX_NODES = 2 ** 31 - 1;
/** A safety net only; a solve cut by it may not replay exactly. */
const SAFETY_SECONDS = 2;
/**
 * A solve slower than this shrinks its kind even when proven (many small solves beat
 * few large ones). It reads the clock, as the phase boundaries of solveNrp do, so two
 * runs of one seed can draw different neighbourhoods; the node count would replay
 * exactly and is the better measure to try next.
 *
 * 300 ms since 2026-12-04 (1000 before): at 1000, Instance12 made 77–84 rounds in its
 * 33 s, 31–33 of them improving the rota and the last ones still doing so, and its
 * annealing ended a cover unit or two above where fix-and-optimise took it. At 60 s,
 * runs side by side (a bare loop of 10⁹ additions in about 5 s), seeds 1–5: Instance12
 * 4081, 4074, 4087, 4083 and 4106 against 4097, 4195, 4165, 4173 and 4080 (1.3 % less
 * in all), Instance14 1327, 1367, 1343, 1352 and 1364 against 1359, 1356, 1355, 1464
 * and 1451 (3.3 % less); seeds 1–2, Instance18 4990 and 5186 against 5108 and 5096,
 * Instance20 5522 and 5308 against 5484 and 5545 (their cover levels apart, the rest of
 * the objective fell: 126 and 120 against 143 and 131, 692 and 681 against 857 and
 * 816); Instance16 level over seeds 1–4 (13,477 against 13,445 in all), Instance24
 * level (54,816 and 54,873 against 55,453 and 54,092); seed 1, Instance5–11 level or
 * better (Instance8 1336 against 1353, Instance9 447 against 454), Instance4 1716 both,
 * Instance3 proven at 33 s against 21 s. 150 ms against 300 was level on Instance12
 * and 14 (seeds 1–2).
 */
const SLOW_MS = 300;

/**
 * Large-neighbourhood search with exact re-optimisation (fix-and-optimise): a set of
 * (member, day) cells is freed, everything else is fixed, and HiGHS finds the best
 * values of the free cells on the benchmark's MIP, rules crossing the set's edges
 * included, starting from the current rota. The engine's own score decides: a result is
 * kept when not worse, hard first, so sideways moves let the search drift. Each kind of
 * neighbourhood grows while HiGHS proves its optimum within the node limit and shrinks
 * when it cannot, so the size follows what the instance allows. Starts from a rota
 * keeping every hard rule (the fixed part must).
 */
export async function windowLns(
  instance: NrpInstance,
  model: CompiledModel,
  start: Int32Array,
  options: WindowLnsOptions,
): Promise<WindowLnsResult> {
  const fo =
    options.exact === 'span'
      ? await SpanFixAndOptimise.load(instance, model)
      : await FixAndOptimise.load(instance, model);
  let rescuer = fo instanceof SpanFixAndOptimise ? fo : undefined;
  try {
    const state = new ScoreState(model, start);
    const rng = new Prng(options.seed ^ 0x2545f491);
    const kinds = options.kinds ?? KINDS;
    const E = model.members;
    const D = model.days;
    const S = instance.shiftTypes.length;
    // Windows of four days for every member, three members over the horizon, at first.
    const sizes: Record<SizedKind, number> = {
      days: Math.min(FIRST_SIZE, E * S * 4),
      members: Math.min(FIRST_SIZE, 3 * D * S),
      split: Math.min(FIRST_SIZE, E * S * 4),
    };
    const everyDay = Array.from({ length: D }, (_, d) => d);
    const order = Int32Array.from({ length: E }, (_, e) => e);
    // The members of `rows` rounds: each in turn, in a shuffled order redrawn every pass.
    const rowOrder = Int32Array.from({ length: E }, (_, e) => e);
    let rowNext = E;
    const free = new Uint8Array(E * D);
    const old = new Int32Array(E * D);
    let rounds = 0;
    let improvements = 0;
    // After a window that found no valid row, the next rescue round's window is twice as long.
    let rescueDays = RESCUE_WINDOW_DAYS;
    while (
      Date.now() < options.deadline &&
      !options.signal?.aborted &&
      !(options.untilValid && state.hard === 0)
    ) {
      const rescue = state.hard > 0 && options.violators ? options.violators(state.cells) : [];
      const whole =
        rescue.length === 0 && options.wholeFrom !== undefined && Date.now() >= options.wholeFrom;
      const kind = kinds[rng.int(kinds.length)];
      let members: number;
      let chosen = everyDay;
      let windowed = false;
      if (rescue.length > 0) {
        // Rows that break a rule, placed first in `order`: the first one over a window
        // around its breaches with the others whose breaches all lie there, or whole rows.
        const window = rescueWindow(rescue[0], D, rescueDays, rng);
        windowed = window !== undefined;
        let picked = rescue;
        if (window) {
          const [first, length] = window;
          chosen = everyDay.slice(first, first + length);
          picked = rescue.filter(
            (b, i) =>
              i === 0 || (b.first !== undefined && b.first >= first && b.last! < first + length),
          );
        }
        members = Math.min(RESCUE_MEMBERS, picked.length);
        for (let i = 0; i < members; i++) {
          const j = order.indexOf(picked[i].member);
          order[j] = order[i];
          order[i] = picked[i].member;
        }
      } else if (whole) {
        members = E;
      } else if (kind === 'rows') {
        if (rowNext === E) {
          shuffle(rowOrder, E, rng);
          rowNext = 0;
        }
        members = 1;
        const member = rowOrder[rowNext++];
        const j = order.indexOf(member);
        order[j] = order[0];
        order[0] = member;
      } else {
        const shape = shapeOf(kind, sizes[kind], E, D, S, rng);
        members = shape.members;
        chosen = neighbourhoodDays(shape.days, D, kind === 'split' ? SPLIT_PIECES : 1, rng);
        shuffle(order, members, rng);
      }
      free.fill(0);
      for (let i = 0; i < members; i++) for (const d of chosen) free[order[i] * D + d] = 1;
      const t0 = Date.now();
      const remaining = (options.deadline - Date.now()) / 1000;
      // A rescue round's MIP leaves out the members it keeps, whose rows may still break
      // their rules (a whole MIP with them fixed would be infeasible).
      rescuer ??= rescue.length > 0 ? await SpanFixAndOptimise.load(instance, model) : undefined;
      const out = (rescue.length > 0 ? rescuer! : fo).solve(state.cells, free, {
        maxNodes: whole ? WHOLE_MAX_NODES : MAX_NODES,
        // A rescue may take longer than a round: without it the rota stays invalid.
        timeLimitSeconds: Math.max(
          0.05,
          whole
            ? remaining
            : Math.min(rescue.length > 0 ? RESCUE_SECONDS : SAFETY_SECONDS, remaining),
        ),
      });
      rounds++;
      const grow = out?.proven === true && Date.now() - t0 < SLOW_MS;
      if (rescue.length === 0 && !whole && kind !== 'rows')
        sizes[kind] = Math.min(MAX_SIZE, Math.max(MIN_SIZE, sizes[kind] * (grow ? GROW : SHRINK)));
      if (!out) {
        if (rescue.length > 0) rescueDays = windowed ? rescueDays * 2 : RESCUE_WINDOW_DAYS;
        continue;
      }
      const hard = state.hard;
      const soft = state.soft;
      old.set(state.cells);
      for (let i = 0; i < members; i++)
        for (const d of chosen) state.change(order[i], d, out.cells[order[i] * D + d]);
      if (state.hard > hard || (state.hard === hard && state.soft > soft + 1e-9)) {
        for (let i = 0; i < members; i++)
          for (const d of chosen) state.change(order[i], d, old[order[i] * D + d]);
      } else if (state.hard < hard || state.soft < soft - 1e-9) {
        improvements++;
        options.onImprove?.(state.hard, state.soft);
      }
      // A rescue window that did not lower the hard score doubles for the next round.
      if (rescue.length > 0)
        rescueDays = windowed && state.hard >= hard ? rescueDays * 2 : RESCUE_WINDOW_DAYS;
      // The whole MIP proven (or out of time): nothing is left to search.
      if (whole) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { cells: Int32Array.from(state.cells), rounds, improvements };
  } finally {
    fo.dispose();
    if (rescuer !== fo) rescuer?.dispose();
  }
}

/**
 * The window of a rescue round for a breaking row: at least `days` long and reaching
 * RESCUE_PAD_DAYS beyond its first and last breach, centred on them (anywhere for a
 * row whose breaches name no day), as [first day, length]; undefined when it would
 * span the horizon (the whole row is freed).
 */
export function rescueWindow(
  breach: RowBreach,
  horizon: number,
  days: number,
  rng: Prng,
): [number, number] | undefined {
  const spread = breach.first === undefined ? 0 : breach.last! - breach.first + 1;
  const length = Math.max(days, spread + RESCUE_PAD_DAYS * 2);
  if (length >= horizon) return undefined;
  const centre = breach.first === undefined ? rng.int(horizon) : (breach.first + breach.last!) >> 1;
  return [Math.max(0, Math.min(horizon - length, centre - (length >> 1))), length];
}

/** Puts `count` members drawn at random, in random order, at the front of `order`. */
function shuffle(order: Int32Array, count: number, rng: Prng): void {
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(order.length - i);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

/** Members and days of a neighbourhood of about `size` free cells. */
function shapeOf(
  kind: SizedKind,
  size: number,
  E: number,
  D: number,
  S: number,
  rng: Prng,
): { members: number; days: number } {
  const perMemberDay = S;
  if (kind === 'days' || kind === 'split') {
    let days = Math.max(1, Math.min(D, Math.floor(size / (E * perMemberDay))));
    let members = Math.min(E, Math.floor(size / (days * perMemberDay)));
    // A wide ward: fewer members over a short window rather than a window too thin to trade.
    while (members < Math.min(E, MIN_MEMBERS) && days > 1) {
      days--;
      members = Math.min(E, Math.floor(size / (days * perMemberDay)));
    }
    return { members: Math.max(1, members), days };
  }
  const [low, high] = MEMBERS_RANGE;
  const members = Math.min(E, low + rng.int(high - low + 1));
  const days = Math.max(1, Math.min(D, Math.floor(size / (members * perMemberDay))));
  return { members, days };
}

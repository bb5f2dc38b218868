import * as compiled from '../compile';
import { CompiledModel } from '../compile';
import { runLengths } from '../row-dp';

// Module constants and isBlocked read once (see compile.ts on NONE): an imported binding is a getter call at every read.
const { NONE, isBlocked } = compiled;

/** Per-kind caps up to this many shifts become a dimension of the programme; larger ones are checked after. */
const CAP_DIMENSION_MAX = 12;
/** Penalty per shift of a kind whose cap a priced row broke, at first; doubled after. */
const CAP_PENALTY_START = 1;
const CAP_PENALTY_ATTEMPTS = 12;
const CAP_PENALTY_BISECTIONS = 6;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

interface Layout {
  /** Length of work runs (per timing) and rest runs the states tell apart. */
  WL: number;
  OL: number;
  /** Minutes in units of the gcd of shift lengths, 0..C-1. */
  C: number;
  /** Week-ends worked, 0..W-1. */
  W: number;
  /** Shifts of the capped kind, 0..Q-1 (1 when none). */
  Q: number;
  cappedKind: number;
  states: number;
}

/** Days of a row that column generation may change; the others keep `row`. */
export interface PricingWindow {
  /** First day of the window, and the day after its last. */
  from: number;
  to: number;
  /** The member's whole row now (a need or NONE per day). */
  row: ArrayLike<number>;
  /**
   * Which days of the window may change (1), when not all of them: the others keep
   * `row` too, and cost nothing to the row's price. (Week-end days far apart, say, so
   * that members trade week-ends across weeks.) The pricer's cache tells masks apart by
   * identity: another mask is another array, not the same one changed.
   */
  free?: Uint8Array;
}

/** What the days outside a window (and its kept days) leave to a member's programme. */
interface WindowFrame {
  /** The capped kind counted as a state, and its cap. */
  cappedKind: number;
  cap: number;
  /** Shifts of each kind the row works outside the window and on its kept days. */
  spent: Int32Array;
  /** Minutes (in units) and capped shifts of the window's kept days; its free days. */
  keptUnits: number;
  keptCapped: number;
  freeDays: number;
  /** The run state, minutes, week-ends and capped shifts the days before give. */
  r0: number;
  c0: number;
  w0: number;
  q0: number;
  /** Per run state the window may end in: whether the days after keep the run rules, and their week-ends. */
  afterOk: Uint8Array;
  afterWeekends: Int32Array;
  /** Minutes and capped shifts of the days after (whatever the end state). */
  afterUnits: number;
  afterCapped: number;
  fewestAfterWeekends: number;
  /** Week-ends the window's days may add at most. */
  weekendsAdded: number;
}

interface CachedFrame {
  from: number;
  to: number;
  free: Uint8Array | undefined;
  row: Int32Array | undefined;
  /** Null when no row keeps the rules around the window. */
  frame: WindowFrame | null;
}

/** Whether a cached frame was computed for this window and the same row. */
function sameWindow(cached: CachedFrame, window: PricingWindow | undefined): boolean {
  if (!window) return cached.row === undefined;
  if (!cached.row || cached.from !== window.from || cached.to !== window.to) return false;
  if (cached.free !== window.free) return false;
  const row = window.row;
  for (let d = 0; d < cached.row.length; d++) if (cached.row[d] !== row[d]) return false;
  return true;
}

/** Whether day d of a window may change: inside it and, with a mask, free in it. */
function isFreeDay(window: PricingWindow, d: number): boolean {
  return d >= window.from && d < window.to && (!window.free || window.free[d] === 1);
}

/**
 * The cheapest row of one member under any price per need (for column generation,
 * where the prices are the cover rows' duals): a dynamic programme over (day, last
 * timing and run length, minutes worked, week-ends worked, shifts of the member's
 * tightest capped kind). Unlike `RowOptimiser`, which prices the resource rules by
 * Lagrange multipliers and so misses rows when they do not settle, every rule of the
 * benchmark model is a state here, so the row is exact: forbidden successions, min and
 * max consecutive days (runs touching the horizon edges exempt), min consecutive days
 * off, days off, min and max minutes, max week-ends and the tightest per-kind cap. Other
 * caps are checked on the result: a row breaking one is priced again with a penalty on
 * that kind's shifts (then the row is valid but may not be the cheapest; `lastBound`
 * still bounds them all), or refused (null). States grow with minutes × week-ends × cap:
 * `states(e)` says how many.
 */
export class RowPricer {
  private readonly unit: number;
  private readonly maxNeedUnits: number;
  private readonly layouts: Layout[];
  private value = new Float64Array(0);
  private next = new Float64Array(0);
  private from = new Int32Array(0);
  private choice = new Int32Array(0);
  /** Each member's last window frame, with the window and row it was computed for. */
  private readonly frames: (CachedFrame | undefined)[] = [];
  /**
   * After `cheapest`: a cost no row of the member is below, even when it refused its
   * rows for a capped kind it did not count (-Infinity when it found no row at all).
   */
  lastBound = -Infinity;
  /** A day's needs grouped by the states they move between: class, units, capped. */
  private readonly groupClass: Int32Array;
  private readonly groupUnits: Int32Array;
  private readonly groupCapped: Int32Array;
  private readonly groupNeed: Int32Array;
  /**
   * Timings the forbidden successions tell apart (those that may follow and precede the
   * same timings are one class): run states need the last shift's class alone, so
   * Instance22's ten timings make four classes and its programme 22 run states, not 52.
   */
  private readonly classOf: Int32Array;
  private readonly classes: number;
  /** Whether a class may not follow another (previous × T + next). */
  private readonly forbidden: Uint8Array;

  constructor(private readonly m: CompiledModel) {
    let unit = 0;
    let maxNeed = 0;
    for (let n = 0; n < m.needs; n++) {
      unit = gcd(unit, m.needMinutes[n]);
      maxNeed = Math.max(maxNeed, m.needMinutes[n]);
    }
    this.unit = unit || 1;
    this.maxNeedUnits = maxNeed / this.unit;
    const T = m.timings;
    const signature = (t: number): string => {
      let key = '';
      for (let u = 0; u < T; u++) key += m.successionHard[t * T + u] > 0 ? '1' : '0';
      for (let u = 0; u < T; u++) key += m.successionHard[u * T + t] > 0 ? '1' : '0';
      return key;
    };
    const classIndex = new Map<string, number>();
    const first: number[] = [];
    this.classOf = Int32Array.from({ length: T }, (_, t) => {
      const key = signature(t);
      if (!classIndex.has(key)) {
        classIndex.set(key, first.length);
        first.push(t);
      }
      return classIndex.get(key)!;
    });
    this.classes = first.length;
    this.forbidden = new Uint8Array(this.classes * this.classes);
    for (let a = 0; a < this.classes; a++)
      for (let b = 0; b < this.classes; b++)
        this.forbidden[a * this.classes + b] =
          m.successionHard[first[a] * T + first[b]] > 0 ? 1 : 0;
    this.layouts = Array.from({ length: m.members }, (_, e) => this.layout(e));
    let needsADay = 0;
    for (let d = 0; d < m.days; d++)
      needsADay = Math.max(needsADay, m.dayNeedStart[d + 1] - m.dayNeedStart[d]);
    this.groupClass = new Int32Array(needsADay);
    this.groupUnits = new Int32Array(needsADay);
    this.groupCapped = new Int32Array(needsADay);
    this.groupNeed = new Int32Array(needsADay);
  }

  /** States of e's programme per day: its cost is days × states × needs a day. */
  states(e: number): number {
    return this.layouts[e].states;
  }

  private layout(e: number): Layout {
    const m = this.m;
    const D = m.days;
    const K = m.kinds.length;
    const [WL, OL] = runLengths(m, e);
    const C =
      Math.floor(Math.min(m.maxMinutes[e], D * this.maxNeedUnits * this.unit) / this.unit) + 1;
    const W = Math.min(m.maxWeekends[e], D) + 1;
    let cappedKind = -1;
    for (let k = 0; k < K; k++) {
      const cap = m.maxByKind[e * K + k];
      if (cap > 0 && cap < D && cap <= CAP_DIMENSION_MAX)
        if (cappedKind < 0 || cap < m.maxByKind[e * K + cappedKind]) cappedKind = k;
    }
    const Q = cappedKind < 0 ? 1 : m.maxByKind[e * K + cappedKind] + 1;
    return { WL, OL, C, W, Q, cappedKind, states: (this.classes * WL + OL) * C * W * Q };
  }

  /**
   * Cheapest row of member e where working need n costs price[n] (being off costs 0),
   * keeping every rule above: the row (a need or NONE per day) and its cost, or null
   * when no row keeps them. With a window, the row keeps `window.row` outside it and
   * only its days are priced (the cost counts them alone): the days before it give the
   * programme its start state, and each state it may end in is followed through the days
   * after it, so the whole row keeps the rules. Minutes, week-ends and capped shifts are
   * states counted from the start state, up to what the window can add, so a window's
   * programme is as small as its days make it.
   */
  cheapest(
    e: number,
    price: Float64Array,
    window?: PricingWindow,
  ): { row: Int32Array; cost: number } | null {
    this.lastBound = -Infinity;
    let found = this.programme(e, price, window);
    if (!found) return null;
    this.lastBound = found.cost;
    if (found.brokenKind < 0) return found;
    // The row breaks the cap of a kind the programme does not count: priced again with a
    // penalty on that kind's shifts, doubled until the row keeps every cap (a Lagrangian
    // relaxation of the caps). Each programme's cost, less the penalties' share of the
    // caps, bounds the member's rows from below.
    const K = this.m.kinds.length;
    const left = new Float64Array(K);
    for (let k = 0; k < K; k++) left[k] = this.m.maxByKind[e * K + k];
    for (let d = 0; d < this.m.days; d++) {
      const kept = window && window.row[d] !== NONE && !isFreeDay(window, d);
      if (kept) left[this.m.needKind[window.row[d]]]--;
    }
    const penalty = new Float64Array(K);
    const penalised = new Float64Array(price.length);
    /** The programme at the penalties times `scale`; its bound joins lastBound. */
    const priceAt = (scale: number) => {
      for (let n = 0; n < this.m.needs; n++)
        penalised[n] = price[n] + scale * penalty[this.m.needKind[n]];
      const row = this.programme(e, penalised, window);
      if (!row) return null;
      let bound = row.cost;
      for (let k = 0; k < K; k++) bound -= scale * penalty[k] * left[k];
      this.lastBound = Math.max(this.lastBound, bound);
      return row;
    };
    for (let attempt = 0; attempt < CAP_PENALTY_ATTEMPTS && found.brokenKind >= 0; attempt++) {
      const k = found.brokenKind;
      penalty[k] = penalty[k] === 0 ? CAP_PENALTY_START : 2 * penalty[k];
      found = priceAt(1);
      if (!found) return null;
    }
    if (found.brokenKind >= 0) return null;
    // The doubled penalties may be far more than the caps need: a bisection of their
    // scale keeps the cheapest row that keeps every cap (at the prices asked for).
    let best = { row: found.row, cost: this.costAt(price, found.row, window) };
    let low = 0;
    let high = 1;
    for (let step = 0; step < CAP_PENALTY_BISECTIONS; step++) {
      const scale = (low + high) / 2;
      const row = priceAt(scale);
      if (!row) return best;
      if (row.brokenKind >= 0) {
        low = scale;
        continue;
      }
      high = scale;
      const cost = this.costAt(price, row.row, window);
      if (cost < best.cost) best = { row: row.row, cost };
    }
    return best;
  }

  /** A row's cost at `price`: its worked days that may change. */
  private costAt(price: Float64Array, row: Int32Array, window?: PricingWindow): number {
    let cost = 0;
    for (let d = window?.from ?? 0; d < (window?.to ?? this.m.days); d++)
      if (row[d] !== NONE && (!window || isFreeDay(window, d))) cost += price[row[d]];
    return cost;
  }

  /**
   * The programme of `cheapest`: its cheapest row, which may break the cap of a kind it
   * does not count (`brokenKind`, -1 when none); null when no row keeps its rules.
   */
  private programme(
    e: number,
    price: Float64Array,
    window: PricingWindow | undefined,
  ): { row: Int32Array; cost: number; brokenKind: number } | null {
    const m = this.m;
    const D = m.days;
    const T = this.classes;
    const K = m.kinds.length;
    const layout = this.layouts[e];
    const { WL, OL } = layout;
    const minRun = m.minConsecutive[e];
    const minOff = m.minConsecutiveOff[e];
    const R = T * WL + OL;
    const offBase = T * WL;
    const minUnits = Math.ceil(m.minMinutes[e] / this.unit - 1e-9);
    const first = window?.from ?? 0;
    const end = window?.to ?? D;
    const frame = this.frame(e, window);
    if (!frame) return null;
    const { cappedKind, cap, spent, keptUnits, keptCapped, freeDays, r0, c0, w0, q0 } = frame;
    const { afterOk, afterWeekends, afterUnits, afterCapped, fewestAfterWeekends } = frame;
    const { weekendsAdded } = frame;
    const isFree = (d: number): boolean => !window || isFreeDay(window, d);
    // No more than the days after the window leave: a count above can only grow.
    // Minutes and capped shifts count the free days alone (the kept ones are constants).
    const C = Math.min(layout.C - c0 - afterUnits - keptUnits, freeDays * this.maxNeedUnits + 1);
    const W = Math.min(layout.W - w0 - fewestAfterWeekends, weekendsAdded + 1);
    const Q = Math.min(cap - q0 - afterCapped - keptCapped + 1, freeDays + 1);
    if (C <= 0 || W <= 0 || Q <= 0) return null;
    const S = R * C * W * Q;
    const days = end - first;
    const boundedMax = m.maxConsecutive[e] < D;
    this.reserve(S, days);
    let value = this.value;
    let next = this.next;
    const from = this.from;
    const choice = this.choice;
    const INF = Infinity;
    value.fill(INF, 0, S);
    if (first > 0) value[r0 * C * W * Q] = 0;
    // Run states holding a finite value (a superset): the others are skipped. A window
    // starts from one state, and long runs are reached only after their length in days.
    let live = new Uint8Array(R);
    let liveNext = new Uint8Array(R);
    if (first > 0) live[r0] = 1;
    // Minutes reachable so far, and below which the minimum can no longer be reached.
    let cHigh = 0;
    const minLeft = minUnits - c0 - afterUnits - keptUnits;
    // Free days from d on, for the minimum's bound.
    let freeLeft = freeDays;
    for (let d = first; d < end; d++) {
      next.fill(INF, 0, S);
      liveNext.fill(0);
      const cell = e * D + d;
      const we = m.weekendOfDay[d];
      const weekendStarts = we !== NONE && (d === 0 || m.weekendOfDay[d - 1] !== we);
      const fr = (d - first) * S;
      const cLow = Math.max(0, minLeft - freeLeft * this.maxNeedUnits);
      const free = isFree(d);
      if (free) freeLeft--;
      const kept = free ? -2 : window!.row[d];
      if (d === 0 && kept !== -2 && kept !== NONE) {
        // Day 0 kept working: no rest state to start from.
      } else if (d === 0) {
        const t = offBase * C * W * Q;
        liveNext[offBase] = 1;
        next[t] = 0;
        from[fr + t] = -1;
        choice[fr + t] = NONE;
      } else if (kept === -2 || kept === NONE) {
        for (let r = 0; r < R; r++) {
          if (live[r] === 0) continue;
          let target: number;
          if (r >= offBase) target = offBase + Math.min(r - offBase + 1, OL - 1);
          else {
            const L = (r % WL) + 1;
            // A work run may end once long enough, or when it started on day 0.
            if (L < minRun && L !== d) continue;
            target = offBase;
          }
          liveNext[target] = 1;
          // A day off moves the whole minutes range as one contiguous block.
          const shift = (target - r) * C * W * Q;
          for (let s = (r * C + cLow) * W * Q; s < (r * C + cHigh + 1) * W * Q; s++) {
            const v = value[s];
            const t = s + shift;
            if (v < next[t]) {
              next[t] = v;
              from[fr + t] = s;
              choice[fr + t] = NONE;
            }
          }
        }
      }
      let reach = cHigh;
      // Needs of one timing class, length and capped or not move between the same
      // states: the cheapest of them stands for the others.
      let groups = 0;
      for (let i = m.allowedStart[cell]; i < m.allowedStart[cell + 1]; i++) {
        const n = m.allowedNeeds[i];
        if (!free && n !== kept) continue;
        if (isBlocked(m.cellBlocked, cell * m.stride + m.needPos[n] + 1)) continue;
        const kind = m.needKind[n];
        // Kinds the kept days use up are not worked on free days (kept ones are counted).
        if (free && m.maxByKind[e * K + kind] <= spent[kind]) continue;
        const t = this.classOf[m.needTiming[n]];
        const du = m.needMinutes[n] / this.unit;
        const dq = kind === cappedKind ? 1 : 0;
        let g = 0;
        while (
          g < groups &&
          (this.groupClass[g] !== t || this.groupUnits[g] !== du || this.groupCapped[g] !== dq)
        )
          g++;
        if (g === groups) {
          groups++;
          this.groupClass[g] = t;
          this.groupUnits[g] = du;
          this.groupCapped[g] = dq;
        } else if (price[n] >= price[this.groupNeed[g]]) continue;
        this.groupNeed[g] = n;
      }
      for (let g = 0; g < groups; g++) {
        const n = this.groupNeed[g];
        const t = this.groupClass[g];
        // A kept day's shift moves the run and week-ends alone, and costs nothing.
        const du = free ? this.groupUnits[g] : 0;
        const dq = free ? this.groupCapped[g] : 0;
        const p = free ? price[n] : 0;
        if (dq >= Q) continue;
        if (d === 0) {
          const w1 = we !== NONE ? 1 : 0;
          if (w1 >= W || du >= C) continue;
          const s = ((t * WL * C + du) * W + w1) * Q + dq;
          liveNext[t * WL] = 1;
          if (p < next[s]) {
            next[s] = p;
            from[fr + s] = -1;
            choice[fr + s] = n;
          }
          reach = Math.max(reach, du);
          continue;
        }
        for (let r = 0; r < R; r++) {
          if (live[r] === 0) continue;
          let target: number;
          let dw = 0;
          if (r >= offBase) {
            const L = r - offBase + 1;
            // A rest run may end once long enough, or when it started on day 0.
            if (L < minOff && L !== d) continue;
            target = t * WL;
            if (we !== NONE) dw = 1;
          } else {
            const prevT = (r / WL) | 0;
            if (this.forbidden[prevT * T + t] !== 0) continue;
            const L = (r % WL) + 1;
            if (L + 1 > WL) {
              if (boundedMax) continue;
              target = t * WL + WL - 1;
            } else target = t * WL + L;
            if (weekendStarts) dw = 1;
          }
          liveNext[target] = 1;
          const cTop = Math.min(cHigh, C - 1 - du);
          if (dq === 0) {
            // Not a capped shift: the states a (c, w) block moves are contiguous, and so
            // are the whole minutes range's when the day adds no week-end. One flat loop.
            const WQ = W * Q;
            const shift = ((target - r) * C + du) * WQ + dw * Q;
            const runs = dw === 0 ? 1 : cTop - cLow + 1;
            const length = dw === 0 ? (cTop - cLow + 1) * WQ : (W - dw) * Q;
            for (let k = 0; k < runs; k++) {
              const s0 = (r * C + cLow + k) * WQ;
              for (let s = s0; s < s0 + length; s++) {
                const v = value[s] + p;
                const t = s + shift;
                if (v < next[t]) {
                  next[t] = v;
                  from[fr + t] = s;
                  choice[fr + t] = n;
                }
              }
            }
            reach = Math.max(reach, Math.min(C - 1, cHigh + du));
            continue;
          }
          for (let c = cLow; c <= cTop; c++) {
            for (let w = 0; w + dw < W; w++) {
              const s0 = ((r * C + c) * W + w) * Q;
              const t0 = ((target * C + c + du) * W + w + dw) * Q + dq;
              for (let q = 0; q + dq < Q; q++) {
                const v = value[s0 + q] + p;
                if (v < next[t0 + q]) {
                  next[t0 + q] = v;
                  from[fr + t0 + q] = s0 + q;
                  choice[fr + t0 + q] = n;
                }
              }
            }
          }
          reach = Math.max(reach, Math.min(C - 1, cHigh + du));
        }
      }
      cHigh = reach;
      const swap = value;
      value = next;
      next = swap;
      const liveSwap = live;
      live = liveNext;
      liveNext = liveSwap;
    }
    // The best end state whose days after the window keep every rule.
    let best = -1;
    for (let r = 0; r < R; r++) {
      if (!afterOk[r]) continue;
      const wTop = layout.W - 1 - w0 - afterWeekends[r];
      const qTop = cap - q0 - afterCapped - keptCapped;
      const cTop = Math.min(cHigh, layout.C - 1 - c0 - afterUnits - keptUnits);
      for (let c = Math.max(0, minLeft); c <= cTop; c++)
        for (let w = 0; w < W && w <= wTop; w++) {
          const s0 = ((r * C + c) * W + w) * Q;
          for (let q = 0; q < Q && q <= qTop; q++)
            if (value[s0 + q] < INF && (best < 0 || value[s0 + q] < value[best])) best = s0 + q;
        }
    }
    if (best < 0) return null;
    const row = window ? Int32Array.from(window.row) : new Int32Array(D);
    const cost = value[best];
    for (let d = end - 1, s = best; d >= first; d--) {
      row[d] = choice[(d - first) * S + s];
      s = from[(d - first) * S + s];
    }
    // Caps other than the programme's own: checked here.
    const count = new Int32Array(K);
    for (let d = 0; d < D; d++) if (row[d] !== NONE) count[m.needKind[row[d]]]++;
    for (let k = 0; k < K; k++)
      if (count[k] > m.maxByKind[e * K + k]) return { row, cost, brokenKind: k };
    return { row, cost, brokenKind: -1 };
  }

  /**
   * What a window's days outside it (and its kept days) leave to its programme, the
   * same at every price: cached per member while the window and the row outside it
   * stay (a column generation prices each member over one window again and again, and
   * following every run state through the days after the window was a fifth of
   * Instance24's pricing).
   */
  private frame(e: number, window: PricingWindow | undefined): WindowFrame | null {
    const cached = this.frames[e];
    if (cached && sameWindow(cached, window)) return cached.frame;
    const frame = this.computeFrame(e, window);
    this.frames[e] = {
      from: window?.from ?? -1,
      to: window?.to ?? -1,
      free: window?.free,
      row: window ? Int32Array.from(window.row) : undefined,
      frame,
    };
    return frame;
  }

  private computeFrame(e: number, window: PricingWindow | undefined): WindowFrame | null {
    const m = this.m;
    const D = m.days;
    const K = m.kinds.length;
    const layout = this.layouts[e];
    const R = this.classes * layout.WL + layout.OL;
    const first = window?.from ?? 0;
    const end = window?.to ?? D;
    const isFree = (d: number): boolean => !window || isFreeDay(window, d);
    // The capped kind counted as a state: over a window, the one with the fewest shifts
    // left to it after the days outside (of those it could exceed there); kinds with none
    // left are not worked in it.
    let cappedKind = layout.cappedKind;
    let cap = layout.Q - 1;
    const spent = new Int32Array(K);
    // Minutes and capped shifts of the window's kept days: like those outside, constants.
    let keptUnits = 0;
    let keptCapped = 0;
    if (window) {
      for (let d = 0; d < D; d++)
        if (!isFree(d) && window.row[d] !== NONE) spent[m.needKind[window.row[d]]]++;
      cappedKind = -1;
      cap = 0;
      let fewest = end - first;
      for (let k = 0; k < K; k++) {
        const left = m.maxByKind[e * K + k] - spent[k];
        if (left > 0 && left < fewest) {
          fewest = left;
          cappedKind = k;
          cap = m.maxByKind[e * K + k];
        }
      }
    }
    let freeDays = 0;
    for (let d = first; d < end; d++) {
      if (isFree(d)) freeDays++;
      else if (window!.row[d] !== NONE) {
        keptUnits += m.needMinutes[window!.row[d]] / this.unit;
        if (m.needKind[window!.row[d]] === cappedKind) keptCapped++;
      }
    }
    // The days before the window: one path, from before day 0 (run state -1).
    let r0 = -1;
    let c0 = 0;
    let w0 = 0;
    let q0 = 0;
    for (let d = 0; d < first; d++) {
      const step = this.advance(e, d, r0, window!.row[d], cappedKind);
      if (!step) return null;
      r0 = step.r;
      c0 += step.du;
      w0 += step.dw;
      q0 += step.dq;
    }
    if (c0 >= layout.C || w0 >= layout.W || q0 > cap) return null;
    // The days after it, from each run state the window may end in: whether they keep
    // the run rules, and the week-ends they add (the first of them may depend on the
    // window's last day); their minutes and capped shifts do not depend on it.
    const afterOk = new Uint8Array(R);
    const afterWeekends = new Int32Array(R);
    let afterUnits = 0;
    let afterCapped = 0;
    let fewestAfterWeekends = Infinity;
    for (let r = 0; r < R; r++) {
      let at = r;
      let units = 0;
      let capped = 0;
      let weekends = 0;
      let ok = true;
      for (let d = end; d < D && ok; d++) {
        const step = this.advance(e, d, at, window!.row[d], cappedKind);
        if (!step) ok = false;
        else {
          at = step.r;
          units += step.du;
          capped += step.dq;
          weekends += step.dw;
        }
      }
      afterOk[r] = ok ? 1 : 0;
      afterWeekends[r] = weekends;
      if (ok) {
        afterUnits = units;
        afterCapped = capped;
        fewestAfterWeekends = Math.min(fewestAfterWeekends, weekends);
      }
    }
    if (fewestAfterWeekends === Infinity) return null;
    // The window's own states: what it may add to the start state's counts.
    // Within a run of days of one week-end, the days that count it are never next to
    // each other (the second would follow a worked day of the same week-end).
    let weekendsAdded = 0;
    for (let d = first; d < end;) {
      const we = m.weekendOfDay[d];
      let length = 0;
      for (; d < end && m.weekendOfDay[d] === we; d++) length++;
      if (we !== NONE) weekendsAdded += Math.ceil(length / 2);
    }
    return {
      cappedKind,
      cap,
      spent,
      keptUnits,
      keptCapped,
      freeDays,
      r0,
      c0,
      w0,
      q0,
      afterOk,
      afterWeekends,
      afterUnits,
      afterCapped,
      fewestAfterWeekends,
      weekendsAdded,
    };
  }

  /**
   * One day of e's row outside a window: the run state after working need n (or being
   * off, NONE) on day d from run state r (-1 before day 0), and what it adds to the
   * minutes (in units), week-ends and shifts of `cappedKind`; null when it breaks a run rule.
   * The same transitions as the programme's.
   */
  private advance(
    e: number,
    d: number,
    r: number,
    n: number,
    cappedKind: number,
  ): { r: number; du: number; dw: number; dq: number } | null {
    const m = this.m;
    const T = this.classes;
    const { WL, OL } = this.layouts[e];
    const offBase = T * WL;
    if (n === NONE) {
      if (r < 0) return { r: offBase, du: 0, dw: 0, dq: 0 };
      if (r >= offBase)
        return { r: offBase + Math.min(r - offBase + 1, OL - 1), du: 0, dw: 0, dq: 0 };
      const L = (r % WL) + 1;
      return L < m.minConsecutive[e] && L !== d ? null : { r: offBase, du: 0, dw: 0, dq: 0 };
    }
    const kind = m.needKind[n];
    if (m.maxByKind[e * m.kinds.length + kind] === 0) return null;
    if (isBlocked(m.cellBlocked, (e * m.days + d) * m.stride + m.needPos[n] + 1)) return null;
    const t = this.classOf[m.needTiming[n]];
    const du = m.needMinutes[n] / this.unit;
    const dq = kind === cappedKind ? 1 : 0;
    const we = m.weekendOfDay[d];
    if (r < 0) return { r: t * WL, du, dw: we !== NONE ? 1 : 0, dq };
    if (r >= offBase) {
      const L = r - offBase + 1;
      if (L < m.minConsecutiveOff[e] && L !== d) return null;
      return { r: t * WL, du, dw: we !== NONE ? 1 : 0, dq };
    }
    if (this.forbidden[((r / WL) | 0) * T + t] !== 0) return null;
    const L = (r % WL) + 1;
    let target = t * WL + L;
    if (L + 1 > WL) {
      if (m.maxConsecutive[e] < m.days) return null;
      target = t * WL + WL - 1;
    }
    const weekendStarts = we !== NONE && m.weekendOfDay[d - 1] !== we;
    return { r: target, du, dw: weekendStarts ? 1 : 0, dq };
  }

  private reserve(S: number, D: number): void {
    if (this.value.length < S) {
      this.value = new Float64Array(S);
      this.next = new Float64Array(S);
    }
    if (this.from.length < S * D) {
      this.from = new Int32Array(S * D);
      this.choice = new Int32Array(S * D);
    }
  }
}

import { CompiledModel, NONE } from '../compile';
import { runLengths } from '../row-dp';

/** Per-kind caps up to this many shifts become a dimension of the programme; larger ones are checked after. */
const CAP_DIMENSION_MAX = 12;

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

/**
 * The cheapest row of one member under any price per need (for column generation,
 * where the prices are the cover rows' duals): a dynamic programme over (day, last
 * timing and run length, minutes worked, week-ends worked, shifts of the member's
 * tightest capped kind). Unlike `RowOptimiser`, which prices the resource rules by
 * Lagrange multipliers and so misses rows when they do not settle, every rule of the
 * benchmark model is a state here, so the row is exact: forbidden successions, min and
 * max consecutive days (runs touching the horizon edges exempt), min consecutive days
 * off, days off, min and max minutes, max week-ends and the tightest per-kind cap. A
 * second capped kind (rare) is checked on the result, and the row refused (null) when
 * it breaks it. States grow with minutes × week-ends × cap: `states(e)` says how many.
 */
export class RowPricer {
  private readonly unit: number;
  private readonly maxNeedUnits: number;
  private readonly layouts: Layout[];
  private value = new Float64Array(0);
  private next = new Float64Array(0);
  private from = new Int32Array(0);
  private choice = new Int32Array(0);

  constructor(private readonly m: CompiledModel) {
    let unit = 0;
    let maxNeed = 0;
    for (let n = 0; n < m.needs; n++) {
      unit = gcd(unit, m.needMinutes[n]);
      maxNeed = Math.max(maxNeed, m.needMinutes[n]);
    }
    this.unit = unit || 1;
    this.maxNeedUnits = maxNeed / this.unit;
    this.layouts = Array.from({ length: m.members }, (_, e) => this.layout(e));
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
    return { WL, OL, C, W, Q, cappedKind, states: (m.timings * WL + OL) * C * W * Q };
  }

  /**
   * Cheapest row of member e where working need n costs price[n] (being off costs 0),
   * keeping every rule above: the row (a need or NONE per day) and its cost, or null
   * when no row keeps them.
   */
  cheapest(e: number, price: Float64Array): { row: Int32Array; cost: number } | null {
    const m = this.m;
    const D = m.days;
    const T = m.timings;
    const K = m.kinds.length;
    const { WL, OL, C, W, Q, cappedKind, states: S } = this.layouts[e];
    const boundedMax = m.maxConsecutive[e] < D;
    const minRun = m.minConsecutive[e];
    const minOff = m.minConsecutiveOff[e];
    const R = T * WL + OL;
    const offBase = T * WL;
    const maxWe = W - 1;
    const minUnits = Math.ceil(m.minMinutes[e] / this.unit - 1e-9);
    this.reserve(S, D);
    let value = this.value;
    let next = this.next;
    const from = this.from;
    const choice = this.choice;
    const INF = Infinity;
    value.fill(INF, 0, S);
    // Minutes reachable so far, and below which the minimum can no longer be reached.
    let cHigh = 0;
    for (let d = 0; d < D; d++) {
      next.fill(INF, 0, S);
      const cell = e * D + d;
      const we = m.weekendOfDay[d];
      const weekendStarts = we !== NONE && (d === 0 || m.weekendOfDay[d - 1] !== we);
      const fr = d * S;
      const cLow = Math.max(0, minUnits - (D - d) * this.maxNeedUnits);
      if (d === 0) {
        const t = offBase * C * W * Q;
        next[t] = 0;
        from[fr + t] = -1;
        choice[fr + t] = NONE;
      } else {
        for (let r = 0; r < R; r++) {
          let target: number;
          if (r >= offBase) target = offBase + Math.min(r - offBase + 1, OL - 1);
          else {
            const L = (r % WL) + 1;
            // A work run may end once long enough, or when it started on day 0.
            if (L < minRun && L !== d) continue;
            target = offBase;
          }
          for (let c = cLow; c <= cHigh; c++) {
            const s0 = (r * C + c) * W * Q;
            const t0 = (target * C + c) * W * Q;
            for (let wq = 0; wq < W * Q; wq++) {
              const v = value[s0 + wq];
              if (v < next[t0 + wq]) {
                next[t0 + wq] = v;
                from[fr + t0 + wq] = s0 + wq;
                choice[fr + t0 + wq] = NONE;
              }
            }
          }
        }
      }
      let reach = cHigh;
      for (let i = m.allowedStart[cell]; i < m.allowedStart[cell + 1]; i++) {
        const n = m.allowedNeeds[i];
        if (m.cellBlocked[cell * m.stride + m.needPos[n] + 1] !== 0) continue;
        const kind = m.needKind[n];
        if (m.maxByKind[e * K + kind] === 0) continue;
        const t = m.needTiming[n];
        const p = price[n];
        const du = m.needMinutes[n] / this.unit;
        const dq = kind === cappedKind ? 1 : 0;
        if (dq >= Q) continue;
        if (d === 0) {
          const w1 = we !== NONE ? 1 : 0;
          if (w1 > maxWe || du >= C) continue;
          const s = ((t * WL * C + du) * W + w1) * Q + dq;
          if (p < next[s]) {
            next[s] = p;
            from[fr + s] = -1;
            choice[fr + s] = n;
          }
          reach = Math.max(reach, du);
          continue;
        }
        for (let r = 0; r < R; r++) {
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
            if (m.successionHard[prevT * T + t] > 0) continue;
            const L = (r % WL) + 1;
            if (L + 1 > WL) {
              if (boundedMax) continue;
              target = t * WL + WL - 1;
            } else target = t * WL + L;
            if (weekendStarts) dw = 1;
          }
          const cTop = Math.min(cHigh, C - 1 - du);
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
    }
    let best = -1;
    for (let r = 0; r < R; r++)
      for (let c = Math.max(0, minUnits); c <= cHigh; c++) {
        const s0 = (r * C + c) * W * Q;
        for (let wq = 0; wq < W * Q; wq++)
          if (value[s0 + wq] < INF && (best < 0 || value[s0 + wq] < value[best])) best = s0 + wq;
      }
    if (best < 0) return null;
    const row = new Int32Array(D);
    const cost = value[best];
    for (let d = D - 1, s = best; d >= 0; d--) {
      row[d] = choice[d * S + s];
      s = from[d * S + s];
    }
    // Caps other than the programme's own: checked here.
    const count = new Int32Array(K);
    for (let d = 0; d < D; d++) if (row[d] !== NONE) count[m.needKind[row[d]]]++;
    for (let k = 0; k < K; k++) if (count[k] > m.maxByKind[e * K + k]) return null;
    return { row, cost };
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

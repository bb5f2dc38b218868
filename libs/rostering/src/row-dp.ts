import * as compiled from './compile';
import { CompiledModel } from './compile';
import { ScoreState } from './score-state';

// Module constants and isBlocked read once (see compile.ts on NONE): an imported binding is a getter call at every read.
const { HARD_UNIT, NONE, isBlocked } = compiled;

/**
 * Exact re-optimisation of one member's row, everyone else fixed. With the others
 * fixed, each cell's price is separable: its preference and cell costs plus what it
 * changes on its need's cover (the under or over weight at the others' count). A
 * dynamic programme over (day, last timing, length of the current run of work or
 * rest) finds the cheapest row that keeps the member's sequence rules (forbidden
 * successions, max and min consecutive days, min consecutive days off, runs touching
 * the horizon edges exempt, blocked cells); the resource rules (max shifts of a
 * kind, min and max minutes, max week-ends) are priced by Lagrange multipliers set
 * by a few subgradient steps. The result is optimal whenever the multipliers settle
 * with complementary slackness (often at 0: the cheapest row already fits); when
 * the current row keeps every rule above, so does the result. Rules outside this list (weekly hours,
 * loans, fairness, pairs) are not seen: the caller checks the row with the engine's
 * own score before keeping it.
 */
/**
 * Run lengths a row programme's states tell apart for member e: work runs up to the max
 * (or the min when unbounded), rest runs up to the min. A state is (timing, work run
 * length) or (rest run length); `RowPricer` uses the same layout.
 */
export function runLengths(m: CompiledModel, e: number): [work: number, rest: number] {
  const maxC = m.maxConsecutive[e];
  const wl = maxC < m.days ? Math.max(1, maxC) : Math.max(1, m.minConsecutive[e]);
  return [wl, Math.max(1, m.minConsecutiveOff[e])];
}

export class RowOptimiser {
  private readonly T: number;
  private readonly K: number;
  private readonly value: Float64Array;
  private readonly next: Float64Array;
  private readonly from: Int32Array;
  private readonly choice: Int32Array;
  private readonly price: Float64Array;
  private readonly lambda: Float64Array;
  /** Multipliers of each member from their last call: the next call starts from them. */
  private readonly warmKinds: Float64Array;
  private readonly warm: Float64Array;
  private readonly kindCount: Int32Array;
  private readonly row: Int32Array;
  private readonly bestRow: Int32Array;
  private readonly nearRow: Int32Array;
  private readonly S: number;
  private readonly minuteUnit: number;

  constructor(
    private readonly m: CompiledModel,
    private readonly maxSteps = 30,
  ) {
    this.T = m.timings;
    this.K = m.kinds.length;
    let maxStates = 0;
    for (let e = 0; e < m.members; e++) {
      const [wl, ol] = runLengths(this.m, e);
      maxStates = Math.max(maxStates, this.T * wl + ol);
    }
    this.S = maxStates;
    this.value = new Float64Array(maxStates);
    this.next = new Float64Array(maxStates);
    this.from = new Int32Array(m.days * maxStates);
    this.choice = new Int32Array(m.days * maxStates);
    this.price = new Float64Array(m.needs);
    this.lambda = new Float64Array(this.K);
    this.warmKinds = new Float64Array(m.members * this.K);
    this.warm = new Float64Array(m.members * 3);
    this.kindCount = new Int32Array(this.K);
    this.row = new Int32Array(m.days);
    this.bestRow = new Int32Array(m.days);
    this.nearRow = new Int32Array(m.days);
    let unit = 1;
    for (let n = 0; n < m.needs; n++) unit = Math.max(unit, m.needMinutes[n]);
    this.minuteUnit = unit;
  }

  /**
   * A row for member e, given the other rows of `state`, cheaper than e's current
   * row and keeping every rule the programme sees (one need or NONE per day), and
   * its cost relative to an all-off row; null when none was found. When the current
   * row breaks a rule and no valid row is found (the multipliers miss a narrow band
   * of minutes), the found row breaking the resource rules least, for repair.
   */
  optimise(state: ScoreState, e: number): { row: Int32Array; cost: number } | null {
    const m = this.m;
    const D = m.days;
    const K = this.K;
    const price = this.price;
    const cells = state.cells;
    // Separable price of each allowed need for e, relative to being off that day.
    for (let d = 0; d < D; d++) {
      const c = e * D + d;
      const base = c * m.stride;
      const mine = cells[c];
      for (let i = m.allowedStart[c]; i < m.allowedStart[c + 1]; i++) {
        const n = m.allowedNeeds[i];
        const others = state.coverOf(n) - (mine === n ? 1 : 0);
        const req = m.needRequirement[n];
        const cover = others < req ? -m.needUnderWeight[n] : m.needOverWeight[n];
        price[n] = m.cellSoft[base + m.needPos[n] + 1] - m.cellSoft[base] + cover;
      }
    }
    const maxMinutes = m.maxMinutes[e];
    const minMinutes = m.minMinutes[e];
    const maxWeekends = m.maxWeekends[e];
    const lambda = this.lambda;
    for (let k = 0; k < K; k++) lambda[k] = this.warmKinds[e * K + k];
    let mu = this.warm[e * 3];
    let nu = this.warm[e * 3 + 1];
    let rho = this.warm[e * 3 + 2];
    let theta = 1;
    // The current row, when it keeps the rules, is the bar to beat.
    let bestCost = Infinity;
    for (let d = 0; d < D; d++) this.row[d] = cells[e * D + d];
    const current = this.rowCost(e);
    if (current.feasible) bestCost = current.cost - 1e-9;
    const bar = bestCost;
    // When the current row breaks a rule and no row keeps them all, the row that breaks them least.
    let nearBreach = current.feasible ? 0 : current.breach;
    let nearCost = Infinity;
    let bestDual = -Infinity;
    let sinceDual = 0;
    for (let step = 0; step < this.maxSteps; step++) {
      const dual = this.programme(e, mu - nu, rho);
      if (dual === null) break;
      const { cost, minutes, weekends, breach } = this.rowCost(e);
      if (breach < nearBreach || (breach === nearBreach && breach > 0 && cost < nearCost)) {
        nearBreach = breach;
        nearCost = cost;
        this.nearRow.set(this.row);
      }
      let lagrangian = dual;
      let norm = 0;
      let feasible = true;
      let slack = 0;
      for (let k = 0; k < K; k++) {
        const max = m.maxByKind[e * K + k];
        const g = this.kindCount[k] - max;
        if (g > 0) feasible = false;
        if (max < D) {
          lagrangian -= lambda[k] * max;
          if (g > 0 || lambda[k] > 0) norm += g * g;
          slack += lambda[k] * -g;
        }
      }
      const gMax = (minutes - maxMinutes) / this.minuteUnit;
      const gMin = (minMinutes - minutes) / this.minuteUnit;
      const gWe = weekends - maxWeekends;
      if (gMax > 0 || gMin > 0 || gWe > 0) feasible = false;
      const boundedMax = maxMinutes < 1 << 29;
      const boundedWe = maxWeekends < D;
      if (boundedMax) {
        lagrangian -= mu * (maxMinutes / this.minuteUnit);
        if (gMax > 0 || mu > 0) norm += gMax * gMax;
        slack += mu * -gMax;
      }
      lagrangian += nu * (minMinutes / this.minuteUnit);
      if (gMin > 0 || nu > 0) norm += gMin * gMin;
      slack += nu * -gMin;
      if (boundedWe) {
        lagrangian -= rho * maxWeekends;
        if (gWe > 0 || rho > 0) norm += gWe * gWe;
        slack += rho * -gWe;
      }
      if (feasible && cost < bestCost - 1e-9) {
        bestCost = cost;
        this.bestRow.set(this.row);
      }
      // Feasible with complementary slackness: this row is optimal.
      if (feasible && slack < 1e-9) break;
      if (lagrangian > bestDual + 1e-9) {
        bestDual = lagrangian;
        sinceDual = 0;
      } else if (++sinceDual >= 2) {
        theta /= 2;
        sinceDual = 0;
      }
      if (norm === 0) break;
      const upper = bestCost < Infinity ? bestCost : Math.abs(lagrangian) + 1;
      const t = (theta * Math.max(upper - lagrangian, 1e-3)) / norm;
      for (let k = 0; k < K; k++) {
        const max = m.maxByKind[e * K + k];
        if (max < D) lambda[k] = Math.max(0, lambda[k] + t * (this.kindCount[k] - max));
      }
      if (boundedMax) mu = Math.max(0, mu + t * gMax);
      nu = Math.max(0, nu + t * gMin);
      if (boundedWe) rho = Math.max(0, rho + t * gWe);
    }
    for (let k = 0; k < K; k++) this.warmKinds[e * K + k] = lambda[k];
    this.warm[e * 3] = mu;
    this.warm[e * 3 + 1] = nu;
    this.warm[e * 3 + 2] = rho;
    if (bestCost < bar) return { row: this.bestRow, cost: bestCost };
    return nearCost < Infinity ? { row: this.nearRow, cost: nearCost } : null;
  }

  /** Cost and resources of this.row (counts by kind left in this.kindCount). */
  private rowCost(e: number): {
    cost: number;
    minutes: number;
    weekends: number;
    breach: number;
    feasible: boolean;
  } {
    const m = this.m;
    const D = m.days;
    const K = this.K;
    this.kindCount.fill(0);
    let minutes = 0;
    let weekends = 0;
    let cost = 0;
    let feasible = true;
    for (let d = 0; d < D; d++) {
      const n = this.row[d];
      if (n === NONE) continue;
      if (isBlocked(m.cellBlocked, (e * D + d) * m.stride + m.needPos[n] + 1)) feasible = false;
      cost += this.price[n];
      this.kindCount[m.needKind[n]]++;
      minutes += m.needMinutes[n];
      const we = m.weekendOfDay[d];
      if (we !== NONE && (d === 0 || m.weekendOfDay[d - 1] !== we || this.row[d - 1] === NONE))
        weekends++;
    }
    // Size of the resource breaches in the score's units (minutes; a count weighs HARD_UNIT).
    let breach = 0;
    for (let k = 0; k < K; k++)
      breach += HARD_UNIT * Math.max(0, this.kindCount[k] - m.maxByKind[e * K + k]);
    breach += HARD_UNIT * Math.max(0, weekends - m.maxWeekends[e]);
    breach += Math.max(0, minutes - m.maxMinutes[e]) + Math.max(0, m.minMinutes[e] - minutes);
    const sequence = feasible && this.sequenceFeasible(e);
    return {
      cost,
      minutes,
      weekends,
      breach: sequence ? breach : Infinity,
      feasible: sequence && breach === 0,
    };
  }

  /** Whether this.row keeps the sequence rules the programme enforces. */
  private sequenceFeasible(e: number): boolean {
    const m = this.m;
    const D = m.days;
    const T = this.T;
    for (let d = 1; d < D; d++) {
      const a = this.row[d - 1];
      const b = this.row[d];
      if (a !== NONE && b !== NONE && m.successionHard[m.needTiming[a] * T + m.needTiming[b]] > 0)
        return false;
    }
    for (let i = 0; i < D;) {
      const working = this.row[i] !== NONE;
      let j = i;
      while (j + 1 < D && (this.row[j + 1] !== NONE) === working) j++;
      const len = j - i + 1;
      const edge = i === 0 || j === D - 1;
      if (working && (len > m.maxConsecutive[e] || (!edge && len < m.minConsecutive[e])))
        return false;
      if (!working && !edge && len < m.minConsecutiveOff[e]) return false;
      i = j + 1;
    }
    return true;
  }

  /**
   * Cheapest row under the sequence rules with resource prices added (per need of
   * kind k: lambda[k]; per minute: minutePrice / unit; per worked week-end: rho).
   * Leaves it in this.row and returns its priced cost, or null when none exists.
   */
  private programme(e: number, minutePrice: number, rho: number): number | null {
    const m = this.m;
    const D = m.days;
    const T = this.T;
    const [WL, OL] = runLengths(this.m, e);
    const S = T * WL + OL;
    const offBase = T * WL;
    const minC = m.minConsecutive[e];
    const minOff = m.minConsecutiveOff[e];
    const boundedMax = m.maxConsecutive[e] < D;
    const K = this.K;
    let value = this.value;
    let next = this.next;
    const INF = Infinity;
    const perMinute = minutePrice / this.minuteUnit;
    for (let d = 0; d < D; d++) {
      next.fill(INF, 0, S);
      const fromRow = d * this.S;
      const c = e * D + d;
      const we = m.weekendOfDay[d];
      const weekendStarts = we !== NONE && (d === 0 || m.weekendOfDay[d - 1] !== we);
      // Rest today.
      if (d === 0) {
        next[offBase] = 0;
        this.from[fromRow + offBase] = -1;
        this.choice[fromRow + offBase] = NONE;
      } else {
        for (let s = 0; s < S; s++) {
          const v = value[s];
          if (v === INF) continue;
          let target: number;
          if (s >= offBase) target = offBase + Math.min(s - offBase + 1, OL - 1);
          else {
            const L = (s % WL) + 1;
            // A work run may end once long enough, or when it started on day 0.
            if (L < minC && L !== d) continue;
            target = offBase;
          }
          if (v < next[target]) {
            next[target] = v;
            this.from[fromRow + target] = s;
            this.choice[fromRow + target] = NONE;
          }
        }
      }
      // Work today.
      for (let i = m.allowedStart[c]; i < m.allowedStart[c + 1]; i++) {
        const n = m.allowedNeeds[i];
        const t = m.needTiming[n];
        const p =
          this.price[n] +
          this.lambda[m.needKind[n]] * (m.maxByKind[e * K + m.needKind[n]] < D ? 1 : 0) +
          perMinute * m.needMinutes[n];
        if (d === 0) {
          const target = t * WL;
          const v = p + (we !== NONE ? rho : 0);
          if (v < next[target]) {
            next[target] = v;
            this.from[fromRow + target] = -1;
            this.choice[fromRow + target] = n;
          }
          continue;
        }
        for (let s = 0; s < S; s++) {
          const v0 = value[s];
          if (v0 === INF) continue;
          let target: number;
          let v = v0 + p;
          if (s >= offBase) {
            const L = s - offBase + 1;
            // A rest run may end once long enough, or when it started on day 0.
            if (L < minOff && L !== d) continue;
            target = t * WL;
            if (we !== NONE) v += rho;
          } else {
            const prevT = (s / WL) | 0;
            if (m.successionHard[prevT * T + t] > 0) continue;
            const L = (s % WL) + 1;
            if (L + 1 > WL) {
              if (boundedMax) continue;
              target = t * WL + WL - 1;
            } else target = t * WL + L;
            if (weekendStarts) v += rho;
          }
          if (v < next[target]) {
            next[target] = v;
            this.from[fromRow + target] = s;
            this.choice[fromRow + target] = n;
          }
        }
      }
      const swap = value;
      value = next;
      next = swap;
    }
    let best = -1;
    for (let s = 0; s < S; s++)
      if (value[s] < INF && (best < 0 || value[s] < value[best])) best = s;
    if (best < 0) return null;
    const total = value[best];
    for (let d = D - 1, s = best; d >= 0; d--) {
      this.row[d] = this.choice[d * this.S + s];
      s = this.from[d * this.S + s];
    }
    return total;
  }
}

/**
 * Replaces member e's row by the optimiser's when the engine's score (hard first,
 * then soft) is not worse; returns true when it is strictly better.
 */
export function reoptimiseRow(
  state: ScoreState,
  optimiser: RowOptimiser,
  e: number,
  saved: Int32Array,
): boolean {
  const found = optimiser.optimise(state, e);
  if (!found) return false;
  const D = state.m.days;
  const hard = state.hard;
  const soft = state.soft;
  for (let d = 0; d < D; d++) {
    saved[d] = state.cells[e * D + d];
    state.change(e, d, found.row[d]);
  }
  if (state.hard > hard || (state.hard === hard && state.soft > soft + 1e-9)) {
    for (let d = 0; d < D; d++) state.change(e, d, saved[d]);
    return false;
  }
  return state.hard < hard || state.soft < soft - 1e-9;
}

/** Re-optimises every row in turn until a whole pass finds nothing better (or the deadline). */
export function rowDescent(
  state: ScoreState,
  optimiser: RowOptimiser,
  order: Int32Array,
  deadline: number,
): number {
  const saved = new Int32Array(state.m.days);
  let improved = 0;
  let quiet = 0;
  for (let i = 0; quiet < order.length && Date.now() < deadline; i = (i + 1) % order.length) {
    if (reoptimiseRow(state, optimiser, order[i], saved)) {
      improved++;
      quiet = 0;
    } else quiet++;
  }
  return improved;
}

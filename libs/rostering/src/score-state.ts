import * as compiled from './compile';
import { CompiledModel } from './compile';

// Module constants read once (see compile.ts on NONE): an imported binding is a getter call at every read.
const { CELL_HARD, CELL_SOFT, HARD_UNIT, NONE } = compiled;

/**
 * The rota under search with its score kept up to date: `change` moves one cell
 * and updates every rule in O(1), or O(length of the runs around the day) for the
 * consecutive-days rules. Hard is kept in minutes (see HARD_UNIT), so exact.
 * The rulebook (rules.ts) rescores from scratch, independently of this file.
 */
export class ScoreState {
  readonly cells: Int32Array;
  hard = 0;
  /** The part of `hard` measured in minutes (hour caps and minimums): the search may weigh it apart. */
  hardMinutes = 0;
  soft = 0;
  private readonly cover: Int32Array;
  private readonly kindCount: Int32Array;
  private readonly minutes: Float64Array;
  private readonly weekMinutes: Float64Array;
  private readonly loanMinutes: Float64Array;
  private readonly shiftCount: Int32Array;
  private readonly unpopularCount: Int32Array;
  private readonly weekendDays: Int32Array;
  private readonly weekendsWorked: Int32Array;
  private readonly K: number;
  private readonly fairShifts: number;
  private readonly fairUnpopular: number;
  private readonly consecutiveWeight: number;
  /**
   * Scratch sums of the run rules' change in one `change` call (hard in counts, soft in
   * days), written by runCost: fields rather than a returned pair, so a move allocates nothing.
   */
  private runHard = 0;
  private runSoft = 0;
  /** Each member's share of `hard`: every hard rule but the loans' caps is a member's own. */
  private readonly memberHard: Float64Array;
  /**
   * The writes since `mark`, each an array (a J_* code), a slot and the value it held, so
   * that `rollback` puts a rejected move back by restoring them instead of recomputing
   * every rule as `change` does. The annealing rejects most of its moves: on Instance24,
   * nine in ten moves that change a cell, two thirds of them for a hard rule broken.
   */
  private journaling = false;
  private journalLength = 0;
  private journalOverflow = false;
  private readonly journalArray = new Uint8Array(JOURNAL_CAPACITY);
  private readonly journalSlot = new Int32Array(JOURNAL_CAPACITY);
  private readonly journalValue = new Float64Array(JOURNAL_CAPACITY);
  private markedHard = 0;
  private markedHardMinutes = 0;
  private markedSoft = 0;

  constructor(readonly m: CompiledModel, initial?: Int32Array) {
    const E = m.members;
    const D = m.days;
    this.K = m.kinds.length;
    this.cells = new Int32Array(E * D).fill(NONE);
    this.cover = new Int32Array(m.needs);
    this.kindCount = new Int32Array(E * this.K);
    this.minutes = new Float64Array(E);
    this.weekMinutes = new Float64Array(E * m.weeks);
    this.loanMinutes = new Float64Array(m.loans);
    this.shiftCount = new Int32Array(E);
    this.unpopularCount = new Int32Array(E);
    this.weekendDays = new Int32Array(E * m.weekends);
    this.weekendsWorked = new Int32Array(E);
    this.fairShifts = m.settings.weights.fairShifts;
    this.fairUnpopular = m.settings.weights.fairUnpopular;
    this.consecutiveWeight = m.settings.weights.consecutiveDays;
    this.memberHard = new Float64Array(E);
    // Score of the empty rota: every need short, everyone below their minimum, off costs.
    for (let n = 0; n < m.needs; n++) this.soft += m.needRequirement[n] * m.needUnderWeight[n];
    for (let e = 0; e < E; e++) {
      this.hard += m.minMinutes[e];
      this.hardMinutes += m.minMinutes[e];
      this.memberHard[e] += m.minMinutes[e];
      for (let d = 0; d < D; d++) {
        const base = (e * D + d) * m.stride;
        this.hard += m.cellHard[base];
        this.memberHard[e] += m.cellHard[base];
        this.soft += m.cellSoft[base];
      }
    }
    if (initial) for (let c = 0; c < initial.length; c++) if (initial[c] !== NONE) this.change((c / D) | 0, c % D, initial[c]);
  }

  /** Sets cell (e, d) to need v (or NONE) and updates the score. */
  change(e: number, d: number, v: number): void {
    const m = this.m;
    const D = m.days;
    const c = e * D + d;
    const old = this.cells[c];
    if (old === v) return;
    let dh = 0;
    let dm = 0;
    let dl = 0;
    let ds = 0;
    const costs = m.cellCosts[c];
    if (costs !== 0) {
      const base = c * m.stride;
      const oldSlot = old === NONE ? base : base + m.needPos[old] + 1;
      const newSlot = v === NONE ? base : base + m.needPos[v] + 1;
      if (costs & CELL_HARD) dh += m.cellHard[newSlot] - m.cellHard[oldSlot];
      if (costs & CELL_SOFT) ds += m.cellSoft[newSlot] - m.cellSoft[oldSlot];
    }

    const T = m.timings;
    const prevT = d > 0 && this.cells[c - 1] !== NONE ? m.needTiming[this.cells[c - 1]] : NONE;
    const nextT = d < D - 1 && this.cells[c + 1] !== NONE ? m.needTiming[this.cells[c + 1]] : NONE;
    const oldT = old === NONE ? NONE : m.needTiming[old];
    const newT = v === NONE ? NONE : m.needTiming[v];
    if (prevT !== NONE) {
      if (oldT !== NONE) dh -= m.successionHard[prevT * T + oldT];
      if (newT !== NONE) dh += m.successionHard[prevT * T + newT];
    }
    if (nextT !== NONE) {
      if (oldT !== NONE) dh -= m.successionHard[oldT * T + nextT];
      if (newT !== NONE) dh += m.successionHard[newT * T + nextT];
    }

    let oldMinutes = 0;
    let newMinutes = 0;
    if (old !== NONE) {
      const cnt = this.cover[old];
      ds += this.coverPenalty(old, cnt - 1) - this.coverPenalty(old, cnt);
      if (this.journaling) this.log(J_COVER, old, cnt);
      this.cover[old] = cnt - 1;
      const kc = e * this.K + m.needKind[old];
      const max = m.maxByKind[kc];
      const kcount = this.kindCount[kc];
      if (kcount > max) dh -= HARD_UNIT;
      if (this.journaling) this.log(J_KIND, kc, kcount);
      this.kindCount[kc] = kcount - 1;
      oldMinutes = m.needMinutes[old];
    }
    if (v !== NONE) {
      const cnt = this.cover[v];
      ds += this.coverPenalty(v, cnt + 1) - this.coverPenalty(v, cnt);
      if (this.journaling) this.log(J_COVER, v, cnt);
      this.cover[v] = cnt + 1;
      const kc = e * this.K + m.needKind[v];
      const kcount = this.kindCount[kc];
      if (this.journaling) this.log(J_KIND, kc, kcount);
      this.kindCount[kc] = kcount + 1;
      if (kcount + 1 > m.maxByKind[kc]) dh += HARD_UNIT;
      newMinutes = m.needMinutes[v];
    }
    if (oldMinutes !== newMinutes) {
      const before = this.minutes[e];
      const after = before - oldMinutes + newMinutes;
      if (this.journaling) this.log(J_MINUTES, e, before);
      this.minutes[e] = after;
      dm += minutesPenalty(after, m.minMinutes[e], m.maxMinutes[e]) - minutesPenalty(before, m.minMinutes[e], m.maxMinutes[e]);
      const wk = e * m.weeks + m.weekOfDay[d];
      const wb = this.weekMinutes[wk];
      if (this.journaling) this.log(J_WEEK_MINUTES, wk, wb);
      this.weekMinutes[wk] = wb - oldMinutes + newMinutes;
      dm += excess(wb - oldMinutes + newMinutes, m.maxWeekMinutes[e]) - excess(wb, m.maxWeekMinutes[e]);
      const loan = m.loanOfMember[e];
      if (loan !== NONE) {
        const lb = this.loanMinutes[loan];
        if (this.journaling) this.log(J_LOAN_MINUTES, loan, lb);
        this.loanMinutes[loan] = lb - oldMinutes + newMinutes;
        dl = excess(lb - oldMinutes + newMinutes, m.loanMaxMinutes[loan]) - excess(lb, m.loanMaxMinutes[loan]);
        dm += dl;
      }
    }

    const oldU = old !== NONE && m.needUnpopular[old] === 1 ? 1 : 0;
    const newU = v !== NONE && m.needUnpopular[v] === 1 ? 1 : 0;
    if (oldU !== newU) {
      const u = this.unpopularCount[e];
      const nu = u - oldU + newU;
      ds += this.fairUnpopular * (nu * nu - u * u);
      if (this.journaling) this.log(J_UNPOPULAR, e, u);
      this.unpopularCount[e] = nu;
    }

    for (let i = m.pairStart[e]; i < m.pairStart[e + 1]; i++) {
      const other = this.cells[m.pairOther[i] * D + d];
      ds += m.pairWeight[i] * (pairBreach(m, v, other) - pairBreach(m, old, other));
    }

    const statusChanges = old === NONE || v === NONE;
    if (statusChanges) {
      const delta = v === NONE ? -1 : 1;
      const sc = this.shiftCount[e];
      ds += this.fairShifts * ((sc + delta) * (sc + delta) - sc * sc);
      if (this.journaling) this.log(J_SHIFTS, e, sc);
      this.shiftCount[e] = sc + delta;
      const we = m.weekendOfDay[d];
      if (we !== NONE) {
        const wi = e * m.weekends + we;
        const before = this.weekendDays[wi];
        if (this.journaling) this.log(J_WEEKEND_DAYS, wi, before);
        this.weekendDays[wi] = before + delta;
        if ((before === 0) !== (before + delta === 0)) {
          const ww = this.weekendsWorked[e];
          const nw = ww + delta;
          if (this.journaling) this.log(J_WEEKENDS, e, ww);
          this.weekendsWorked[e] = nw;
          dh += HARD_UNIT * (excess(nw, m.maxWeekends[e]) - excess(ww, m.maxWeekends[e]));
        }
      }
      // The runs next to d are whole runs: only they and d's own change with d's status.
      const rowBase = e * D;
      const s0 = old !== NONE;
      let L = d;
      let leftWorking = s0;
      if (d > 0) {
        leftWorking = this.cells[c - 1] !== NONE;
        L = d - 1;
        while (L > 0 && (this.cells[rowBase + L - 1] !== NONE) === leftWorking) L--;
      }
      let R = d;
      let rightWorking = s0;
      if (d < D - 1) {
        rightWorking = this.cells[c + 1] !== NONE;
        R = d + 1;
        while (R < D - 1 && (this.cells[rowBase + R + 1] !== NONE) === rightWorking) R++;
      }
      this.runHard = 0;
      this.runSoft = 0;
      this.runsAround(e, L, d, R, leftWorking, s0, rightWorking, -1);
      this.runsAround(e, L, d, R, leftWorking, !s0, rightWorking, 1);
      dh += this.runHard * HARD_UNIT;
      ds += this.runSoft * this.consecutiveWeight;
    }
    if (this.journaling) {
      this.log(J_CELLS, c, old);
      this.log(J_MEMBER_HARD, e, this.memberHard[e]);
    }
    this.cells[c] = v;
    this.hard += dh + dm;
    this.hardMinutes += dm;
    this.memberHard[e] += dh + dm - dl;
    this.soft += ds;
  }

  /**
   * Starts recording every write (the journal, see `journaling`): a `rollback` then
   * returns to this point. Recording stops at `rollback` or `release`.
   */
  mark(): void {
    this.journaling = true;
    this.journalLength = 0;
    this.journalOverflow = false;
    this.markedHard = this.hard;
    this.markedHardMinutes = this.hardMinutes;
    this.markedSoft = this.soft;
  }

  /** Stops recording: the changes since `mark` stay. */
  release(): void {
    this.journaling = false;
    this.journalLength = 0;
  }

  /**
   * Restores the rota and its score as they were at `mark` and stops recording; false
   * when more was written than the journal holds (nothing is then restored, and the
   * caller undoes its changes with `change`).
   */
  rollback(): boolean {
    this.journaling = false;
    if (this.journalOverflow) return false;
    for (let i = this.journalLength - 1; i >= 0; i--) {
      const slot = this.journalSlot[i];
      const value = this.journalValue[i];
      switch (this.journalArray[i]) {
        case J_CELLS: this.cells[slot] = value; break;
        case J_COVER: this.cover[slot] = value; break;
        case J_KIND: this.kindCount[slot] = value; break;
        case J_MINUTES: this.minutes[slot] = value; break;
        case J_WEEK_MINUTES: this.weekMinutes[slot] = value; break;
        case J_LOAN_MINUTES: this.loanMinutes[slot] = value; break;
        case J_UNPOPULAR: this.unpopularCount[slot] = value; break;
        case J_SHIFTS: this.shiftCount[slot] = value; break;
        case J_WEEKEND_DAYS: this.weekendDays[slot] = value; break;
        case J_WEEKENDS: this.weekendsWorked[slot] = value; break;
        case J_MEMBER_HARD: this.memberHard[slot] = value; break;
      }
    }
    this.journalLength = 0;
    this.hard = this.markedHard;
    this.hardMinutes = this.markedHardMinutes;
    this.soft = this.markedSoft;
    return true;
  }

  private log(array: number, slot: number, value: number): void {
    const i = this.journalLength;
    if (i === JOURNAL_CAPACITY) {
      this.journalOverflow = true;
      return;
    }
    this.journalArray[i] = array;
    this.journalSlot[i] = slot;
    this.journalValue[i] = value;
    this.journalLength = i + 1;
  }

  /**
   * Members whose own rules are broken now, in member order: a read of the score kept
   * up to date, where the rulebook's pass over a large rota is dear. A breach of a
   * loan's cap (shared by the members it lends) names no member.
   */
  breakingMembers(): number[] {
    const breaking: number[] = [];
    for (let e = 0; e < this.m.members; e++) if (this.memberHard[e] > 1e-6) breaking.push(e);
    return breaking;
  }

  /** Hard minutes as a float in the rulebook's units (hours and counts). */
  hardScore(): number {
    return this.hard / HARD_UNIT;
  }

  coverOf(n: number): number {
    return this.cover[n];
  }

  /** Days member e works of week-end `weekend` (an index of CompiledModel.weekendOfDay). */
  weekendDaysWorked(e: number, weekend: number): number {
    return this.weekendDays[e * this.m.weekends + weekend];
  }

  private coverPenalty(n: number, count: number): number {
    const req = this.m.needRequirement[n];
    return count < req ? (req - count) * this.m.needUnderWeight[n] : (count - req) * this.m.needOverWeight[n];
  }

  /**
   * Adds sign × the run rules' cost of [L, R] when cell d has status `mid`, the days
   * L..d-1 status `left` and d+1..R status `right` (each a whole run, or empty).
   */
  private runsAround(
    e: number,
    L: number,
    d: number,
    R: number,
    left: boolean,
    mid: boolean,
    right: boolean,
    sign: number,
  ): void {
    let start = d;
    if (d > L) {
      if (left === mid) start = L;
      else this.runCost(e, L, d - 1, left, sign);
    }
    if (d < R && right === mid) {
      this.runCost(e, start, R, mid, sign);
      return;
    }
    this.runCost(e, start, d, mid, sign);
    if (d < R) this.runCost(e, d + 1, R, right, sign);
  }

  /** Adds sign × the rules of one whole run [i, j] of work (or of days off) to runHard/runSoft. */
  private runCost(e: number, i: number, j: number, working: boolean, sign: number): void {
    const m = this.m;
    const len = j - i + 1;
    const touchesEdge = i === 0 || j === m.days - 1;
    let h = 0;
    if (working) {
      if (len > m.maxConsecutive[e]) h += len - m.maxConsecutive[e];
      if (!touchesEdge && len < m.minConsecutive[e]) h += m.minConsecutive[e] - len;
      if (len > m.preferredMaxConsecutive) this.runSoft += sign * (len - m.preferredMaxConsecutive);
    } else if (!touchesEdge && len < m.minConsecutiveOff[e]) {
      h += m.minConsecutiveOff[e] - len;
    }
    this.runHard += sign * h;
  }
}

/** Entries of the journal: a change writes 13 at most, a move of the search 16 changes at most. */
const JOURNAL_CAPACITY = 512;
const J_CELLS = 0;
const J_COVER = 1;
const J_KIND = 2;
const J_MINUTES = 3;
const J_WEEK_MINUTES = 4;
const J_LOAN_MINUTES = 5;
const J_UNPOPULAR = 6;
const J_SHIFTS = 7;
const J_WEEKEND_DAYS = 8;
const J_WEEKENDS = 9;
const J_MEMBER_HARD = 10;

function excess(value: number, max: number): number {
  return value > max ? value - max : 0;
}

function minutesPenalty(total: number, min: number, max: number): number {
  return (total > max ? total - max : 0) + (total < min ? min - total : 0);
}

/** 1 when one of a preferred pair works that day and the other is not on the same shift. */
function pairBreach(m: CompiledModel, a: number, b: number): number {
  if (a === NONE && b === NONE) return 0;
  if (a === NONE || b === NONE) return 1;
  return m.needShift[a] === m.needShift[b] ? 0 : 1;
}

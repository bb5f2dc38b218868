import {
  isAvailable, isInLoanScope, isQualified, isUnpopular, isWeekendDay, loanOf, preferenceMatches, travelKmOf, weekOf,
} from './eligibility';
import { Member, Preference, RotaProblem, RuleSettings, Shift, resolveSettings } from './model';

/**
 * The problem flattened into typed arrays for the search. A decision is one cell
 * per member and day holding a need index (a role on a shift) or NONE, so "one
 * shift a day" holds by construction and every rule reads O(1) or a short window.
 *
 * The search's hot files copy this and the constants below into constants of their
 * own: compiled to CommonJS by swc (the services' build, jest, the benchmark), every
 * read of an imported binding calls a getter of the exporting module. Instance24's
 * annealing, 10 M iterations at seed 1 (the same rota either way), runs alternated on
 * 2026-12-05: 6.77, 7.07, 7.19 and 7.17 s with the imports, 6.59, 6.70, 7.01 and 6.58 s
 * with the copies.
 */
export const NONE = -1;
/**
 * Hard sizes are kept in minutes (a count of 1 weighs 60) so that sums stay exact
 * integers; the rulebook reports the same sizes in hours and counts.
 */
export const HARD_UNIT = 60;
/** Whether value slot `slot` (member-day × stride + value) is blocked (CompiledModel.cellBlocked). */
export function isBlocked(cellBlocked: Uint8Array, slot: number): boolean {
  return (cellBlocked[slot >> 3] & (1 << (slot & 7))) !== 0;
}
/** Bits of CompiledModel.cellCosts. */
export const CELL_HARD = 1;
export const CELL_SOFT = 2;
const UNBOUNDED = 1 << 30;

export interface CompiledModel {
  problem: RotaProblem;
  settings: RuleSettings;
  members: number;
  days: number;
  needs: number;
  /** Cells per member-day: slot 0 is "off", slot p+1 the day's p-th need. */
  stride: number;
  weeks: number;
  weekends: number;
  loans: number;
  kinds: string[];
  timings: number;

  needShift: Int32Array;
  needDay: Int32Array;
  needKind: Int32Array;
  needTiming: Int32Array;
  needPos: Int32Array;
  /** Index of the need in its shift's needs. */
  needRole: Int32Array;
  needRequirement: Int32Array;
  needUnderWeight: Float64Array;
  needOverWeight: Float64Array;
  needMinutes: Int32Array;
  needUnpopular: Uint8Array;
  dayNeedStart: Int32Array;
  dayNeeds: Int32Array;
  weekOfDay: Int32Array;
  /** Weekend index of a Saturday or Sunday, NONE on weekdays. */
  weekendOfDay: Int32Array;

  /** First need of each (day, timing), NONE when absent: lets moves keep a shift's kind across days. */
  dayTimingNeed: Int32Array;
  /** Hard size (minutes) of working timing b the day after timing a: rest, overlap, forbidden succession. */
  successionHard: Float64Array;

  maxByKind: Int32Array;
  maxMinutes: Float64Array;
  minMinutes: Float64Array;
  maxWeekMinutes: Float64Array;
  maxConsecutive: Int32Array;
  minConsecutive: Int32Array;
  minConsecutiveOff: Int32Array;
  maxWeekends: Int32Array;
  loanOfMember: Int32Array;
  loanMaxMinutes: Float64Array;
  preferredMaxConsecutive: number;

  /** Hard size of a cell value (qualification, availability, loan scope); > 0 means not allowed. */
  cellHard: Float64Array;
  /**
   * One bit per member-day × value (read with isBlocked), set where the search never
   * goes: a hard cell breach, or a kind the member may work 0 times. Scores do not read
   * it; it only prunes moves. Bits rather than bytes: Instance24's 1.8 MB of bytes,
   * read at random by most moves, missed the processor's caches; its 225 kB of bits
   * fit them. Its annealing, 10 M iterations at seed 1 (the same rota either way), runs
   * alternated on 2026-12-05: 9.46, 9.83 and 8.04 s with bytes, 8.67, 7.61 and 7.37 s
   * with bits.
   */
  cellBlocked: Uint8Array;
  /** Soft cost of a cell value (preferences, travel, stability). */
  cellSoft: Float64Array;
  /**
   * Per member-day, whether any of its values has a hard size (CELL_HARD) or a soft cost
   * (CELL_SOFT): the incremental score reads cellHard and cellSoft only then. Both are
   * member-days × values (29 MB for Instance24, 150 members × 364 days × 33 values),
   * and their reads missed the processor's caches on most moves.
   */
  cellCosts: Uint8Array;
  /** Allowed needs per member-day (CSR), the values the search draws from. */
  allowedStart: Int32Array;
  allowedNeeds: Int32Array;

  pairStart: Int32Array;
  pairOther: Int32Array;
  pairWeight: Float64Array;

  memberIndex: Map<string, number>;
  shiftIndex: Map<string, number>;
  /** need index of (shift, role) */
  needOf: Map<string, number>;
}

export function needKey(shiftId: string, role: string): string {
  return `${shiftId}\u0000${role}`;
}

export function compile(problem: RotaProblem): CompiledModel {
  const settings = resolveSettings(problem.settings);
  const w = settings.weights;
  const D = problem.days;
  const E = problem.members.length;
  for (const s of problem.shifts) {
    if (s.day < 0 || s.day >= D) throw new Error(`shift ${s.id} is outside the horizon`);
    if (s.end <= s.start || s.end - s.start > 1440) throw new Error(`shift ${s.id} must last between 1 minute and 24 hours`);
  }

  const kinds = [...new Set(problem.shifts.map((s) => s.kind))];
  const kindIndex = new Map(kinds.map((k, i) => [k, i]));
  const K = kinds.length;

  // Needs, grouped by day so that a cell's slot is the need's position in its day.
  const byDay: number[][] = Array.from({ length: D }, () => []);
  const flat: { shift: Shift; shiftIdx: number; role: number }[] = [];
  problem.shifts.forEach((shift, shiftIdx) => shift.needs.forEach((_, role) => flat.push({ shift, shiftIdx, role })));
  const order = flat.map((_, i) => i).sort((a, b) => flat[a].shift.day - flat[b].shift.day || a - b);
  const N = flat.length;
  const needShift = new Int32Array(N);
  const needDay = new Int32Array(N);
  const needKind = new Int32Array(N);
  const needTiming = new Int32Array(N);
  const needPos = new Int32Array(N);
  const needRole = new Int32Array(N);
  const needRequirement = new Int32Array(N);
  const needUnderWeight = new Float64Array(N);
  const needOverWeight = new Float64Array(N);
  const needMinutes = new Int32Array(N);
  const needUnpopular = new Uint8Array(N);
  const needOf = new Map<string, number>();
  const timingKey = new Map<string, number>();
  const timingDef: { kind: number; start: number; end: number }[] = [];
  order.forEach((src, n) => {
    const { shift, shiftIdx, role } = flat[src];
    const need = shift.needs[role];
    needShift[n] = shiftIdx;
    needRole[n] = role;
    needDay[n] = shift.day;
    needKind[n] = kindIndex.get(shift.kind)!;
    const tk = `${shift.kind}|${shift.start}|${shift.end}`;
    if (!timingKey.has(tk)) {
      timingKey.set(tk, timingDef.length);
      timingDef.push({ kind: needKind[n], start: shift.start, end: shift.end });
    }
    needTiming[n] = timingKey.get(tk)!;
    needPos[n] = byDay[shift.day].length;
    byDay[shift.day].push(n);
    needRequirement[n] = need.count;
    needUnderWeight[n] = need.underWeight ?? w.unfilled;
    needOverWeight[n] = need.overWeight ?? w.overstaffed;
    needMinutes[n] = shift.end - shift.start;
    needUnpopular[n] = isUnpopular(problem, shift) ? 1 : 0;
    needOf.set(needKey(shift.id, need.role), n);
  });
  const dayNeedStart = new Int32Array(D + 1);
  for (let d = 0; d < D; d++) dayNeedStart[d + 1] = dayNeedStart[d] + byDay[d].length;
  const dayNeeds = Int32Array.from(byDay.flat());
  const stride = Math.max(...byDay.map((l) => l.length), 0) + 1;

  const weekOfDay = new Int32Array(D);
  const weekendOfDay = new Int32Array(D).fill(NONE);
  let weekends = 0;
  let lastWeekend = -1;
  for (let d = 0; d < D; d++) {
    weekOfDay[d] = weekOf(problem.startDate, d);
    if (isWeekendDay(problem.startDate, d)) {
      if (weekOfDay[d] !== lastWeekend) {
        lastWeekend = weekOfDay[d];
        weekends++;
      }
      weekendOfDay[d] = weekends - 1;
    }
  }
  const weeks = D === 0 ? 0 : weekOfDay[D - 1] + 1;

  const T = timingDef.length;
  const dayTimingNeed = new Int32Array(D * T).fill(NONE);
  for (let n = N - 1; n >= 0; n--) dayTimingNeed[needDay[n] * T + needTiming[n]] = n;
  const successionHard = new Float64Array(T * T);
  const forbidden = new Set((problem.forbiddenSuccessions ?? []).map((f) => `${f.first}|${f.then}`));
  for (let a = 0; a < T; a++) {
    for (let b = 0; b < T; b++) {
      successionHard[a * T + b] = successionSize(timingDef[a], timingDef[b], kinds, forbidden, settings.minRestMinutes);
    }
  }

  const loans = problem.loans ?? [];
  const loanIdx = new Map(loans.map((l, i) => [l.id, i]));
  const maxByKind = new Int32Array(E * K).fill(UNBOUNDED);
  const maxMinutes = new Float64Array(E).fill(UNBOUNDED);
  const minMinutes = new Float64Array(E);
  const maxWeekMinutes = new Float64Array(E).fill(UNBOUNDED);
  const maxConsecutive = new Int32Array(E).fill(UNBOUNDED);
  const minConsecutive = new Int32Array(E);
  const minConsecutiveOff = new Int32Array(E);
  const maxWeekends = new Int32Array(E).fill(UNBOUNDED);
  const loanOfMember = new Int32Array(E).fill(NONE);
  const loanMaxMinutes = Float64Array.from(loans.map((l) => l.maxMinutes ?? UNBOUNDED));
  const memberIndex = new Map<string, number>();
  problem.members.forEach((m, e) => {
    memberIndex.set(m.id, e);
    for (const [kind, max] of Object.entries(m.maxShiftsByKind ?? {})) {
      const k = kindIndex.get(kind);
      if (k !== undefined) maxByKind[e * K + k] = max;
    }
    if (m.maxMinutes !== undefined) maxMinutes[e] = m.maxMinutes;
    minMinutes[e] = m.minMinutes ?? 0;
    if (m.maxMinutesPerWeek !== undefined) maxWeekMinutes[e] = m.maxMinutesPerWeek;
    if (m.maxConsecutiveDays !== undefined) maxConsecutive[e] = m.maxConsecutiveDays;
    minConsecutive[e] = m.minConsecutiveDays ?? 0;
    minConsecutiveOff[e] = m.minConsecutiveDaysOff ?? 0;
    if (m.maxWeekends !== undefined) maxWeekends[e] = m.maxWeekends;
    if (m.loanId !== undefined) {
      const l = loanIdx.get(m.loanId);
      if (l === undefined) throw new Error(`member ${m.id} refers to unknown loan ${m.loanId}`);
      loanOfMember[e] = l;
    }
  });

  const shiftIndex = new Map(problem.shifts.map((s, i) => [s.id, i]));
  const hasPrevious = problem.previousRota !== undefined;
  const previous = previousCells(problem, memberIndex, needOf, needDay, E, D);
  const cellHard = new Float64Array(E * D * stride);
  const cellSoft = new Float64Array(E * D * stride);
  const cellBlocked = new Uint8Array((E * D * stride + 7) >> 3);
  const cellCosts = new Uint8Array(E * D);
  const allowedStart = new Int32Array(E * D + 1);
  const allowed: number[] = [];
  problem.members.forEach((m, e) => {
    const loan = loanOf(problem, m);
    const prefs = preferencesByDay(m);
    for (let d = 0; d < D; d++) {
      const cell = e * D + d;
      const base = cell * stride;
      const prev = previous[cell];
      cellSoft[base] = offCost(prefs, d) * w.preference + (hasPrevious && prev !== NONE ? w.stability : 0);
      for (let i = dayNeedStart[d]; i < dayNeedStart[d + 1]; i++) {
        const n = dayNeeds[i];
        const shift = problem.shifts[needShift[n]];
        const need = shift.needs[needRole[n]];
        const hard = HARD_UNIT * ((isQualified(m, need) ? 0 : 1) + (isAvailable(m, shift, loan) ? 0 : 1) + (isInLoanScope(shift, loan) ? 0 : 1));
        const slot = base + needPos[n] + 1;
        cellHard[slot] = hard;
        cellSoft[slot] =
          workCost(prefs, shift) * w.preference + travelKmOf(problem, m, shift.siteId) * w.travelPerKm + (hasPrevious && prev !== n ? w.stability : 0);
        if (hard === 0 && maxByKind[e * K + needKind[n]] > 0) allowed.push(n);
        else cellBlocked[slot >> 3] |= 1 << (slot & 7);
      }
      allowedStart[cell + 1] = allowed.length;
      for (let slot = base; slot < base + stride; slot++) {
        if (cellHard[slot] !== 0) cellCosts[cell] |= CELL_HARD;
        if (cellSoft[slot] !== 0) cellCosts[cell] |= CELL_SOFT;
      }
    }
  });

  const pairLists: { other: number; weight: number }[][] = Array.from({ length: E }, () => []);
  for (const p of problem.pairs ?? []) {
    const a = memberIndex.get(p.memberA);
    const b = memberIndex.get(p.memberB);
    if (a === undefined || b === undefined || a === b) continue;
    const weight = (p.weight ?? 1) * w.pairs;
    pairLists[a].push({ other: b, weight });
    pairLists[b].push({ other: a, weight });
  }
  const pairStart = new Int32Array(E + 1);
  for (let e = 0; e < E; e++) pairStart[e + 1] = pairStart[e] + pairLists[e].length;

  return {
    problem, settings, members: E, days: D, needs: N, stride, weeks, weekends, loans: loans.length, kinds, timings: T,
    needShift, needDay, needKind, needTiming, needPos, needRole, needRequirement, needUnderWeight, needOverWeight, needMinutes, needUnpopular,
    dayNeedStart, dayNeeds, weekOfDay, weekendOfDay, dayTimingNeed, successionHard,
    maxByKind, maxMinutes, minMinutes, maxWeekMinutes, maxConsecutive, minConsecutive, minConsecutiveOff, maxWeekends,
    loanOfMember, loanMaxMinutes, preferredMaxConsecutive: settings.preferredMaxConsecutiveDays,
    cellHard, cellSoft, cellCosts, cellBlocked, allowedStart, allowedNeeds: Int32Array.from(allowed),
    pairStart, pairOther: Int32Array.from(pairLists.flat().map((p) => p.other)), pairWeight: Float64Array.from(pairLists.flat().map((p) => p.weight)),
    memberIndex, shiftIndex, needOf,
  };
}

/** Rest, overlap and explicit forbidden successions between consecutive days, as one hard size. */
function successionSize(
  a: { kind: number; start: number; end: number }, b: { kind: number; start: number; end: number },
  kinds: string[], forbidden: Set<string>, minRest: number,
): number {
  let size = forbidden.has(`${kinds[a.kind]}|${kinds[b.kind]}`) ? HARD_UNIT : 0;
  const gap = 1440 + b.start - a.end;
  if (gap < 0) size += -gap;
  else if (gap < minRest) size += minRest - gap;
  return size;
}

/**
 * A member's preferences split by the days they can cost on: a benchmark member has
 * hundreds of day requests, and scanning them all for every (day, need) cell made
 * compiling Instance24 take 1.5 s of its 60.
 */
interface PreferencesByDay {
  /** Preferences that can cost on any day: without a day, and every `prefers` (it costs off its day too). */
  anyDay: Preference[];
  /** `wants` and `avoids` with a day, by that day. */
  onDay: Map<number, Preference[]>;
}

function preferencesByDay(m: Member): PreferencesByDay {
  const anyDay: Preference[] = [];
  const onDay = new Map<number, Preference[]>();
  for (const p of m.preferences ?? []) {
    if (p.day === undefined || p.type === 'prefers') anyDay.push(p);
    else {
      const list = onDay.get(p.day);
      if (list) list.push(p);
      else onDay.set(p.day, [p]);
    }
  }
  return { anyDay, onDay };
}

function offCost(prefs: PreferencesByDay, day: number): number {
  let cost = 0;
  for (const p of prefs.onDay.get(day) ?? []) if (p.type === 'wants') cost += p.weight;
  return cost;
}

function workCost(prefs: PreferencesByDay, shift: Shift): number {
  return preferenceCost(prefs.anyDay, shift) + preferenceCost(prefs.onDay.get(shift.day) ?? [], shift);
}

function preferenceCost(preferences: Preference[], shift: Shift): number {
  let cost = 0;
  for (const p of preferences) {
    const match = preferenceMatches(p, shift);
    if (p.type === 'wants' && p.day === shift.day && !match) cost += p.weight;
    else if (p.type === 'avoids' && match) cost += p.weight;
    else if (p.type === 'prefers' && !match) cost += p.weight;
  }
  return cost;
}

const CONFLICT = -2;

function previousCells(
  problem: RotaProblem, memberIndex: Map<string, number>, needOf: Map<string, number>, needDay: Int32Array, E: number, D: number,
): Int32Array {
  const cells = new Int32Array(E * D).fill(NONE);
  for (const a of problem.previousRota ?? []) {
    const e = memberIndex.get(a.memberId);
    const n = needOf.get(needKey(a.shiftId, a.role));
    if (e === undefined || n === undefined) continue;
    const c = e * D + needDay[n];
    // Two published shifts the same day: whatever the member does now differs from it.
    cells[c] = cells[c] === NONE ? n : CONFLICT;
  }
  return cells;
}

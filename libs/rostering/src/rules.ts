import { clock, describeDay, describeShift, memberName, plural } from './describe';
import {
  isAvailable, isInLoanScope, isQualified, isUnpopular, isWeekendDay, loanOf, preferenceMatches, travelKmOf, weekOf,
} from './eligibility';
import { Assignment, Member, Need, RotaProblem, RuleSettings, Shift, resolveSettings } from './model';

/**
 * The rulebook: every rule the engine knows, hard then soft, each a small function
 * with a human name and an explanation. It rescores a whole rota from scratch and
 * shares no code with the incremental score (score-state.ts), so each checks the other.
 * Hard sizes are counts, hours or days; a soft penalty is its weight times the size.
 */
export type Level = 'hard' | 'soft';

export interface Breach {
  rule: string;
  name: string;
  level: Level;
  size: number;
  penalty: number;
  message: string;
  memberId?: string;
  shiftId?: string;
  role?: string;
  day?: number;
}

export interface Constraint {
  id: string;
  name: string;
  level: Level;
  explanation: string;
  check(view: RotaView): Breach[];
}

export interface Placed {
  assignment: Assignment;
  member: Member;
  shift: Shift;
  need: Need;
}

export interface RotaView {
  problem: RotaProblem;
  settings: RuleSettings;
  placed: Placed[];
  /** Each member's assignments sorted by day then start. */
  byMember: Map<string, Placed[]>;
  /** Assignments naming an unknown member, shift or role. */
  unknown: Assignment[];
  filled: Map<string, number>;
}

export function viewOf(problem: RotaProblem, assignments: Assignment[]): RotaView {
  const members = new Map(problem.members.map((m) => [m.id, m]));
  const shifts = new Map(problem.shifts.map((s) => [s.id, s]));
  const placed: Placed[] = [];
  const unknown: Assignment[] = [];
  for (const a of assignments) {
    const member = members.get(a.memberId);
    const shift = shifts.get(a.shiftId);
    const need = shift?.needs.find((n) => n.role === a.role);
    if (!member || !shift || !need) unknown.push(a);
    else placed.push({ assignment: a, member, shift, need });
  }
  const byMember = new Map<string, Placed[]>(problem.members.map((m) => [m.id, []]));
  for (const p of placed) byMember.get(p.member.id)!.push(p);
  for (const list of byMember.values()) list.sort((x, y) => x.shift.day - y.shift.day || x.shift.start - y.shift.start);
  const filledCount = new Map<string, number>();
  for (const p of placed) filledCount.set(`${p.shift.id}|${p.need.role}`, (filledCount.get(`${p.shift.id}|${p.need.role}`) ?? 0) + 1);
  return { problem, settings: resolveSettings(problem.settings), placed, byMember, unknown, filled: filledCount };
}

function breach(c: Omit<Constraint, 'check'>, size: number, penalty: number, message: string, at: Partial<Breach> = {}): Breach {
  return { rule: c.id, name: c.name, level: c.level, size, penalty, message, ...at };
}

function hard(id: string, name: string, explanation: string, check: (view: RotaView, self: Constraint) => Breach[]): Constraint {
  const c: Constraint = { id, name, level: 'hard', explanation, check: (v) => check(v, c) };
  return c;
}

function soft(id: string, name: string, explanation: string, check: (view: RotaView, self: Constraint) => Breach[]): Constraint {
  const c: Constraint = { id, name, level: 'soft', explanation, check: (v) => check(v, c) };
  return c;
}

const at = (p: Placed): Partial<Breach> => ({ memberId: p.member.id, shiftId: p.shift.id, role: p.assignment.role, day: p.shift.day });
const who = (view: RotaView, memberId: string) => memberName(view.problem, memberId);
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** Pairs of a member's shifts on consecutive days (the only ones rest and overlap can touch). */
function consecutivePairs(list: Placed[]): [Placed, Placed][] {
  const byDay = new Map<number, Placed[]>();
  for (const p of list) byDay.set(p.shift.day, [...(byDay.get(p.shift.day) ?? []), p]);
  const out: [Placed, Placed][] = [];
  for (const x of list) for (const y of byDay.get(x.shift.day + 1) ?? []) out.push([x, y]);
  return out;
}

/** Number of people on each (shift, role). */
function filled(view: RotaView, shift: Shift, need: Need): number {
  return view.filled.get(`${shift.id}|${need.role}`) ?? 0;
}

/** Runs of worked (true) and free (false) days of one member. */
function runsOf(view: RotaView, list: Placed[]): { working: boolean; from: number; to: number; touchesEdge: boolean }[] {
  const D = view.problem.days;
  const worked = new Array<boolean>(D).fill(false);
  for (const p of list) worked[p.shift.day] = true;
  const runs = [];
  for (let i = 0; i < D; ) {
    let j = i;
    while (j + 1 < D && worked[j + 1] === worked[i]) j++;
    runs.push({ working: worked[i], from: i, to: j, touchesEdge: i === 0 || j === D - 1 });
    i = j + 1;
  }
  return runs;
}

function sumBy<K>(items: Placed[], key: (p: Placed) => K, value: (p: Placed) => number): Map<K, number> {
  const out = new Map<K, number>();
  for (const p of items) out.set(key(p), (out.get(key(p)) ?? 0) + value(p));
  return out;
}

const minutesOf = (p: Placed) => p.shift.end - p.shift.start;

export const HARD_CONSTRAINTS: Constraint[] = [
  hard('qualification', 'Qualified for the role', 'A member only fills a role whose profession and skills they have.', (view, c) =>
    view.placed.filter((p) => !isQualified(p.member, p.need)).map((p) =>
      breach(c, 1, 1, `${who(view, p.member.id)} (${p.member.profession}) is not qualified as ${p.assignment.role} on ${describeShift(view.problem, p.shift)}`, at(p)))),

  hard('availability', 'Available at that time', 'A member only works inside their availability, off their days off and, when lent, inside the loan period.', (view, c) =>
    view.placed.filter((p) => !isAvailable(p.member, p.shift, loanOf(view.problem, p.member))).map((p) =>
      breach(c, 1, 1, `${who(view, p.member.id)} is not available on ${describeShift(view.problem, p.shift)}`, at(p)))),

  hard('loan-scope', 'Lent staff within their agreement', 'Partner staff only work on the sites and campaigns their loan agreement covers.', (view, c) =>
    view.placed.filter((p) => !isInLoanScope(p.shift, loanOf(view.problem, p.member))).map((p) =>
      breach(c, 1, 1, `${who(view, p.member.id)} is lent by ${loanOf(view.problem, p.member)!.partner} for other sites than ${describeShift(view.problem, p.shift)}`, at(p)))),

  hard('one-shift-a-day', 'At most one shift a day', 'A member works at most one shift per day (a full day is one shift).', (view, c) =>
    [...view.byMember].flatMap(([memberId, list]) => [...sumBy(list, (p) => p.shift.day, () => 1)].filter(([, n]) => n > 1).map(([day, n]) =>
      breach(c, n - 1, n - 1, `${who(view, memberId)} has ${n} shifts on ${describeDay(view.problem, day)}`, { memberId, day })))),

  hard('no-overlap', 'No overlapping shifts', 'A shift cannot start before the member\'s previous shift has ended.', (view, c) =>
    [...view.byMember.values()].flatMap((list) => consecutivePairs(list).flatMap(([x, y]) => {
      const gap = 1440 + y.shift.start - x.shift.end;
      return gap < 0 ? [breach(c, -gap / 60, -gap / 60, `${who(view, x.member.id)}: ${describeShift(view.problem, y.shift)} overlaps the shift ending at ${clock(x.shift.end)}`, at(y))] : [];
    }))),

  hard('minimum-rest', 'Minimum rest between shifts', 'At least the configured rest (11 h by default) between two shifts; the size is the missing rest in hours.', (view, c) =>
    [...view.byMember.values()].flatMap((list) => consecutivePairs(list).flatMap(([x, y]) => {
      const gap = 1440 + y.shift.start - x.shift.end;
      const missing = view.settings.minRestMinutes - gap;
      return gap >= 0 && missing > 0 ? [breach(c, missing / 60, missing / 60, `${who(view, x.member.id)} rests only ${hours(gap)} h before ${describeShift(view.problem, y.shift)}`, at(y))] : [];
    }))),

  hard('forbidden-succession', 'Forbidden shift succession', 'Some shift kinds may not be worked the day after others (e.g. a morning after a night).', (view, c) => {
    const forbidden = new Set((view.problem.forbiddenSuccessions ?? []).map((f) => `${f.first}|${f.then}`));
    return [...view.byMember.values()].flatMap((list) => consecutivePairs(list).filter(([x, y]) => forbidden.has(`${x.shift.kind}|${y.shift.kind}`)).map(([x, y]) =>
      breach(c, 1, 1, `${who(view, x.member.id)} works ${y.shift.kind} the day after ${x.shift.kind} (${describeDay(view.problem, y.shift.day)})`, at(y))));
  }),

  hard('max-shifts-by-kind', 'Maximum shifts of a kind', 'A member works at most their declared number of shifts of each kind.', (view, c) =>
    [...view.byMember].flatMap(([memberId, list]) => {
      const member = list[0]?.member;
      return [...sumBy(list, (p) => p.shift.kind, () => 1)].flatMap(([kind, n]) => {
        const max = member?.maxShiftsByKind?.[kind];
        return max !== undefined && n > max ? [breach(c, n - max, n - max, `${who(view, memberId)} has ${n} ${kind} shifts, at most ${max} allowed`, { memberId })] : [];
      });
    })),

  hard('max-hours-per-week', 'Maximum hours per week', 'A member works at most their weekly hours; the size is the excess in hours.', (view, c) =>
    [...view.byMember].flatMap(([memberId, list]) => {
      const max = list[0]?.member.maxMinutesPerWeek;
      if (max === undefined) return [];
      return [...sumBy(list, (p) => weekOf(view.problem.startDate, p.shift.day), minutesOf)].filter(([, m]) => m > max).map(([week, m]) =>
        breach(c, (m - max) / 60, (m - max) / 60, `${who(view, memberId)} works ${hours(m)} h in week ${week + 1}, at most ${hours(max)} h`, { memberId }));
    })),

  hard('declared-cap', 'Declared cap over the period', 'A member works at most the hours they declared for the period (the monthly cap).', (view, c) =>
    view.problem.members.flatMap((member) => {
      const total = (view.byMember.get(member.id) ?? []).reduce((s, p) => s + minutesOf(p), 0);
      const max = member.maxMinutes;
      return max !== undefined && total > max ? [breach(c, (total - max) / 60, (total - max) / 60, `${who(view, member.id)} works ${hours(total)} h, above the declared ${hours(max)} h`, { memberId: member.id })] : [];
    })),

  hard('minimum-hours', 'Minimum hours over the period', 'A member works at least their minimum hours over the period.', (view, c) =>
    view.problem.members.flatMap((member) => {
      const total = (view.byMember.get(member.id) ?? []).reduce((s, p) => s + minutesOf(p), 0);
      const min = member.minMinutes ?? 0;
      return total < min ? [breach(c, (min - total) / 60, (min - total) / 60, `${who(view, member.id)} works ${hours(total)} h, below the minimum ${hours(min)} h`, { memberId: member.id })] : [];
    })),

  hard('loan-hours-cap', 'Loan hours cap', 'All staff lent by one agreement together work at most its hours.', (view, c) =>
    (view.problem.loans ?? []).flatMap((loan) => {
      const total = view.placed.filter((p) => p.member.loanId === loan.id).reduce((s, p) => s + minutesOf(p), 0);
      const max = loan.maxMinutes;
      return max !== undefined && total > max ? [breach(c, (total - max) / 60, (total - max) / 60, `Staff lent by ${loan.partner} work ${hours(total)} h, above the agreed ${hours(max)} h`)] : [];
    })),

  hard('max-consecutive-days', 'Maximum consecutive working days', 'A member works at most their maximum number of days in a row.', (view, c) =>
    view.problem.members.flatMap((member) => {
      const max = member.maxConsecutiveDays;
      if (max === undefined) return [];
      return runsOf(view, view.byMember.get(member.id) ?? []).filter((r) => r.working && r.to - r.from + 1 > max).map((r) =>
        breach(c, r.to - r.from + 1 - max, r.to - r.from + 1 - max, `${who(view, member.id)} works ${r.to - r.from + 1} days in a row from ${describeDay(view.problem, r.from)}, at most ${max}`, { memberId: member.id, day: r.from }));
    })),

  hard('min-consecutive-days', 'Minimum consecutive working days', 'A stretch of work lasts at least the minimum number of days, unless it touches the start or end of the period.', (view, c) =>
    view.problem.members.flatMap((member) => {
      const min = member.minConsecutiveDays ?? 0;
      return runsOf(view, view.byMember.get(member.id) ?? []).filter((r) => r.working && !r.touchesEdge && r.to - r.from + 1 < min).map((r) =>
        breach(c, min - (r.to - r.from + 1), min - (r.to - r.from + 1), `${who(view, member.id)} works only ${plural(r.to - r.from + 1, 'day')} in a row from ${describeDay(view.problem, r.from)}, at least ${min}`, { memberId: member.id, day: r.from }));
    })),

  hard('min-consecutive-days-off', 'Minimum consecutive days off', 'A stretch of days off lasts at least the minimum, unless it touches the start or end of the period.', (view, c) =>
    view.problem.members.flatMap((member) => {
      const min = member.minConsecutiveDaysOff ?? 0;
      return runsOf(view, view.byMember.get(member.id) ?? []).filter((r) => !r.working && !r.touchesEdge && r.to - r.from + 1 < min).map((r) =>
        breach(c, min - (r.to - r.from + 1), min - (r.to - r.from + 1), `${who(view, member.id)} has only ${plural(r.to - r.from + 1, 'day')} off from ${describeDay(view.problem, r.from)}, at least ${min}`, { memberId: member.id, day: r.from }));
    })),

  hard('max-weekends', 'Maximum worked week-ends', 'A member works at most their number of week-ends (a week-end is worked when Saturday or Sunday is).', (view, c) =>
    view.problem.members.flatMap((member) => {
      const max = member.maxWeekends;
      if (max === undefined) return [];
      const weekends = new Set((view.byMember.get(member.id) ?? []).filter((p) => isWeekendDay(view.problem.startDate, p.shift.day)).map((p) => weekOf(view.problem.startDate, p.shift.day)));
      return weekends.size > max ? [breach(c, weekends.size - max, weekends.size - max, `${who(view, member.id)} works ${plural(weekends.size, 'week-end')}, at most ${max}`, { memberId: member.id })] : [];
    })),
];

export const SOFT_CONSTRAINTS: Constraint[] = [
  soft('unfilled-need', 'Unfilled need', 'Each missing person on a shift costs the need\'s weight (unfilled by default).', (view, c) =>
    view.problem.shifts.flatMap((shift) => shift.needs.flatMap((need) => {
      const have = filled(view, shift, need);
      const missing = need.count - have;
      const weight = need.underWeight ?? view.settings.weights.unfilled;
      return missing > 0 && weight > 0 ? [breach(c, missing, missing * weight, `${describeShift(view.problem, shift)}: ${plural(missing, need.role)} missing (${have} of ${need.count})`, { shiftId: shift.id, role: need.role, day: shift.day })] : [];
    }))),

  soft('overstaffed', 'Overstaffed shift', 'Each person above a shift\'s need costs the need\'s over weight.', (view, c) =>
    view.problem.shifts.flatMap((shift) => shift.needs.flatMap((need) => {
      const extra = filled(view, shift, need) - need.count;
      const weight = need.overWeight ?? view.settings.weights.overstaffed;
      return extra > 0 && weight > 0 ? [breach(c, extra, extra * weight, `${describeShift(view.problem, shift)}: ${plural(extra, need.role)} more than needed`, { shiftId: shift.id, role: need.role, day: shift.day })] : [];
    }))),

  soft('preferences', 'Preferences', 'Requested shifts not granted, avoided shifts given and assignments outside preferred sites or bands.', (view, c) =>
    view.problem.members.flatMap((member) => {
      const list = view.byMember.get(member.id) ?? [];
      const w = view.settings.weights.preference;
      return (member.preferences ?? []).flatMap((pref) => {
        if (pref.type === 'wants') {
          if (pref.day === undefined || list.some((p) => p.shift.day === pref.day && preferenceMatches(pref, p.shift))) return [];
          return [breach(c, 1, pref.weight * w, `${who(view, member.id)} asked to work ${pref.shiftKind ?? ''} on ${describeDay(view.problem, pref.day)}`.replace('  ', ' '), { memberId: member.id, day: pref.day })];
        }
        const hit = list.filter((p) => preferenceMatches(pref, p.shift) === (pref.type === 'avoids'));
        return hit.map((p) => breach(c, 1, pref.weight * w, `${who(view, member.id)} ${pref.type === 'avoids' ? 'asked not to work' : 'prefers other shifts than'} ${describeShift(view.problem, p.shift)}`, at(p)));
      });
    })),

  soft('travel', 'Travel distance', 'Each assignment costs the distance from the member\'s nearest commune to the site.', (view, c) =>
    view.placed.flatMap((p) => {
      const km = travelKmOf(view.problem, p.member, p.shift.siteId);
      const penalty = km * view.settings.weights.travelPerKm;
      return penalty > 0 ? [breach(c, km, penalty, `${who(view, p.member.id)} travels ${km} km to ${describeShift(view.problem, p.shift)}`, at(p))] : [];
    })),

  soft('stability', 'Stability against the published rota', 'Each member-day that differs from the previously published rota costs the stability weight.', (view, c) => {
    if (!view.problem.previousRota) return [];
    const key = (a: Assignment) => `${a.shiftId}|${a.role}`;
    const shiftDay = new Map(view.problem.shifts.map((s) => [s.id, s.day]));
    const dayKeys = (list: Assignment[]) => {
      const out = new Map<string, Set<string>>();
      for (const a of list) {
        const day = shiftDay.get(a.shiftId);
        if (day === undefined) continue;
        const k = `${a.memberId}|${day}`;
        if (!out.has(k)) out.set(k, new Set());
        out.get(k)!.add(key(a));
      }
      return out;
    };
    const before = dayKeys(view.problem.previousRota);
    const now = dayKeys(view.placed.map((p) => p.assignment));
    const w = view.settings.weights.stability;
    const memberDays = new Set([...before.keys(), ...now.keys()]);
    return [...memberDays].filter((k) => {
      const a = before.get(k) ?? new Set();
      const b = now.get(k) ?? new Set();
      return a.size !== b.size || [...a].some((x) => !b.has(x));
    }).filter(() => w > 0).map((k) => {
      const [memberId, day] = k.split('|');
      return breach(c, 1, w, `${who(view, memberId)} changes on ${describeDay(view.problem, Number(day))} against the published rota`, { memberId, day: Number(day) });
    });
  }),

  soft('fair-shifts', 'Fair spread of shifts', 'Each member costs the square of their number of shifts, so shifts spread evenly across members.', (view, c) =>
    view.problem.members.flatMap((member) => {
      const n = (view.byMember.get(member.id) ?? []).length;
      const w = view.settings.weights.fairShifts;
      return n > 0 && w > 0 ? [breach(c, n, w * n * n, `${who(view, member.id)} has ${plural(n, 'shift')}`, { memberId: member.id })] : [];
    })),

  soft('fair-unpopular', 'Fair spread of nights and week-ends', 'Each member costs the square of their number of night or week-end shifts.', (view, c) =>
    view.problem.members.flatMap((member) => {
      const n = (view.byMember.get(member.id) ?? []).filter((p) => isUnpopular(view.problem, p.shift)).length;
      const w = view.settings.weights.fairUnpopular;
      return n > 0 && w > 0 ? [breach(c, n, w * n * n, `${who(view, member.id)} has ${plural(n, 'night or week-end shift')}`, { memberId: member.id })] : [];
    })),

  soft('keep-pairs', 'Keep doctor + nurse pairs', 'Each day one of a preferred pair works without the other on the same shift costs the pair\'s weight.', (view, c) =>
    (view.problem.pairs ?? []).flatMap((pair) => {
      if (pair.memberA === pair.memberB) return [];
      const a = view.byMember.get(pair.memberA);
      const b = view.byMember.get(pair.memberB);
      if (!a || !b) return [];
      const days = new Set([...a, ...b].map((p) => p.shift.day));
      const w = (pair.weight ?? 1) * view.settings.weights.pairs;
      return [...days].filter((day) => w > 0 && !a.some((x) => x.shift.day === day && b.some((y) => y.shift === x.shift))).map((day) =>
        breach(c, 1, w, `${who(view, pair.memberA)} and ${who(view, pair.memberB)} are not together on ${describeDay(view.problem, day)}`, { memberId: pair.memberA, day }));
    })),

  soft('few-consecutive-days', 'Few consecutive days', 'Each day worked beyond the preferred number of days in a row costs the weight.', (view, c) =>
    view.problem.members.flatMap((member) => {
      const max = view.settings.preferredMaxConsecutiveDays;
      const w = view.settings.weights.consecutiveDays;
      return runsOf(view, view.byMember.get(member.id) ?? []).filter((r) => w > 0 && r.working && r.to - r.from + 1 > max).map((r) =>
        breach(c, r.to - r.from + 1 - max, w * (r.to - r.from + 1 - max), `${who(view, member.id)} works ${r.to - r.from + 1} days in a row from ${describeDay(view.problem, r.from)}`, { memberId: member.id, day: r.from }));
    })),
];

export const CONSTRAINTS: Constraint[] = [...HARD_CONSTRAINTS, ...SOFT_CONSTRAINTS];

export interface Evaluation {
  hard: number;
  soft: number;
  breaches: Breach[];
}

/** Rescores a rota from scratch against every rule. */
export function evaluate(problem: RotaProblem, assignments: Assignment[]): Evaluation {
  const view = viewOf(problem, assignments);
  const breaches = CONSTRAINTS.flatMap((c) => c.check(view));
  let hardScore = 0;
  let softScore = 0;
  for (const b of breaches) {
    if (b.level === 'hard') hardScore += b.penalty;
    else softScore += b.penalty;
  }
  return { hard: hardScore, soft: softScore, breaches };
}

import { describeShift, plural } from './describe';
import { isAvailable, isInLoanScope, isQualified, loanOf } from './eligibility';
import { Assignment, Member, Need, RotaProblem, Shift } from './model';
import { Breach, HARD_CONSTRAINTS, evaluate, viewOf } from './rules';

/** Why a qualified member could not take an unfilled need, first binding reason. */
export type UnfilledCause = 'unavailable' | 'working-that-day' | `rule:${string}` | 'could-take-it';

export interface UnfilledNeed {
  shiftId: string;
  role: string;
  day: number;
  missing: number;
  qualified: number;
  /** How many qualified members each cause keeps away. */
  causes: Partial<Record<UnfilledCause, number>>;
  /** The cause that keeps most qualified members away ('nobody-qualified' when none exists). */
  bindingCause: UnfilledCause | 'nobody-qualified';
  message: string;
}

export interface Explanation {
  unfilled: UnfilledNeed[];
  /** Every hard breach (an invalid rota) and every soft penalty, in words with its rule. */
  violations: Breach[];
  penalties: Breach[];
  hard: number;
  soft: number;
}

/** Words a coordinator understands for why members are kept away by a hard rule. */
const RULE_WORDS: Record<string, string> = {
  'minimum-rest': 'resting after a previous shift',
  'no-overlap': 'on an overlapping shift',
  'forbidden-succession': 'on a shift this one cannot follow',
  'declared-cap': 'at their declared cap',
  'max-hours-per-week': 'at their weekly hours',
  'max-shifts-by-kind': 'at their limit for this kind of shift',
  'max-consecutive-days': 'at their limit of days in a row',
  'min-consecutive-days': 'unable to work a single isolated day',
  'min-consecutive-days-off': 'needing consecutive days off',
  'max-weekends': 'at their week-end limit',
  'loan-hours-cap': 'lent staff at the agreement\'s hours',
};

/** Every unfilled need (or those of some shifts) and every penalty of a rota, in words, with the rule that caused it. */
export function explain(problem: RotaProblem, rota: Assignment[], onlyShiftIds?: Set<string>): Explanation {
  const score = evaluate(problem, rota);
  const unfilled = score.breaches
    .filter((b) => b.rule === 'unfilled-need' && (!onlyShiftIds || onlyShiftIds.has(b.shiftId!)))
    .map((b) => explainUnfilled(problem, rota, b));
  return {
    unfilled,
    violations: score.breaches.filter((b) => b.level === 'hard'),
    penalties: score.breaches.filter((b) => b.level === 'soft'),
    hard: score.hard,
    soft: score.soft,
  };
}

function explainUnfilled(problem: RotaProblem, rota: Assignment[], b: Breach): UnfilledNeed {
  const shift = problem.shifts.find((s) => s.id === b.shiftId)!;
  const need = shift.needs.find((n) => n.role === b.role)!;
  const qualified = problem.members.filter((m) => isQualified(m, need) && isInLoanScope(shift, loanOf(problem, m)));
  const causes: Partial<Record<UnfilledCause, number>> = {};
  for (const member of qualified) {
    const cause = causeFor(problem, rota, member, shift, need);
    causes[cause] = (causes[cause] ?? 0) + 1;
  }
  const ranked = (Object.entries(causes) as [UnfilledCause, number][]).sort((x, y) => y[1] - x[1]);
  // Unavailability binds only when it keeps everyone away; otherwise what stops the available ones does.
  const available = ranked.filter(([c]) => c !== 'unavailable');
  const bindingCause = ranked.length === 0 ? 'nobody-qualified' : (available[0] ?? ranked[0])[0];
  const who = describeNeed(need);
  const where = describeShift(problem, shift);
  const missing = b.size;
  const message = qualified.length === 0
    ? `${where}: ${plural(missing, need.role)} missing — no member is ${who}`
    : `${where}: ${plural(missing, need.role)} missing — ${qualified.length} qualified (${who.replace(/^an? /, '')}): ${ranked.map(([c, n]) => `${n} ${causeWords(c)}`).join(', ')}`;
  return { shiftId: shift.id, role: need.role, day: shift.day, missing, qualified: qualified.length, causes, bindingCause, message };
}

function describeNeed(need: Need): string {
  const professions = need.professions && need.professions.length > 0 ? need.professions.join(' or ') : need.role;
  const skills = need.skills && need.skills.length > 0 ? ` with the ${need.skills.join(' and ')} skill${need.skills.length > 1 ? 's' : ''}` : '';
  return `a ${professions}${skills}`;
}

function causeWords(cause: UnfilledCause): string {
  if (cause === 'unavailable') return 'not available';
  if (cause === 'working-that-day') return 'already working that day';
  if (cause === 'could-take-it') return 'free but left off to respect softer rules (fairness, preferences, distance)';
  const rule = cause.slice('rule:'.length);
  return RULE_WORDS[rule] ?? `blocked by "${HARD_CONSTRAINTS.find((c) => c.id === rule)?.name ?? rule}"`;
}

/** The first reason a qualified member cannot take this need in this rota. */
function causeFor(problem: RotaProblem, rota: Assignment[], member: Member, shift: Shift, need: Need): UnfilledCause {
  if (!isAvailable(member, shift, loanOf(problem, member))) return 'unavailable';
  const dayOf = new Map(problem.shifts.map((s) => [s.id, s.day]));
  const own = rota.filter((a) => a.memberId === member.id);
  if (own.some((a) => dayOf.get(a.shiftId) === shift.day)) return 'working-that-day';
  // Hard rules only read a member's own assignments (and their loan mates'), so a sub-problem suffices.
  const mates = problem.members.filter((m) => m.id === member.id || (member.loanId !== undefined && m.loanId === member.loanId));
  const ids = new Set(mates.map((m) => m.id));
  const sub: RotaProblem = { ...problem, members: mates, pairs: [], previousRota: undefined };
  const base = rota.filter((a) => ids.has(a.memberId));
  const before = hardSizes(sub, base);
  const after = hardSizes(sub, [...base, { memberId: member.id, shiftId: shift.id, role: need.role }]);
  for (const [rule, size] of after) if (size > (before.get(rule) ?? 0) + 1e-9) return `rule:${rule}`;
  return 'could-take-it';
}

function hardSizes(problem: RotaProblem, rota: Assignment[]): Map<string, number> {
  const out = new Map<string, number>();
  const view = viewOf(problem, rota);
  for (const b of HARD_CONSTRAINTS.flatMap((c) => c.check(view))) out.set(b.rule, (out.get(b.rule) ?? 0) + b.size);
  return out;
}

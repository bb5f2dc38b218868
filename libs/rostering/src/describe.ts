import { weekdayOf } from './eligibility';
import { RotaProblem, Shift } from './model';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function describeDay(problem: RotaProblem, day: number): string {
  const date = new Date(`${problem.startDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + day);
  return `${WEEKDAYS[weekdayOf(problem.startDate, day)]} ${date.toISOString().slice(0, 10)}`;
}

export function clock(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "Saturday 2026-01-10 14:00–20:00, Valence line 2" */
export function describeShift(problem: RotaProblem, shift: Shift): string {
  const site = shift.siteId === undefined ? undefined : problem.sites?.find((s) => s.id === shift.siteId)?.name;
  const where = shift.label ?? site ?? shift.kind;
  return `${describeDay(problem, shift.day)} ${clock(shift.start)}–${clock(shift.end)}, ${where}`;
}

export function memberName(problem: RotaProblem, memberId: string): string {
  const m = problem.members.find((x) => x.id === memberId);
  return m?.name ?? memberId;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

import { Member, Need, RotaProblem, Shift, StaffLoan } from './model';

/** Plain predicates shared by the compiler and the rulebook: they state the rule once. */

export function isQualified(member: Member, need: Need): boolean {
  if (need.professions && need.professions.length > 0 && !need.professions.includes(member.profession)) return false;
  for (const skill of need.skills ?? []) if (!(member.skills ?? []).includes(skill)) return false;
  return true;
}

export function isAvailable(member: Member, shift: Shift, loan: StaffLoan | undefined): boolean {
  if (member.daysOff?.includes(shift.day)) return false;
  if (member.unavailableShiftIds?.includes(shift.id)) return false;
  if (loan && (shift.day < loan.fromDay || shift.day > loan.toDay)) return false;
  if (!member.availability) return true;
  return member.availability.some((w) => w.day === shift.day && w.start <= shift.start && shift.end <= w.end);
}

export function isInLoanScope(shift: Shift, loan: StaffLoan | undefined): boolean {
  if (!loan) return true;
  const sites = loan.siteIds ?? [];
  const campaigns = loan.campaignIds ?? [];
  if (sites.length === 0 && campaigns.length === 0) return true;
  return (shift.siteId !== undefined && sites.includes(shift.siteId)) || (shift.campaignId !== undefined && campaigns.includes(shift.campaignId));
}

export function loanOf(problem: RotaProblem, member: Member): StaffLoan | undefined {
  return member.loanId === undefined ? undefined : problem.loans?.find((l) => l.id === member.loanId);
}

/** Weekday of a horizon day, 0 = Monday … 6 = Sunday. */
export function weekdayOf(startDate: string, day: number): number {
  const start = new Date(`${startDate}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return (((start + 6) % 7) + day) % 7;
}

export function isWeekendDay(startDate: string, day: number): boolean {
  return weekdayOf(startDate, day) >= 5;
}

/** Calendar week (Monday-based) of a horizon day, counted from the horizon's first week. */
export function weekOf(startDate: string, day: number): number {
  return Math.floor((((new Date(`${startDate}T00:00:00Z`).getUTCDay() + 6) % 7) + day) / 7);
}

export function isUnpopular(problem: RotaProblem, shift: Shift): boolean {
  if (shift.unpopular !== undefined) return shift.unpopular;
  const night = shift.end > 22 * 60 || shift.start < 6 * 60;
  return night || isWeekendDay(problem.startDate, shift.day);
}

/** The smallest distance from any of the member's communes to the site, 0 when unknown. */
export function travelKmOf(problem: RotaProblem, member: Member, siteId: string | undefined): number {
  if (!siteId || !problem.travelKm || !member.communes || member.communes.length === 0) return 0;
  let best = Infinity;
  for (const commune of member.communes) {
    const km = problem.travelKm[commune]?.[siteId];
    if (km !== undefined && km < best) best = km;
  }
  return best === Infinity ? 0 : best;
}

export function preferenceMatches(p: { day?: number; shiftKind?: string; siteId?: string }, shift: Shift): boolean {
  return (p.day === undefined || p.day === shift.day) && (p.shiftKind === undefined || p.shiftKind === shift.kind) && (p.siteId === undefined || p.siteId === shift.siteId);
}

import { Assignment, Member, RotaProblem, Shift } from '../model';

/** A week from Monday 2026-01-05 at one vaccination centre, for rule-by-rule tests. */
export function tinyProblem(over: Partial<RotaProblem> = {}): RotaProblem {
  return {
    startDate: '2026-01-05',
    days: 7,
    sites: [{ id: 'valence', name: 'Valence line 2', commune: '26362', boxes: 2 }],
    shifts: [],
    members: [],
    ...over,
  };
}

export function shift(id: string, day: number, start: string, end: string, needs: Shift['needs'] = [{ role: 'nurse', count: 1 }], extra: Partial<Shift> = {}): Shift {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  let endMinutes = minutes(end);
  if (endMinutes <= minutes(start)) endMinutes += 1440;
  return { id, kind: extra.kind ?? 'day', day, start: minutes(start), end: endMinutes, siteId: 'valence', needs, ...extra };
}

export function member(id: string, extra: Partial<Member> = {}): Member {
  return { id, name: id, profession: 'nurse', skills: ['vaccination'], ...extra };
}

export function on(memberId: string, shiftId: string, role = 'nurse'): Assignment {
  return { memberId, shiftId, role };
}

import { RotaProblem, Shift } from '../model';
import { NrpInstance } from './nrp-instance';

/** Benchmark day 0 is a Monday; any Monday gives the same weekends. */
const NRP_START_DATE = '2024-01-01';

/** Shift id of (day, shift type) in the mapped problem. */
export function nrpShiftId(day: number, shiftTypeId: string): string {
  return `${day}:${shiftTypeId}`;
}

export const NRP_ROLE = 'nurse';

/**
 * The benchmark as an engine problem: one shift per day and shift type with a
 * single need (its cover, or 0 with no weights when the file gives none); the
 * employee limits map onto member limits, days off onto availability, requests
 * onto "wants"/"avoids" preferences, and the CPTS-only soft rules are switched off.
 * Clock times are irrelevant in the benchmark: every shift starts at midnight and
 * the rest rule is off, so only the explicit forbidden successions apply.
 */
export function nrpToProblem(instance: NrpInstance): RotaProblem {
  const cover = new Map(instance.cover.map((c) => [nrpShiftId(c.day, c.shiftId), c]));
  const shifts: Shift[] = [];
  for (let day = 0; day < instance.horizonDays; day++) {
    for (const type of instance.shiftTypes) {
      const id = nrpShiftId(day, type.id);
      const c = cover.get(id);
      shifts.push({
        id, kind: type.id, day, start: 0, end: type.lengthMinutes, unpopular: false,
        needs: [{ role: NRP_ROLE, count: c?.requirement ?? 0, underWeight: c?.weightUnder ?? 0, overWeight: c?.weightOver ?? 0 }],
      });
    }
  }
  const wants = groupBy(instance.shiftOnRequests);
  const avoids = groupBy(instance.shiftOffRequests);
  return {
    startDate: NRP_START_DATE,
    days: instance.horizonDays,
    shifts,
    members: instance.employees.map((e) => ({
      id: e.id,
      profession: 'nurse',
      daysOff: e.daysOff,
      maxShiftsByKind: e.maxShifts,
      maxMinutes: e.maxTotalMinutes,
      minMinutes: e.minTotalMinutes,
      maxConsecutiveDays: e.maxConsecutiveShifts,
      minConsecutiveDays: e.minConsecutiveShifts,
      minConsecutiveDaysOff: e.minConsecutiveDaysOff,
      maxWeekends: e.maxWeekends,
      preferences: [
        ...(wants.get(e.id) ?? []).map((r) => ({ type: 'wants' as const, day: r.day, shiftKind: r.shiftId, weight: r.weight })),
        ...(avoids.get(e.id) ?? []).map((r) => ({ type: 'avoids' as const, day: r.day, shiftKind: r.shiftId, weight: r.weight })),
      ],
    })),
    forbiddenSuccessions: instance.shiftTypes.flatMap((t) => t.cannotFollow.map((then) => ({ first: t.id, then }))),
    settings: {
      minRestMinutes: 0,
      preferredMaxConsecutiveDays: instance.horizonDays + 1,
      weights: { preference: 1, travelPerKm: 0, stability: 0, fairShifts: 0, fairUnpopular: 0, pairs: 0, consecutiveDays: 0 },
    },
  };
}

function groupBy<T extends { employeeId: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.employeeId);
    if (list) list.push(item);
    else out.set(item.employeeId, [item]);
  }
  return out;
}

import type { Availability } from '../members/member-registration';
import { minutesOf } from './availability';

type Interval = [number, number];

function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Whether a member offers any time on a local date: the weekly slots of its
 * weekday and the extra available days, minus the unavailable exceptions
 * (holidays). What a coordinator means by "who is available on 2 December?";
 * `isAvailable` answers for an exact shift.
 */
export function hasAvailabilityOn(availability: Availability, date: string): boolean {
  const applies = (e: { from: string; to: string }): boolean => e.from <= date && date <= e.to;
  const span = (start?: string, end?: string): Interval | undefined => {
    if (start === undefined || end === undefined) return [0, 1440];
    const s = minutesOf(start);
    const e = minutesOf(end);
    return s !== undefined && e !== undefined && e > s ? [s, e] : undefined;
  };
  let open: Interval[] = [];
  for (const slot of availability.weekly) {
    if (slot.weekday !== weekdayOf(date)) continue;
    const interval = span(slot.start, slot.end);
    if (interval) open.push(interval);
  }
  for (const e of availability.exceptions) {
    if (e.kind !== 'available' || !applies(e)) continue;
    const interval = span(e.start, e.end);
    if (interval) open.push(interval);
  }
  for (const e of availability.exceptions) {
    if (e.kind !== 'unavailable' || !applies(e)) continue;
    const blocked = span(e.start, e.end);
    if (!blocked) continue;
    open = open.flatMap(
      ([s, t]): Interval[] =>
        [
          [s, Math.min(t, blocked[0])],
          [Math.max(s, blocked[1]), t],
        ].filter(([a, b]) => b > a) as Interval[],
    );
  }
  return open.length > 0;
}

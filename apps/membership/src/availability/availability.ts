import type { FieldError } from '../members/field-error';
import type {
  Availability,
  AvailabilityException,
  TimeBand,
  WeeklySlot,
} from '../members/member-registration';

export type {
  Availability,
  AvailabilityException,
  WeeklySlot,
} from '../members/member-registration';

const TIME_BANDS: readonly TimeBand[] = ['morning', 'afternoon', 'evening', 'night'];
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WEEKDAY_LABELS = [
  '',
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'samedi',
  'dimanche',
];

/** Minutes since local midnight of `HH:MM` (24:00 → 1440), or undefined when malformed. */
export function minutesOf(time: string): number | undefined {
  if (!TIME.test(time)) return undefined;
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Checks an availability as a member enters it. Overlapping weekly slots on the
 * same day are refused: they would count the same hours twice in the monthly view.
 * Touching slots (08:00–12:00 then 12:00–14:00) are fine.
 */
export function checkAvailability(availability: Availability, path = 'availability'): FieldError[] {
  const errors: FieldError[] = [];
  const valid: { index: number; slot: WeeklySlot; start: number; end: number }[] = [];
  availability.weekly.forEach((slot, index) => {
    const at = `${path}.weekly[${index}]`;
    if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7) {
      errors.push({
        field: `${at}.weekday`,
        reason: `weekday must be 1 (Monday) to 7 (Sunday), got ${String(slot.weekday)}`,
      });
    }
    const start = minutesOf(slot.start);
    const end = minutesOf(slot.end);
    if (start === undefined || start === 1440)
      errors.push({
        field: `${at}.start`,
        reason: `start must be a time HH:MM, got "${slot.start}"`,
      });
    if (end === undefined)
      errors.push({ field: `${at}.end`, reason: `end must be a time HH:MM, got "${slot.end}"` });
    if (start !== undefined && end !== undefined && start < 1440) {
      if (end <= start) {
        errors.push({
          field: `${at}.end`,
          reason: `end ${slot.end} must be after start ${slot.start} (split a night slot at 24:00)`,
        });
      } else if (Number.isInteger(slot.weekday) && slot.weekday >= 1 && slot.weekday <= 7) {
        valid.push({ index, slot, start, end });
      }
    }
  });
  availability.weekly.forEach((slot, index) => {
    (slot.bands ?? []).forEach((band, j) => {
      if (!TIME_BANDS.includes(band)) {
        errors.push({
          field: `${path}.weekly[${index}].bands[${j}]`,
          reason: `unknown time band "${String(band)}"`,
        });
      }
    });
  });
  (availability.preferredBands ?? []).forEach((band, j) => {
    if (!TIME_BANDS.includes(band)) {
      errors.push({
        field: `${path}.preferredBands[${j}]`,
        reason: `unknown time band "${String(band)}"`,
      });
    }
  });
  for (const a of valid) {
    const other = valid.find(
      (b) =>
        b.index < a.index &&
        b.slot.weekday === a.slot.weekday &&
        b.start < a.end &&
        a.start < b.end,
    );
    if (other) {
      errors.push({
        field: `${path}.weekly[${a.index}]`,
        reason: `overlaps weekly[${other.index}] on ${WEEKDAY_LABELS[a.slot.weekday]} (${other.slot.start}–${other.slot.end})`,
      });
    }
  }
  availability.exceptions.forEach((exception, index) =>
    errors.push(...checkException(exception, `${path}.exceptions[${index}]`)),
  );
  const cap = availability.monthlyShiftCap;
  if (cap !== undefined && (!Number.isInteger(cap) || cap < 0)) {
    errors.push({
      field: `${path}.monthlyShiftCap`,
      reason: `monthly shift cap must be a whole number ≥ 0, got ${String(cap)}`,
    });
  }
  return errors;
}

function checkException(exception: AvailabilityException, at: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!isIsoDate(exception.from))
    errors.push({
      field: `${at}.from`,
      reason: `from must be a date YYYY-MM-DD, got "${exception.from}"`,
    });
  if (!isIsoDate(exception.to))
    errors.push({
      field: `${at}.to`,
      reason: `to must be a date YYYY-MM-DD, got "${exception.to}"`,
    });
  if (isIsoDate(exception.from) && isIsoDate(exception.to) && exception.to < exception.from) {
    errors.push({
      field: `${at}.to`,
      reason: `to ${exception.to} is before from ${exception.from}`,
    });
  }
  if ((exception.start === undefined) !== (exception.end === undefined)) {
    errors.push({
      field: `${at}.${exception.start === undefined ? 'start' : 'end'}`,
      reason: 'give both start and end, or neither for whole days',
    });
  } else if (exception.start !== undefined && exception.end !== undefined) {
    const start = minutesOf(exception.start);
    const end = minutesOf(exception.end);
    if (start === undefined)
      errors.push({
        field: `${at}.start`,
        reason: `start must be a time HH:MM, got "${exception.start}"`,
      });
    if (end === undefined)
      errors.push({
        field: `${at}.end`,
        reason: `end must be a time HH:MM, got "${exception.end}"`,
      });
    if (start !== undefined && end !== undefined && end <= start) {
      errors.push({
        field: `${at}.end`,
        reason: `end ${exception.end} must be after start ${exception.start}`,
      });
    }
  }
  return errors;
}

interface LocalMoment {
  date: string;
  weekday: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock date, ISO weekday and minute of an instant in a time zone (Intl handles DST). */
export function toLocal(instant: Date, timeZone: string): LocalMoment {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const utcDay = new Date(`${date}T00:00:00Z`).getUTCDay();
  return {
    date,
    weekday: utcDay === 0 ? 7 : utcDay,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

type Interval = [number, number];

function exceptionInterval(exception: AvailabilityException): Interval | undefined {
  if (exception.start === undefined || exception.end === undefined) return [0, 1440];
  const start = minutesOf(exception.start);
  const end = minutesOf(exception.end);
  return start !== undefined && end !== undefined && end > start ? [start, end] : undefined;
}

function covers(intervals: Interval[], [from, to]: Interval): boolean {
  let reached = from;
  for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
    if (start > reached) break;
    reached = Math.max(reached, end);
    if (reached >= to) return true;
  }
  return reached >= to;
}

/**
 * Whether a member is available for the whole of [start, end), read in local
 * wall-clock time of `timeZone` (patterns are entered in local time, so a
 * Monday 08:00–12:00 slot stays 08:00–12:00 across the DST changes). The
 * interval is first cut where the zone's UTC offset changes (so each piece maps
 * to wall-clock time monotonically, the repeated autumn hour included), then at
 * local midnights; each local day must be covered by the weekly slots of its
 * weekday plus extra available days, and must not meet an unavailable
 * exception. The monthly cap is not checked here: see `withinMonthlyCap`.
 */
export function isAvailable(
  availability: Availability,
  start: Date,
  end: Date,
  timeZone = 'Europe/Paris',
): boolean {
  const s = start.getTime();
  const e = end.getTime();
  if (!(e > s) || e - s > 366 * DAY) return false;
  return constantOffsetPieces(s, e, timeZone).every(([from, to]) =>
    isPieceCovered(availability, from, to, timeZone),
  );
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** UTC offset in minutes of a zone at an instant (Europe/Paris: 60 in winter, 120 in summer). */
export function utcOffsetMinutes(instant: number, timeZone: string): number {
  const local = toLocal(new Date(instant), timeZone);
  const wall = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * MINUTE;
  return Math.round((wall - Math.floor(instant / MINUTE) * MINUTE) / MINUTE);
}

// Splits [s, e) where the offset changes; transitions fall on whole minutes.
function constantOffsetPieces(s: number, e: number, timeZone: string): [number, number][] {
  const pieces: [number, number][] = [];
  let from = s;
  while (from < e) {
    // Look a week ahead at most, so that two transitions never hide each other.
    const horizon = Math.min(e, from + 7 * DAY);
    const offset = utcOffsetMinutes(from, timeZone);
    if (utcOffsetMinutes(horizon - 1, timeZone) === offset) {
      pieces.push([from, horizon]);
      from = horizon;
      continue;
    }
    let low = from; // same offset
    let high = horizon - 1; // other offset
    while (high - low > MINUTE) {
      const mid = low + Math.floor((high - low) / 2);
      if (utcOffsetMinutes(mid, timeZone) === offset) low = mid;
      else high = mid;
    }
    const transition = Math.floor(high / MINUTE) * MINUTE;
    const cut = transition > from ? transition : high;
    pieces.push([from, cut]);
    from = cut;
  }
  return pieces;
}

function isPieceCovered(
  availability: Availability,
  s: number,
  e: number,
  timeZone: string,
): boolean {
  const from = toLocal(new Date(s), timeZone);
  // Wall-clock end in the piece's own offset: one minute before, plus one minute.
  const beforeEnd = toLocal(new Date(Math.max(s, e - MINUTE)), timeZone);
  const endMinutes = beforeEnd.minutes + 1;
  let date = from.date;
  let segmentStart = from.minutes;
  for (;;) {
    const last = date === beforeEnd.date;
    const segment: Interval = [segmentStart, last ? endMinutes : 1440];
    if (segment[1] > segment[0] && !isDayCovered(availability, date, segment)) return false;
    if (last || date > beforeEnd.date) return true;
    date = nextDate(date);
    segmentStart = 0;
  }
}

function isDayCovered(availability: Availability, date: string, segment: Interval): boolean {
  const applies = (e: AvailabilityException): boolean => e.from <= date && date <= e.to;
  for (const e of availability.exceptions) {
    if (e.kind !== 'unavailable' || !applies(e)) continue;
    const blocked = exceptionInterval(e);
    if (blocked && blocked[0] < segment[1] && segment[0] < blocked[1]) return false;
  }
  const weekday = weekdayOf(date);
  const intervals: Interval[] = [];
  for (const slot of availability.weekly) {
    const s = minutesOf(slot.start);
    const e = minutesOf(slot.end);
    if (slot.weekday === weekday && s !== undefined && e !== undefined && e > s)
      intervals.push([s, e]);
  }
  for (const e of availability.exceptions) {
    if (e.kind !== 'available' || !applies(e)) continue;
    const open = exceptionInterval(e);
    if (open) intervals.push(open);
  }
  return covers(intervals, segment);
}

/** Whether one more shift fits the member's monthly cap (no cap: always). */
export function withinMonthlyCap(
  availability: Availability,
  shiftsAlreadyThisMonth: number,
): boolean {
  return (
    availability.monthlyShiftCap === undefined ||
    shiftsAlreadyThisMonth < availability.monthlyShiftCap
  );
}

/**
 * CPTS rotas live on Paris wall-clock time: a shift "Saturday 08:00" stays at
 * 08:00 across the October switch to winter time. These turn a (date, minutes)
 * of the horizon into an instant and back.
 */
const TIME_ZONE = 'Europe/Paris';

const offsetFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  timeZoneName: 'longOffset',
});
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Offset of Paris from UTC at an instant, in minutes (+60 or +120). */
export function parisOffsetMinutes(instant: Date): number {
  const name =
    offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (dates YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** ISO weekday (1 = Monday) of a date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The instant of `minutes` after local midnight of `date` in Paris (minutes may pass 1440). */
export function parisInstant(date: string, minutes: number): Date {
  const day = addDays(date, Math.floor(minutes / 1440));
  const rest = minutes % 1440;
  const naive = Date.parse(`${day}T00:00:00Z`) + rest * 60_000;
  let guess = naive - parisOffsetMinutes(new Date(naive)) * 60_000;
  guess = naive - parisOffsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess);
}

/** 2026-10-15T08:00:00+02:00 */
export function parisIso(instant: Date): string {
  const offset = parisOffsetMinutes(instant);
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Local date and minutes after midnight of an instant in Paris. */
export function parisLocal(instant: Date): { date: string; minutes: number } {
  const parts = Object.fromEntries(
    partsFormat.formatToParts(instant).map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export function hhmmToMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export function minutesToHhmm(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

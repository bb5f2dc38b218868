/** Campaign periods are calendar days of the territory: metropolitan France. */
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day (YYYY-MM-DD) an instant falls on in Europe/Paris. */
export const parisDay = (instant: Date): string => PARIS_DAY.format(instant);

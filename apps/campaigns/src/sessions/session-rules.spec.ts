import { checkSessionWindowAndPlace } from './session-rules';

const period = { periodStart: '2026-10-01', periodEnd: '2026-10-31' };
const territory = new Set(['26362', '26037']);
const hall = { kind: 'village-hall' as const, label: 'Salle des fêtes', commune: '26037' };
const window = (start: string, end: string) => ({
  startsAt: new Date(start),
  endsAt: new Date(end),
});

describe('session window and place', () => {
  it('accepts a session inside the period, on the territory', () => {
    expect(
      checkSessionWindowAndPlace(
        window('2026-10-15T09:00:00+02:00', '2026-10-15T12:00:00+02:00'),
        hall,
        period,
        territory,
      ),
    ).toEqual([]);
  });

  it('reads the period in Paris days: 1 October 00:30 in Paris is 30 September in UTC, and is inside', () => {
    expect(
      checkSessionWindowAndPlace(
        window('2026-09-30T22:30:00Z', '2026-10-01T02:00:00+02:00'),
        hall,
        period,
        territory,
      ),
    ).toEqual([]);
  });

  it('refuses a session that starts before the period, naming startsAt', () => {
    const errors = checkSessionWindowAndPlace(
      window('2026-09-30T09:00:00+02:00', '2026-09-30T12:00:00+02:00'),
      hall,
      period,
      territory,
    );
    expect(errors.map((e) => e.field)).toEqual(['startsAt', 'endsAt']);
    expect(errors[0].reason).toContain('outside the campaign period 2026-10-01 – 2026-10-31');
  });

  it('refuses a session that runs past the last day', () => {
    const errors = checkSessionWindowAndPlace(
      window('2026-10-31T20:00:00+01:00', '2026-11-01T01:00:00+01:00'),
      hall,
      period,
      territory,
    );
    expect(errors.map((e) => e.field)).toEqual(['endsAt']);
  });

  it('refuses a session that ends before it starts', () => {
    const errors = checkSessionWindowAndPlace(
      window('2026-10-15T12:00:00+02:00', '2026-10-15T09:00:00+02:00'),
      hall,
      period,
      territory,
    );
    expect(errors[0]).toEqual({ field: 'endsAt', reason: 'the session must end after it starts' });
  });

  it('refuses a commune outside the territory, naming place.commune', () => {
    const errors = checkSessionWindowAndPlace(
      window('2026-10-15T09:00:00+02:00', '2026-10-15T12:00:00+02:00'),
      { ...hall, commune: '75056' },
      period,
      territory,
    );
    expect(errors).toEqual([
      { field: 'place.commune', reason: 'commune 75056 is outside the territory of the CPTS' },
    ]);
  });
});

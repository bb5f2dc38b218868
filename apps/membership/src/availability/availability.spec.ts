import type { Availability } from '../members/member-registration';
import {
  checkAvailability,
  isAvailable,
  minutesOf,
  toLocal,
  utcOffsetMinutes,
  withinMonthlyCap,
} from './availability';

const at = (iso: string): Date => new Date(iso);
const weekly = (...slots: Availability['weekly']): Availability => ({
  weekly: slots,
  exceptions: [],
});

describe('checkAvailability', () => {
  it('accepts a clean pattern, with touching slots', () => {
    expect(
      checkAvailability({
        weekly: [
          { weekday: 1, start: '08:00', end: '12:00' },
          { weekday: 1, start: '12:00', end: '14:00' },
          { weekday: 5, start: '20:00', end: '24:00' },
        ],
        exceptions: [
          { kind: 'unavailable', from: '2026-08-01', to: '2026-08-21', reason: 'congés' },
        ],
        monthlyShiftCap: 4,
      }),
    ).toEqual([]);
  });
  it('refuses overlapping slots on the same day, naming the later one', () => {
    expect(
      checkAvailability(
        weekly(
          { weekday: 2, start: '08:00', end: '12:00' },
          { weekday: 3, start: '09:00', end: '10:00' },
          { weekday: 2, start: '11:30', end: '13:00' },
        ),
      ),
    ).toEqual([
      { field: 'availability.weekly[2]', reason: 'overlaps weekly[0] on mardi (08:00–12:00)' },
    ]);
  });
  it('does not call slots on different days overlapping', () => {
    expect(
      checkAvailability(
        weekly(
          { weekday: 2, start: '08:00', end: '12:00' },
          { weekday: 3, start: '08:00', end: '12:00' },
        ),
      ),
    ).toEqual([]);
  });
  it('refuses an end before the start, at the end field', () => {
    expect(
      checkAvailability(
        weekly(
          { weekday: 1, start: '08:00', end: '12:00' },
          { weekday: 1, start: '22:00', end: '06:00' },
        ),
      ),
    ).toEqual([
      {
        field: 'availability.weekly[1].end',
        reason: 'end 06:00 must be after start 22:00 (split a night slot at 24:00)',
      },
    ]);
  });
  it('refuses malformed times and weekdays', () => {
    const errors = checkAvailability(
      weekly({ weekday: 8 as never, start: '8h', end: '25:00' }),
      'a',
    );
    expect(errors.map((e) => e.field)).toEqual([
      'a.weekly[0].weekday',
      'a.weekly[0].start',
      'a.weekly[0].end',
    ]);
  });
  it('checks exceptions and the cap', () => {
    const errors = checkAvailability({
      weekly: [],
      exceptions: [
        { kind: 'unavailable', from: '2026-08-21', to: '2026-08-01' },
        { kind: 'available', from: '2026-02-30', to: '2026-03-01' },
        { kind: 'available', from: '2026-03-01', to: '2026-03-01', start: '14:00' },
        { kind: 'available', from: '2026-03-01', to: '2026-03-01', start: '14:00', end: '13:00' },
      ],
      monthlyShiftCap: -1,
    });
    expect(errors).toEqual([
      { field: 'availability.exceptions[0].to', reason: 'to 2026-08-01 is before from 2026-08-21' },
      {
        field: 'availability.exceptions[1].from',
        reason: 'from must be a date YYYY-MM-DD, got "2026-02-30"',
      },
      {
        field: 'availability.exceptions[2].end',
        reason: 'give both start and end, or neither for whole days',
      },
      { field: 'availability.exceptions[3].end', reason: 'end 13:00 must be after start 14:00' },
      {
        field: 'availability.monthlyShiftCap',
        reason: 'monthly shift cap must be a whole number ≥ 0, got -1',
      },
    ]);
  });
});

describe('time helpers', () => {
  it('reads HH:MM and 24:00', () => {
    expect(minutesOf('08:30')).toBe(510);
    expect(minutesOf('24:00')).toBe(1440);
    expect(minutesOf('24:30')).toBeUndefined();
    expect(minutesOf('8:30')).toBeUndefined();
  });
  it('gives Paris wall-clock time and offset in winter and summer', () => {
    expect(toLocal(at('2026-01-05T07:00:00Z'), 'Europe/Paris')).toEqual({
      date: '2026-01-05',
      weekday: 1,
      minutes: 8 * 60,
    });
    expect(toLocal(at('2026-07-05T22:30:00Z'), 'Europe/Paris')).toEqual({
      date: '2026-07-06',
      weekday: 1,
      minutes: 30,
    });
    expect(utcOffsetMinutes(Date.parse('2026-01-05T07:00:00Z'), 'Europe/Paris')).toBe(60);
    expect(utcOffsetMinutes(Date.parse('2026-07-05T07:00:00Z'), 'Europe/Paris')).toBe(120);
  });
});

describe('isAvailable (Europe/Paris wall-clock time)', () => {
  const mondayMorning = weekly({ weekday: 1, start: '08:00', end: '12:00' });

  it('reads a winter Monday 08:00–12:00 as 07:00Z–11:00Z', () => {
    expect(isAvailable(mondayMorning, at('2026-01-05T07:00:00Z'), at('2026-01-05T11:00:00Z'))).toBe(
      true,
    );
    expect(isAvailable(mondayMorning, at('2026-01-05T08:00:00Z'), at('2026-01-05T12:00:00Z'))).toBe(
      false,
    );
  });
  it('reads a summer Monday 08:00–12:00 as 06:00Z–10:00Z', () => {
    expect(isAvailable(mondayMorning, at('2026-07-06T06:00:00Z'), at('2026-07-06T10:00:00Z'))).toBe(
      true,
    );
    expect(isAvailable(mondayMorning, at('2026-07-06T07:00:00Z'), at('2026-07-06T11:00:00Z'))).toBe(
      false,
    );
  });
  it('keeps the same local slot the Monday before and after the spring change', () => {
    expect(isAvailable(mondayMorning, at('2026-03-23T07:00:00Z'), at('2026-03-23T11:00:00Z'))).toBe(
      true,
    );
    expect(isAvailable(mondayMorning, at('2026-03-30T06:00:00Z'), at('2026-03-30T10:00:00Z'))).toBe(
      true,
    );
    expect(isAvailable(mondayMorning, at('2026-03-30T07:00:00Z'), at('2026-03-30T11:00:00Z'))).toBe(
      false,
    );
  });
  it('handles the missing spring hour (29 March 2026, 02:00 → 03:00)', () => {
    // 00:30Z = 01:30 CET, 01:30Z = 03:30 CEST: one real hour, wall clock 01:30–03:30.
    const shift = [at('2026-03-29T00:30:00Z'), at('2026-03-29T01:30:00Z')] as const;
    expect(isAvailable(weekly({ weekday: 7, start: '01:00', end: '04:00' }), ...shift)).toBe(true);
    expect(isAvailable(weekly({ weekday: 7, start: '01:00', end: '03:00' }), ...shift)).toBe(false);
  });
  it('handles the repeated autumn hour (25 October 2026, 03:00 → 02:00)', () => {
    // 00:30Z = 02:30 CEST, 01:15Z = 02:15 CET: the wall clock goes back.
    const shift = [at('2026-10-25T00:30:00Z'), at('2026-10-25T01:15:00Z')] as const;
    expect(isAvailable(weekly({ weekday: 7, start: '02:00', end: '03:00' }), ...shift)).toBe(true);
    expect(isAvailable(weekly({ weekday: 7, start: '02:20', end: '03:00' }), ...shift)).toBe(false);
    expect(isAvailable(weekly({ weekday: 7, start: '02:00', end: '02:45' }), ...shift)).toBe(false);
  });
  it('covers a night across midnight with two slots', () => {
    const night = weekly(
      { weekday: 5, start: '20:00', end: '24:00' },
      { weekday: 6, start: '00:00', end: '08:00' },
    );
    // Friday 22:00 → Saturday 06:00 local, summer.
    expect(isAvailable(night, at('2026-07-10T20:00:00Z'), at('2026-07-11T04:00:00Z'))).toBe(true);
    expect(
      isAvailable(
        weekly({ weekday: 5, start: '20:00', end: '24:00' }),
        at('2026-07-10T20:00:00Z'),
        at('2026-07-11T04:00:00Z'),
      ),
    ).toBe(false);
  });
  it('accepts a shift ending exactly at local midnight', () => {
    expect(
      isAvailable(
        weekly({ weekday: 5, start: '20:00', end: '24:00' }),
        at('2026-07-10T20:00:00Z'),
        at('2026-07-10T22:00:00Z'),
      ),
    ).toBe(true);
  });
  it('joins touching slots', () => {
    const day = weekly(
      { weekday: 2, start: '08:00', end: '12:00' },
      { weekday: 2, start: '12:00', end: '18:00' },
    );
    expect(isAvailable(day, at('2026-01-06T10:00:00Z'), at('2026-01-06T14:00:00Z'))).toBe(true);
    const gap = weekly(
      { weekday: 2, start: '08:00', end: '12:00' },
      { weekday: 2, start: '13:00', end: '18:00' },
    );
    expect(isAvailable(gap, at('2026-01-06T10:00:00Z'), at('2026-01-06T14:00:00Z'))).toBe(false);
  });
  it('refuses days inside an unavailable range (holidays), inclusive', () => {
    const a: Availability = {
      ...mondayMorning,
      exceptions: [{ kind: 'unavailable', from: '2026-08-03', to: '2026-08-17' }],
    };
    expect(isAvailable(a, at('2026-08-03T06:00:00Z'), at('2026-08-03T10:00:00Z'))).toBe(false);
    expect(isAvailable(a, at('2026-08-17T06:00:00Z'), at('2026-08-17T10:00:00Z'))).toBe(false);
    expect(isAvailable(a, at('2026-08-24T06:00:00Z'), at('2026-08-24T10:00:00Z'))).toBe(true);
  });
  it('refuses only the hours of a partial unavailability', () => {
    const a: Availability = {
      ...mondayMorning,
      exceptions: [
        { kind: 'unavailable', from: '2026-01-05', to: '2026-01-05', start: '10:00', end: '11:00' },
      ],
    };
    expect(isAvailable(a, at('2026-01-05T07:00:00Z'), at('2026-01-05T09:00:00Z'))).toBe(true);
    expect(isAvailable(a, at('2026-01-05T08:30:00Z'), at('2026-01-05T10:30:00Z'))).toBe(false);
  });
  it('accepts an extra available day outside the weekly pattern', () => {
    const a: Availability = {
      weekly: [],
      exceptions: [
        { kind: 'available', from: '2026-10-10', to: '2026-10-10', start: '08:00', end: '20:00' },
      ],
    };
    expect(isAvailable(a, at('2026-10-10T06:00:00Z'), at('2026-10-10T18:00:00Z'))).toBe(true);
    expect(isAvailable(a, at('2026-10-10T06:00:00Z'), at('2026-10-10T18:30:00Z'))).toBe(false);
    expect(isAvailable(a, at('2026-10-11T06:00:00Z'), at('2026-10-11T08:00:00Z'))).toBe(false);
  });
  it('refuses empty or reversed intervals', () => {
    expect(isAvailable(mondayMorning, at('2026-01-05T08:00:00Z'), at('2026-01-05T08:00:00Z'))).toBe(
      false,
    );
    expect(isAvailable(mondayMorning, at('2026-01-05T09:00:00Z'), at('2026-01-05T08:00:00Z'))).toBe(
      false,
    );
  });
  it('uses another time zone when told', () => {
    // La Réunion, UTC+4 all year.
    expect(
      isAvailable(
        mondayMorning,
        at('2026-07-06T04:00:00Z'),
        at('2026-07-06T08:00:00Z'),
        'Indian/Reunion',
      ),
    ).toBe(true);
    expect(isAvailable(mondayMorning, at('2026-07-06T04:00:00Z'), at('2026-07-06T08:00:00Z'))).toBe(
      false,
    );
  });
});

describe('withinMonthlyCap', () => {
  it('allows shifts up to the cap', () => {
    const a: Availability = { weekly: [], exceptions: [], monthlyShiftCap: 3 };
    expect(withinMonthlyCap(a, 2)).toBe(true);
    expect(withinMonthlyCap(a, 3)).toBe(false);
    expect(withinMonthlyCap({ weekly: [], exceptions: [] }, 100)).toBe(true);
  });
});

describe('checkAvailability — time bands', () => {
  it('refuses unknown bands on slots and preferences', () => {
    expect(
      checkAvailability({
        weekly: [
          { weekday: 1, start: '08:00', end: '12:00', bands: ['morning', 'brunch' as never] },
        ],
        exceptions: [],
        preferredBands: ['night', 'siesta' as never],
      }),
    ).toEqual([
      { field: 'availability.weekly[0].bands[1]', reason: 'unknown time band "brunch"' },
      { field: 'availability.preferredBands[1]', reason: 'unknown time band "siesta"' },
    ]);
  });
});

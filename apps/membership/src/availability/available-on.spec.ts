import type { Availability } from '../members/member-registration';
import { hasAvailabilityOn } from './available-on';

// 2026-12-02 is a Wednesday (3), 2026-12-05 a Saturday.
const wednesdayAfternoons: Availability = {
  weekly: [{ weekday: 3, start: '14:00', end: '18:00' }],
  exceptions: [],
};

describe('hasAvailabilityOn', () => {
  it('follows the weekly pattern', () => {
    expect(hasAvailabilityOn(wednesdayAfternoons, '2026-12-02')).toBe(true);
    expect(hasAvailabilityOn(wednesdayAfternoons, '2026-12-03')).toBe(false);
  });
  it('is closed by a whole-day holiday and only narrowed by a part-day one', () => {
    const holiday = (start?: string, end?: string): Availability => ({
      ...wednesdayAfternoons,
      exceptions: [
        {
          kind: 'unavailable',
          from: '2026-11-30',
          to: '2026-12-04',
          ...(start && end ? { start, end } : {}),
        },
      ],
    });
    expect(hasAvailabilityOn(holiday(), '2026-12-02')).toBe(false);
    expect(hasAvailabilityOn(holiday('14:00', '16:00'), '2026-12-02')).toBe(true);
    expect(hasAvailabilityOn(holiday('13:00', '19:00'), '2026-12-02')).toBe(false);
    expect(hasAvailabilityOn(holiday(), '2026-12-09')).toBe(true);
  });
  it('opens an extra available day outside the pattern', () => {
    const extra: Availability = {
      ...wednesdayAfternoons,
      exceptions: [
        { kind: 'available', from: '2026-12-05', to: '2026-12-05', start: '08:00', end: '12:00' },
      ],
    };
    expect(hasAvailabilityOn(extra, '2026-12-05')).toBe(true);
    expect(hasAvailabilityOn(extra, '2026-12-12')).toBe(false);
  });
});

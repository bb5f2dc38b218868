import { FIXED_OFF, FREE_CELL } from './highs-nrp-model';
import { NrpEmployee, NrpInstance } from './nrp-instance';
import { ruleReach, spanProblem } from './span-problem';

const employee = (id: string, daysOff: number[]): NrpEmployee => ({
  id,
  maxShifts: { D: 10 },
  maxTotalMinutes: 10 * 480,
  minTotalMinutes: 4 * 480,
  maxConsecutiveShifts: 4,
  minConsecutiveShifts: 2,
  minConsecutiveDaysOff: 1,
  maxWeekends: 2,
  daysOff,
});

// Two weeks, one shift type; the span is the second week.
const instance: NrpInstance = {
  name: 'two-weeks',
  horizonDays: 14,
  shiftTypes: [{ id: 'D', lengthMinutes: 480, cannotFollow: [] }],
  employees: [employee('A', [8]), employee('B', [])],
  shiftOnRequests: [
    { employeeId: 'A', day: 9, shiftId: 'D', weight: 3 },
    { employeeId: 'A', day: 2, shiftId: 'D', weight: 1 },
    { employeeId: 'B', day: 10, shiftId: 'D', weight: 2 },
  ],
  shiftOffRequests: [],
  cover: Array.from({ length: 14 }, (_, day) => ({
    day,
    shiftId: 'D',
    requirement: 1,
    weightUnder: 100,
    weightOver: 1,
  })),
};

/** Worked days per employee as a rota of shift indices. */
function rotaOf(worked: number[][]): Int32Array {
  const rota = new Int32Array(2 * 14).fill(FIXED_OFF);
  worked.forEach((days, e) => days.forEach((day) => (rota[e * 14 + day] = 0)));
  return rota;
}

describe('spanProblem', () => {
  // A works 0–2 and the first week-end's Saturday, then 9–10; B works 5–6 and 11–12.
  const rota = rotaOf([
    [0, 1, 2, 5, 9, 10],
    [5, 6, 11, 12],
  ]);
  const span = spanProblem(instance, rota, [0], 7, 13, (_, day) => day === 9 || day === 10);
  const a = span.instance.employees[0];

  it('takes out of each limit what the employee works outside the span', () => {
    expect(span.instance.employees.map((e) => e.id)).toEqual(['A']);
    expect(a.maxShifts).toEqual({ D: 10 - 4 });
    expect(a.maxTotalMinutes).toBe((10 - 4) * 480);
    expect(a.minTotalMinutes).toBe(0);
    expect(a.maxWeekends).toBe(2 - 1);
    expect(a.daysOff).toEqual([1]);
  });

  it('lowers each cover requirement by the staff left out who work it, below zero if need be', () => {
    expect(span.instance.horizonDays).toBe(7);
    expect(span.instance.cover.map((line) => line.requirement)).toEqual([1, 1, 1, 1, 0, 0, 1]);
    const twoLeftOut = spanProblem(instance, rotaOf([[], [7, 8]]), [0], 7, 13, () => true);
    expect(twoLeftOut.instance.cover[0].requirement).toBe(0);
    const overStaffed = {
      ...instance,
      cover: instance.cover.map((line) => ({ ...line, requirement: 0 })),
    };
    expect(
      spanProblem(overStaffed, rota, [0], 7, 13, () => true).instance.cover[4].requirement,
    ).toBe(-1);
  });

  it('keeps only the requests of the employees inside, on the span’s days', () => {
    expect(span.instance.shiftOnRequests).toEqual([
      { employeeId: 'A', day: 2, shiftId: 'D', weight: 3 },
    ]);
  });

  it('leaves the free cells free and fixes the others to the rota', () => {
    expect(Array.from(span.fixed)).toEqual([
      FIXED_OFF,
      FIXED_OFF,
      FREE_CELL,
      FREE_CELL,
      FIXED_OFF,
      FIXED_OFF,
      FIXED_OFF,
    ]);
    expect(span.employees).toEqual([0]);
    expect(span.firstDay).toBe(7);
  });

  it('refuses a span that does not start on a Monday', () => {
    expect(() => spanProblem(instance, rota, [0], 3, 13, () => true)).toThrow('Monday');
  });

  it('reaches one day beyond the longest sequence rule', () => {
    expect(ruleReach(instance)).toBe(5);
  });
});

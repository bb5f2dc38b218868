import { NrpAssignment, NrpEmployee, NrpInstance } from './nrp-instance';
import { scoreNrpRoster } from './score-nrp';

/**
 * Two weeks (day 0 a Monday, so Saturdays 5 and 12, Sundays 6 and 13), an early
 * shift E of 8 h and a night N of 10 h that E cannot follow. Every rule is slack
 * unless a test tightens it, so each test isolates the rule it names.
 */
function instance(rules: Partial<NrpEmployee> = {}, extra: Partial<NrpInstance> = {}): NrpInstance {
  const employee = (id: string): NrpEmployee => ({
    id,
    maxShifts: { E: 14, N: 14 },
    maxTotalMinutes: 100_000,
    minTotalMinutes: 0,
    maxConsecutiveShifts: 14,
    minConsecutiveShifts: 1,
    minConsecutiveDaysOff: 1,
    maxWeekends: 2,
    daysOff: [],
    ...rules,
  });
  return {
    name: 'two-weeks',
    horizonDays: 14,
    shiftTypes: [
      { id: 'E', lengthMinutes: 480, cannotFollow: [] },
      { id: 'N', lengthMinutes: 600, cannotFollow: ['E'] },
    ],
    employees: [employee('A'), employee('B'), employee('C')],
    shiftOnRequests: [],
    shiftOffRequests: [],
    cover: [],
    ...extra,
  };
}

/** `works('A', 'E', 0, 1, 2)`: A works E on days 0, 1 and 2. */
function works(employeeId: string, shiftId: string, ...days: number[]): NrpAssignment[] {
  return days.map((day) => ({ employeeId, day, shiftId }));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

function rules(inst: NrpInstance, roster: NrpAssignment[]): string[] {
  return scoreNrpRoster(inst, roster).hardViolations.map((violation) => violation.rule);
}

describe('scoreNrpRoster hard rules', () => {
  it('accepts an empty roster when nothing is required', () => {
    expect(scoreNrpRoster(instance(), [])).toEqual({ objective: 0, hardViolations: [] });
  });

  it('at most one shift a day', () => {
    expect(rules(instance(), [...works('A', 'E', 3), ...works('A', 'N', 4)])).toEqual([]);
    const violations = scoreNrpRoster(instance(), [...works('A', 'E', 3), ...works('A', 'N', 3)]).hardViolations;
    expect(violations).toEqual([{ rule: 'at most one shift a day', employeeId: 'A', detail: 'day 3: E, N' }]);
  });

  it('forbidden successions apply to the next day, in one direction only', () => {
    expect(rules(instance(), [...works('A', 'N', 2), ...works('A', 'E', 3)])).toEqual(['forbidden succession']);
    expect(rules(instance(), [...works('A', 'E', 2), ...works('A', 'N', 3)])).toEqual([]);
    expect(rules(instance(), [...works('A', 'N', 2), ...works('A', 'E', 4)])).toEqual([]);
    expect(rules(instance(), [...works('A', 'N', 2, 3)])).toEqual([]);
  });

  it('max shifts per type counts each type separately', () => {
    const inst = instance({ maxShifts: { E: 2, N: 14 } });
    expect(rules(inst, works('A', 'E', 0, 1))).toEqual([]);
    expect(rules(inst, [...works('A', 'E', 0, 1), ...works('A', 'N', 2, 3, 4)])).toEqual([]);
    expect(rules(inst, works('A', 'E', 0, 1, 2))).toEqual(['max shifts per type']);
  });

  it('max total minutes sums the lengths of the shifts worked', () => {
    const inst = instance({ maxTotalMinutes: 1560 });
    expect(rules(inst, [...works('A', 'E', 0, 1), ...works('A', 'N', 2)])).toEqual([]); // 480 + 480 + 600 = 1560
    expect(rules(inst, [...works('A', 'E', 0), ...works('A', 'N', 1, 2)])).toEqual(['max total minutes']); // 1680
  });

  it('min total minutes applies to every employee, including one with no shift', () => {
    const inst = instance({ minTotalMinutes: 1000 });
    const roster = [...works('A', 'E', 0), ...works('A', 'N', 1), ...works('B', 'E', 0, 1, 2), ...works('C', 'E', 0, 1)];
    // A: 1080, B: 1440, C: 960.
    expect(scoreNrpRoster(inst, roster).hardViolations).toEqual([{ rule: 'min total minutes', employeeId: 'C', detail: '960 minutes, at least 1000' }]);
    expect(rules(inst, roster.filter((assignment) => assignment.employeeId !== 'B')).sort()).toEqual(['min total minutes', 'min total minutes']);
  });

  it('max consecutive shifts counts working days whatever the shift type', () => {
    const inst = instance({ maxConsecutiveShifts: 3 });
    expect(rules(inst, [...works('A', 'E', 0, 1, 2), ...works('A', 'E', 4, 5, 6)])).toEqual([]);
    expect(rules(inst, [...works('A', 'E', 0, 1), ...works('A', 'N', 2, 3)])).toEqual(['max consecutive shifts']);
    // A run that touches the end of the horizon is still too long.
    expect(rules(inst, works('A', 'N', 10, 11, 12, 13))).toEqual(['max consecutive shifts']);
  });

  it('min consecutive shifts, with blocks touching the first or last day exempt', () => {
    const inst = instance({ minConsecutiveShifts: 2 });
    expect(rules(inst, works('A', 'E', 5))).toEqual(['min consecutive shifts']);
    expect(rules(inst, works('A', 'E', 5, 6))).toEqual([]);
    expect(rules(inst, works('A', 'E', 0))).toEqual([]);
    expect(rules(inst, works('A', 'E', 13))).toEqual([]);
    expect(rules(inst, works('A', 'E', 1))).toEqual(['min consecutive shifts']);
    expect(rules(inst, works('A', 'E', 12))).toEqual(['min consecutive shifts']);
    expect(rules(inst, [...works('A', 'E', 2), ...works('A', 'N', 3)])).toEqual([]);
  });

  it('min consecutive days off, with blocks touching the first or last day exempt', () => {
    const inst = instance({ minConsecutiveDaysOff: 2 });
    expect(rules(inst, works('A', 'E', ...range(0, 4), ...range(6, 13)))).toEqual(['min consecutive days off']);
    expect(rules(inst, works('A', 'E', ...range(0, 4), ...range(7, 13)))).toEqual([]);
    expect(rules(inst, works('A', 'E', ...range(1, 13)))).toEqual([]);
    expect(rules(inst, works('A', 'E', ...range(0, 12)))).toEqual([]);
    expect(rules(inst, works('A', 'E', 0, ...range(2, 13)))).toEqual(['min consecutive days off']);
    // An employee who never works has one off block covering the horizon.
    expect(rules(inst, [])).toEqual([]);
  });

  it('max weekends: a weekend is worked when its Saturday or Sunday is, day 0 being a Monday', () => {
    const inst = instance({ maxWeekends: 1 });
    expect(rules(inst, works('A', 'E', 5, 6))).toEqual([]);
    expect(rules(inst, works('A', 'E', 6, 12))).toEqual(['max weekends']);
    expect(rules(inst, works('A', 'E', 5, 13))).toEqual(['max weekends']);
    // Mondays and Fridays are not weekend days.
    expect(rules(inst, works('A', 'E', 0, 4, 7, 11))).toEqual([]);
    expect(scoreNrpRoster(instance({ maxWeekends: 0 }), works('A', 'E', 13)).hardViolations).toEqual([
      { rule: 'max weekends', employeeId: 'A', detail: '1 weekends worked, at most 0' },
    ]);
  });

  it('no work on days off', () => {
    const inst = instance({ daysOff: [4, 9] });
    expect(rules(inst, works('A', 'E', 3, 5, 8, 10))).toEqual([]);
    expect(rules(inst, works('A', 'N', 9))).toEqual(['day off']);
  });

  it('reports assignments outside the instance instead of scoring them', () => {
    expect(rules(instance(), [{ employeeId: 'Z', day: 1, shiftId: 'E' }])).toEqual(['unknown employee']);
    expect(rules(instance(), [{ employeeId: 'A', day: 1, shiftId: 'X' }])).toEqual(['unknown shift type']);
    expect(rules(instance(), [{ employeeId: 'A', day: 14, shiftId: 'E' }])).toEqual(['day outside horizon']);
  });
});

describe('scoreNrpRoster objective', () => {
  it('charges an on-request not granted, whether the employee is off or on another shift', () => {
    const inst = instance({}, { shiftOnRequests: [{ employeeId: 'A', day: 2, shiftId: 'E', weight: 3 }] });
    expect(scoreNrpRoster(inst, works('A', 'E', 2)).objective).toBe(0);
    expect(scoreNrpRoster(inst, works('A', 'N', 2)).objective).toBe(3);
    expect(scoreNrpRoster(inst, works('B', 'E', 2)).objective).toBe(3);
    expect(scoreNrpRoster(inst, []).objective).toBe(3);
  });

  it('charges an off-request only when that very shift is worked', () => {
    const inst = instance({}, { shiftOffRequests: [{ employeeId: 'A', day: 2, shiftId: 'N', weight: 5 }] });
    expect(scoreNrpRoster(inst, works('A', 'N', 2)).objective).toBe(5);
    expect(scoreNrpRoster(inst, works('A', 'E', 2)).objective).toBe(0);
    expect(scoreNrpRoster(inst, works('A', 'N', 3)).objective).toBe(0);
  });

  it('charges cover shortfall and excess per missing or extra person, by their own weights', () => {
    const inst = instance({}, { cover: [{ day: 1, shiftId: 'E', requirement: 2, weightUnder: 100, weightOver: 7 }] });
    expect(scoreNrpRoster(inst, []).objective).toBe(200);
    expect(scoreNrpRoster(inst, works('A', 'E', 1)).objective).toBe(100);
    expect(scoreNrpRoster(inst, [...works('A', 'E', 1), ...works('B', 'E', 1)]).objective).toBe(0);
    expect(scoreNrpRoster(inst, [...works('A', 'E', 1), ...works('B', 'E', 1), ...works('C', 'E', 1)]).objective).toBe(7);
    // Other days and shift types do not count towards this requirement.
    expect(scoreNrpRoster(inst, [...works('A', 'N', 1), ...works('B', 'E', 2)]).objective).toBe(200);
  });

  it('adds the three terms together (hand-computed)', () => {
    const inst = instance({}, {
      shiftOnRequests: [
        { employeeId: 'A', day: 0, shiftId: 'E', weight: 2 }, // granted
        { employeeId: 'B', day: 0, shiftId: 'N', weight: 4 }, // not granted: +4
      ],
      shiftOffRequests: [{ employeeId: 'C', day: 0, shiftId: 'E', weight: 1 }], // violated: +1
      cover: [
        { day: 0, shiftId: 'E', requirement: 1, weightUnder: 100, weightOver: 3 }, // A, C: one over, +3
        { day: 0, shiftId: 'N', requirement: 2, weightUnder: 50, weightOver: 1 }, // nobody: two under, +100
      ],
    });
    expect(scoreNrpRoster(inst, [...works('A', 'E', 0), ...works('C', 'E', 0)]).objective).toBe(4 + 1 + 3 + 100);
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NrpParseError, parseNrp } from './parse-nrp';
import { BENCHMARK_DIR } from '../testing/nrp-cells';

/** A two-shift, one-week instance exercising every section, with CRLF ends like the originals. */
const TINY_NRP = [
  '# a comment',
  '',
  'SECTION_HORIZON',
  '# days',
  '7',
  '',
  'SECTION_SHIFTS',
  '# ShiftID, Length in mins, Shifts which cannot follow this shift | separated',
  'E,480,',
  'L,600,E',
  '',
  'SECTION_STAFF',
  'A,E=5|L=3,2400,960,4,2,2,1',
  'B,E=7|L=0,3000,0,5,1,1,2',
  '',
  'SECTION_DAYS_OFF',
  'A,3,0',
  'B,6',
  '',
  'SECTION_SHIFT_ON_REQUESTS',
  'A,1,E,2',
  '',
  'SECTION_SHIFT_OFF_REQUESTS',
  'B,2,L,3',
  '',
  'SECTION_COVER',
  '0,E,1,100,1',
  '5,L,2,50,5',
].join('\r\n');

// The shipped instances live beside the repository, not in it; a clone elsewhere can point here.

describe('parseNrp', () => {
  it('reads every section of a small instance', () => {
    const instance = parseNrp(TINY_NRP, 'tiny');
    expect(instance).toEqual({
      name: 'tiny',
      horizonDays: 7,
      shiftTypes: [
        { id: 'E', lengthMinutes: 480, cannotFollow: [] },
        { id: 'L', lengthMinutes: 600, cannotFollow: ['E'] },
      ],
      employees: [
        {
          id: 'A', maxShifts: { E: 5, L: 3 }, maxTotalMinutes: 2400, minTotalMinutes: 960,
          maxConsecutiveShifts: 4, minConsecutiveShifts: 2, minConsecutiveDaysOff: 2, maxWeekends: 1, daysOff: [0, 3],
        },
        {
          id: 'B', maxShifts: { E: 7, L: 0 }, maxTotalMinutes: 3000, minTotalMinutes: 0,
          maxConsecutiveShifts: 5, minConsecutiveShifts: 1, minConsecutiveDaysOff: 1, maxWeekends: 2, daysOff: [6],
        },
      ],
      shiftOnRequests: [{ employeeId: 'A', day: 1, shiftId: 'E', weight: 2 }],
      shiftOffRequests: [{ employeeId: 'B', day: 2, shiftId: 'L', weight: 3 }],
      cover: [
        { day: 0, shiftId: 'E', requirement: 1, weightUnder: 100, weightOver: 1 },
        { day: 5, shiftId: 'L', requirement: 2, weightUnder: 50, weightOver: 5 },
      ],
    });
  });

  it('reads LF-only files the same way', () => {
    expect(parseNrp(TINY_NRP.replace(/\r\n/g, '\n'), 'tiny')).toEqual(parseNrp(TINY_NRP, 'tiny'));
  });

  it.each([
    ['an unknown section', 'SECTION_COVER', 'SECTION_COVERS', 'line 26: unknown section'],
    ['a non-integer horizon', '\r\n7\r\n', '\r\nseven\r\n', 'line 5: horizon length must be an integer'],
    ['a staff line with a missing field', 'B,E=7|L=0,3000,0,5,1,1,2', 'B,E=7|L=0,3000,0,5,1,1', 'line 14: expected 8 comma-separated fields, got 7'],
    ['a malformed max shifts entry', 'A,E=5|L=3', 'A,E:5|L=3', 'line 13: max shifts entry must look like ShiftID=n'],
    ['an unknown successor shift', 'L,600,E', 'L,600,N', 'line 10: unknown shift "N"'],
    ['a request for an unknown employee', 'A,1,E,2', 'Z,1,E,2', 'line 21: unknown employee "Z"'],
    ['a day outside the horizon', '5,L,2,50,5', '9,L,2,50,5', 'line 28: day 9 is outside the horizon of 7 days'],
    ['a max shifts list missing a shift type', 'A,E=5|L=3', 'A,E=5', 'line 13: employee "A" has no max shifts for shift type "L"'],
    ['a days-off line for an unknown employee', 'B,6', 'Q,6', 'line 18: unknown employee "Q"'],
    ['a negative weight', 'B,2,L,3', 'B,2,L,-3', 'line 24: weight must be at least 0'],
  ])('names the line of %s', (_label, from, to, message) => {
    const broken = TINY_NRP.replace(from, to);
    expect(broken).not.toEqual(TINY_NRP);
    expect(() => parseNrp(broken, 'tiny')).toThrow(NrpParseError);
    expect(() => parseNrp(broken, 'tiny')).toThrow(`tiny, ${message}`);
  });

  it('rejects a file without staff', () => {
    expect(() => parseNrp('SECTION_HORIZON\r\n7\r\nSECTION_SHIFTS\r\nD,480,\r\n', 'x')).toThrow('x: missing SECTION_STAFF');
  });

  const shipped = existsSync(BENCHMARK_DIR) ? readdirSync(BENCHMARK_DIR).filter((file) => file.endsWith('.txt')) : [];
  (shipped.length > 0 ? describe : describe.skip)('shipped benchmark instances', () => {
    it.each(shipped)('parses %s consistently with the size table', (file) => {
      const instance = parseNrp(readFileSync(join(BENCHMARK_DIR, file), 'utf8'), file.replace(/\.txt$/, ''));
      expect(instance.horizonDays % 7).toBe(0);
      expect(instance.employees.length).toBeGreaterThanOrEqual(8);
      expect(instance.employees.length).toBeLessThanOrEqual(150);
      expect(instance.shiftTypes.length).toBeGreaterThanOrEqual(1);
      expect(instance.shiftTypes.length).toBeLessThanOrEqual(32);
      // Every instance states a requirement for each day and shift type.
      expect(instance.cover).toHaveLength(instance.horizonDays * instance.shiftTypes.length);
    });

    it('reads Instance1 as published: 14 days, 8 nurses, one 480-minute shift', () => {
      const instance = parseNrp(readFileSync(join(BENCHMARK_DIR, 'Instance1.txt'), 'utf8'), 'Instance1');
      expect(instance.horizonDays).toBe(14);
      expect(instance.shiftTypes).toEqual([{ id: 'D', lengthMinutes: 480, cannotFollow: [] }]);
      expect(instance.employees.map((employee) => employee.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
      expect(instance.employees[0]).toMatchObject({ maxTotalMinutes: 4320, minTotalMinutes: 3360, maxConsecutiveShifts: 5, daysOff: [0] });
      expect(instance.shiftOnRequests).toHaveLength(21);
      expect(instance.shiftOffRequests).toHaveLength(5);
    });
  });
});

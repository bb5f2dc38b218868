import { readRoster, writeRoster } from './roster-file';

describe('roster files', () => {
  it('writes one employeeId,day,shiftId line per assignment, sorted by day then employee', () => {
    const text = writeRoster([
      { employeeId: 'B', day: 1, shiftId: 'N' },
      { employeeId: 'A', day: 1, shiftId: 'E' },
      { employeeId: 'C', day: 0, shiftId: 'E' },
    ]);
    expect(text).toBe('C,0,E\nA,1,E\nB,1,N\n');
  });

  it('reads back what it wrote, and CRLF files with comments', () => {
    const roster = [{ employeeId: 'A', day: 0, shiftId: 'E' }, { employeeId: 'B', day: 13, shiftId: 'N' }];
    expect(readRoster(writeRoster(roster))).toEqual(roster);
    expect(readRoster('# by hand\r\nA,0,E\r\n\r\nB, 13 ,N\r\n')).toEqual(roster);
    expect(readRoster('')).toEqual([]);
  });

  it('names the malformed line', () => {
    expect(() => readRoster('A,0,E\nA,1\n')).toThrow('roster line 2: expected employeeId,day,shiftId, got "A,1"');
    expect(() => readRoster('A,0,E\n\nA,x,E\n')).toThrow('roster line 3: day must be a whole number, got "x"');
    expect(() => readRoster('A,-1,E')).toThrow('roster line 1');
  });
});

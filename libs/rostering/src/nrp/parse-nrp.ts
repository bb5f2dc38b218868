import { NrpEmployee, NrpInstance, NrpShiftRequest, NrpShiftType } from './nrp-instance';

/** A malformed benchmark file; the message names the file and the 1-based line. */
export class NrpParseError extends Error {
  constructor(
    readonly instanceName: string,
    readonly lineNumber: number | null,
    detail: string,
  ) {
    super(`${instanceName}${lineNumber === null ? '' : `, line ${lineNumber}`}: ${detail}`);
    this.name = 'NrpParseError';
  }
}

type SectionName = 'HORIZON' | 'SHIFTS' | 'STAFF' | 'DAYS_OFF' | 'SHIFT_ON_REQUESTS' | 'SHIFT_OFF_REQUESTS' | 'COVER';
const SECTIONS: readonly SectionName[] = ['HORIZON', 'SHIFTS', 'STAFF', 'DAYS_OFF', 'SHIFT_ON_REQUESTS', 'SHIFT_OFF_REQUESTS', 'COVER'];

interface Line {
  number: number;
  text: string;
}

/** Cross-references are checked once every section is read, so section order does not matter. */
interface PendingReference {
  line: number;
  kind: 'employee' | 'shift';
  id: string;
}

/**
 * Reads a Curtois & Qu instance (format in shared/benchmarks/nurse-rostering/SOURCE.md).
 * Strict on purpose: a benchmark silently read wrong gives wrong results, so any
 * malformed or inconsistent line throws an NrpParseError naming that line.
 */
export function parseNrp(text: string, name: string): NrpInstance {
  const fail = (line: number | null, detail: string): never => {
    throw new NrpParseError(name, line, detail);
  };
  const lines = meaningfulLines(text);
  let section: SectionName | null = null;
  const seen = new Set<SectionName>();
  let horizonDays: number | null = null;
  const shiftTypes: NrpShiftType[] = [];
  const employees: NrpEmployee[] = [];
  const shiftOnRequests: NrpShiftRequest[] = [];
  const shiftOffRequests: NrpShiftRequest[] = [];
  const cover: NrpInstance['cover'] = [];
  const references: PendingReference[] = [];
  const daysOffLines: { line: number; employeeId: string; days: number[] }[] = [];
  const dayLines: { line: number; day: number }[] = [];
  const maxShiftLines = new Map<string, number>();

  const integer = (line: Line, field: string, label: string, min = 0): number => {
    if (!/^-?\d+$/.test(field)) fail(line.number, `${label} must be an integer, got "${field}"`);
    const value = Number(field);
    if (value < min) fail(line.number, `${label} must be at least ${min}, got ${value}`);
    return value;
  };
  const fields = (line: Line, count: number | 'atLeast2'): string[] => {
    const parts = line.text.split(',').map((part) => part.trim());
    if (count === 'atLeast2' ? parts.length < 2 : parts.length !== count) {
      fail(line.number, `expected ${count === 'atLeast2' ? 'at least 2' : count} comma-separated fields, got ${parts.length}: "${line.text}"`);
    }
    parts.forEach((part, index) => {
      // The third shift field (successions) may legitimately be empty.
      if (part === '' && !(section === 'SHIFTS' && index === 2)) fail(line.number, `field ${index + 1} is empty: "${line.text}"`);
    });
    return parts;
  };
  const request = (line: Line): NrpShiftRequest => {
    const [employeeId, day, shiftId, weight] = fields(line, 4);
    references.push({ line: line.number, kind: 'employee', id: employeeId }, { line: line.number, kind: 'shift', id: shiftId });
    const parsed = { employeeId, day: integer(line, day, 'day'), shiftId, weight: integer(line, weight, 'weight') };
    dayLines.push({ line: line.number, day: parsed.day });
    return parsed;
  };

  for (const line of lines) {
    if (line.text.startsWith('SECTION_')) {
      const candidate = line.text.slice('SECTION_'.length) as SectionName;
      if (!SECTIONS.includes(candidate)) fail(line.number, `unknown section "${line.text}"`);
      if (seen.has(candidate)) fail(line.number, `section ${line.text} appears twice`);
      seen.add(candidate);
      section = candidate;
      continue;
    }
    switch (section) {
      case null:
        fail(line.number, `data before any SECTION_ header: "${line.text}"`);
        break;
      case 'HORIZON':
        if (horizonDays !== null) fail(line.number, 'SECTION_HORIZON holds more than one value');
        horizonDays = integer(line, line.text, 'horizon length', 1);
        break;
      case 'SHIFTS': {
        const [id, length, successors] = fields(line, 3);
        if (shiftTypes.some((shift) => shift.id === id)) fail(line.number, `shift type "${id}" defined twice`);
        const cannotFollow = successors === '' ? [] : successors.split('|').map((successor) => successor.trim());
        for (const successor of cannotFollow) references.push({ line: line.number, kind: 'shift', id: successor });
        shiftTypes.push({ id, lengthMinutes: integer(line, length, 'shift length', 1), cannotFollow });
        break;
      }
      case 'STAFF': {
        const [id, maxShiftsField, maxMinutes, minMinutes, maxConsecutive, minConsecutive, minDaysOff, maxWeekends] = fields(line, 8);
        if (employees.some((employee) => employee.id === id)) fail(line.number, `employee "${id}" defined twice`);
        const maxShifts: Record<string, number> = {};
        for (const entry of maxShiftsField.split('|')) {
          const match = /^([^=]+)=(\d+)$/.exec(entry.trim());
          if (!match) fail(line.number, `max shifts entry must look like ShiftID=n, got "${entry}"`);
          const [, shiftId, count] = match as RegExpExecArray;
          if (shiftId in maxShifts) fail(line.number, `max shifts for "${shiftId}" given twice`);
          maxShifts[shiftId] = Number(count);
          references.push({ line: line.number, kind: 'shift', id: shiftId });
        }
        maxShiftLines.set(id, line.number);
        employees.push({
          id,
          maxShifts,
          maxTotalMinutes: integer(line, maxMinutes, 'max total minutes'),
          minTotalMinutes: integer(line, minMinutes, 'min total minutes'),
          maxConsecutiveShifts: integer(line, maxConsecutive, 'max consecutive shifts', 1),
          minConsecutiveShifts: integer(line, minConsecutive, 'min consecutive shifts'),
          minConsecutiveDaysOff: integer(line, minDaysOff, 'min consecutive days off'),
          maxWeekends: integer(line, maxWeekends, 'max weekends'),
          daysOff: [],
        });
        break;
      }
      case 'DAYS_OFF': {
        const [employeeId, ...days] = fields(line, 'atLeast2');
        const parsed = days.map((day) => integer(line, day, 'day'));
        daysOffLines.push({ line: line.number, employeeId, days: parsed });
        for (const day of parsed) dayLines.push({ line: line.number, day });
        break;
      }
      case 'SHIFT_ON_REQUESTS':
        shiftOnRequests.push(request(line));
        break;
      case 'SHIFT_OFF_REQUESTS':
        shiftOffRequests.push(request(line));
        break;
      case 'COVER': {
        const [day, shiftId, requirement, weightUnder, weightOver] = fields(line, 5);
        references.push({ line: line.number, kind: 'shift', id: shiftId });
        const entry = {
          day: integer(line, day, 'day'),
          shiftId,
          requirement: integer(line, requirement, 'requirement'),
          weightUnder: integer(line, weightUnder, 'weight for under'),
          weightOver: integer(line, weightOver, 'weight for over'),
        };
        dayLines.push({ line: line.number, day: entry.day });
        cover.push(entry);
        break;
      }
    }
  }

  for (const required of ['HORIZON', 'SHIFTS', 'STAFF'] as const) {
    if (!seen.has(required)) fail(null, `missing SECTION_${required}`);
  }
  if (horizonDays === null) return fail(null, 'SECTION_HORIZON has no value');
  const horizon: number = horizonDays;
  const shiftIds = new Set(shiftTypes.map((shift) => shift.id));
  const employeesById = new Map(employees.map((employee) => [employee.id, employee]));
  for (const reference of references) {
    const known = reference.kind === 'shift' ? shiftIds.has(reference.id) : employeesById.has(reference.id);
    if (!known) fail(reference.line, `unknown ${reference.kind} "${reference.id}"`);
  }
  for (const { line, day } of dayLines) {
    if (day >= horizon) fail(line, `day ${day} is outside the horizon of ${horizon} days`);
  }
  for (const employee of employees) {
    // An absent limit would be read as "no limit" by one consumer and "zero" by another.
    for (const shiftId of shiftIds) {
      if (!(shiftId in employee.maxShifts)) fail(maxShiftLines.get(employee.id) ?? null, `employee "${employee.id}" has no max shifts for shift type "${shiftId}"`);
    }
  }
  for (const { line, employeeId, days } of daysOffLines) {
    const employee = employeesById.get(employeeId);
    if (!employee) return fail(line, `unknown employee "${employeeId}"`);
    for (const day of days) if (!employee.daysOff.includes(day)) employee.daysOff.push(day);
  }
  for (const employee of employees) employee.daysOff.sort((a, b) => a - b);

  return { name, horizonDays: horizon, shiftTypes, employees, shiftOnRequests, shiftOffRequests, cover };
}

/** Non-empty, non-comment lines with their 1-based numbers; CRLF and LF both accepted. */
function meaningfulLines(text: string): Line[] {
  return text
    .split(/\r?\n|\r/)
    .map((raw, index) => ({ number: index + 1, text: raw.trim() }))
    .filter((line) => line.text !== '' && !line.text.startsWith('#'));
}

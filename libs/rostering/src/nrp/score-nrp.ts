import { NrpAssignment, NrpInstance } from './nrp-instance';

/**
 * The independent referee of the nurse-rostering benchmark. It shares no code with
 * the search engine or the MIP model on purpose: the benchmark prints this file's
 * verdict, not a solver's claim. Written for obviousness, not speed — every rule
 * of SOURCE.md's model is a separate loop over a plain day-by-day calendar.
 */
export interface NrpHardViolation {
  rule: string;
  employeeId: string;
  detail: string;
}

export interface NrpScore {
  objective: number;
  hardViolations: NrpHardViolation[];
}

export function scoreNrpRoster(instance: NrpInstance, assignments: NrpAssignment[]): NrpScore {
  const hardViolations: NrpHardViolation[] = [];
  const shiftsById = new Map(instance.shiftTypes.map((shift) => [shift.id, shift]));
  const employeeIds = new Set(instance.employees.map((employee) => employee.id));
  const horizon = instance.horizonDays;

  // calendar[employeeId][day] = shift ids worked that day (normally zero or one).
  const calendar = new Map<string, string[][]>();
  for (const employee of instance.employees) {
    calendar.set(employee.id, Array.from({ length: horizon }, () => []));
  }
  const valid: NrpAssignment[] = [];
  for (const assignment of assignments) {
    const { employeeId, day, shiftId } = assignment;
    if (!employeeIds.has(employeeId)) {
      hardViolations.push({ rule: 'unknown employee', employeeId, detail: `assignment on day ${day} to an employee not in the instance` });
    } else if (!shiftsById.has(shiftId)) {
      hardViolations.push({ rule: 'unknown shift type', employeeId, detail: `shift "${shiftId}" on day ${day} is not in the instance` });
    } else if (!Number.isInteger(day) || day < 0 || day >= horizon) {
      hardViolations.push({ rule: 'day outside horizon', employeeId, detail: `day ${day} is not in 0..${horizon - 1}` });
    } else {
      calendar.get(employeeId)![day].push(shiftId);
      valid.push(assignment);
    }
  }

  for (const employee of instance.employees) {
    const days = calendar.get(employee.id)!;
    const report = (rule: string, detail: string): void => {
      hardViolations.push({ rule, employeeId: employee.id, detail });
    };
    const works = (day: number): boolean => days[day].length > 0;

    for (let day = 0; day < horizon; day++) {
      if (days[day].length > 1) report('at most one shift a day', `day ${day}: ${days[day].join(', ')}`);
    }

    for (let day = 0; day + 1 < horizon; day++) {
      for (const today of days[day]) {
        for (const tomorrow of days[day + 1]) {
          if (shiftsById.get(today)!.cannotFollow.includes(tomorrow)) {
            report('forbidden succession', `${tomorrow} on day ${day + 1} cannot follow ${today} on day ${day}`);
          }
        }
      }
    }

    for (const shift of instance.shiftTypes) {
      let count = 0;
      for (const shiftIds of days) for (const shiftId of shiftIds) if (shiftId === shift.id) count++;
      const limit = employee.maxShifts[shift.id];
      if (limit !== undefined && count > limit) report('max shifts per type', `${count} ${shift.id} shifts, at most ${limit}`);
    }

    let minutes = 0;
    for (const shiftIds of days) for (const shiftId of shiftIds) minutes += shiftsById.get(shiftId)!.lengthMinutes;
    if (minutes > employee.maxTotalMinutes) report('max total minutes', `${minutes} minutes, at most ${employee.maxTotalMinutes}`);
    if (minutes < employee.minTotalMinutes) report('min total minutes', `${minutes} minutes, at least ${employee.minTotalMinutes}`);

    for (const block of blocks(horizon, works)) {
      if (block.working && block.length > employee.maxConsecutiveShifts) {
        report('max consecutive shifts', `${block.length} working days from day ${block.start}, at most ${employee.maxConsecutiveShifts}`);
      }
      const touchesEdge = block.start === 0 || block.start + block.length === horizon;
      if (touchesEdge) continue;
      if (block.working && block.length < employee.minConsecutiveShifts) {
        report('min consecutive shifts', `${block.length} working days from day ${block.start}, at least ${employee.minConsecutiveShifts}`);
      }
      if (!block.working && block.length < employee.minConsecutiveDaysOff) {
        report('min consecutive days off', `${block.length} days off from day ${block.start}, at least ${employee.minConsecutiveDaysOff}`);
      }
    }

    const weekends = workedWeekends(horizon, works);
    if (weekends > employee.maxWeekends) report('max weekends', `${weekends} weekends worked, at most ${employee.maxWeekends}`);

    for (const day of employee.daysOff) {
      if (day < horizon && works(day)) report('day off', `works on day ${day}, a day off`);
    }
  }

  return { objective: requestPenalty(instance, calendar) + coverPenalty(instance, valid), hardViolations };
}

/** Maximal runs of working days and of days off, in calendar order. */
function blocks(horizon: number, works: (day: number) => boolean): { start: number; length: number; working: boolean }[] {
  const result: { start: number; length: number; working: boolean }[] = [];
  let start = 0;
  for (let day = 1; day <= horizon; day++) {
    if (day === horizon || works(day) !== works(start)) {
      result.push({ start, length: day - start, working: works(start) });
      start = day;
    }
  }
  return result;
}

/** Day 0 is a Monday, so days 5 and 6 of each week are Saturday and Sunday. */
function workedWeekends(horizon: number, works: (day: number) => boolean): number {
  let count = 0;
  for (let saturday = 5; saturday < horizon; saturday += 7) {
    const sunday = saturday + 1;
    if (works(saturday) || (sunday < horizon && works(sunday))) count++;
  }
  return count;
}

function requestPenalty(instance: NrpInstance, calendar: Map<string, string[][]>): number {
  const worksShift = (employeeId: string, day: number, shiftId: string): boolean =>
    calendar.get(employeeId)?.[day]?.includes(shiftId) ?? false;
  let penalty = 0;
  for (const request of instance.shiftOnRequests) {
    if (!worksShift(request.employeeId, request.day, request.shiftId)) penalty += request.weight;
  }
  for (const request of instance.shiftOffRequests) {
    if (worksShift(request.employeeId, request.day, request.shiftId)) penalty += request.weight;
  }
  return penalty;
}

function coverPenalty(instance: NrpInstance, assignments: NrpAssignment[]): number {
  const assignedByDayAndShift = new Map<string, number>();
  for (const { day, shiftId } of assignments) {
    const key = `${day}/${shiftId}`;
    assignedByDayAndShift.set(key, (assignedByDayAndShift.get(key) ?? 0) + 1);
  }
  let penalty = 0;
  for (const cover of instance.cover) {
    const assigned = assignedByDayAndShift.get(`${cover.day}/${cover.shiftId}`) ?? 0;
    if (assigned < cover.requirement) penalty += (cover.requirement - assigned) * cover.weightUnder;
    if (assigned > cover.requirement) penalty += (assigned - cover.requirement) * cover.weightOver;
  }
  return penalty;
}

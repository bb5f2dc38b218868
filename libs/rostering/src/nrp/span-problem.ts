import { FIXED_OFF, FREE_CELL } from './highs-nrp-model';
import { NrpEmployee, NrpInstance } from './nrp-instance';

/**
 * A rota as shift-type indices: `rota[employee * horizon + day]` is the index of the
 * shift worked, or FIXED_OFF (-1) for a day off.
 */
export type ShiftRota = Int32Array;

/** The part of a benchmark instance a sub-MIP re-optimises, and how it maps back. */
export interface SpanProblem {
  /** Some employees over a span of whole weeks, the rest of the rota folded into its limits. */
  instance: NrpInstance;
  /** Per sub-instance cell: FREE_CELL, or fixed as in the rota (for `buildNrpMip`). */
  fixed: Int32Array;
  /** Employee index in the full instance, per employee of the sub-instance. */
  employees: number[];
  /** First day of the span in the full horizon (a Monday). */
  firstDay: number;
}

/**
 * Days a free cell's rules can reach: the longest sequence rule (runs of work or of
 * days off) plus one, so every rule touching a free cell lies inside the span.
 */
export function ruleReach(instance: NrpInstance): number {
  let reach = 1;
  for (const e of instance.employees)
    reach = Math.max(
      reach,
      e.maxConsecutiveShifts,
      e.minConsecutiveShifts,
      e.minConsecutiveDaysOff,
    );
  return reach + 1;
}

/**
 * Whole weeks around the days first..last, with at least `reach` fixed days on each
 * side (fewer at the horizon's ends): week-end and sequence rules then never cross
 * the span's edges with a free cell inside them.
 */
export function spanAround(
  horizon: number,
  first: number,
  last: number,
  reach: number,
): [number, number] {
  const start = Math.max(0, Math.floor((first - reach) / 7) * 7);
  const end = Math.min(horizon - 1, Math.ceil((last + reach + 1) / 7) * 7 - 1);
  return [start, end];
}

/**
 * The benchmark instance restricted to `employees` over the days firstDay..lastDay
 * (whole weeks from a Monday), everything else fixed as in `rota` and folded in:
 * - each employee's totals (shifts per type, minutes, week-ends) lose what they work
 *   outside the span, so the span's rows keep the whole-horizon limits;
 * - each cover requirement loses the staff left out who work it, and may go negative
 *   (every assignment is then over cover);
 * - only requests of the employees inside the span remain.
 * Cells where `free(employee, day)` is false stay fixed to the rota. Every hard rule of
 * the benchmark is a member's own, so the sub-problem is feasible when the rota keeps
 * them (it is then a feasible point) and when the members inside are free over the
 * whole horizon, whatever rules their rows break (a rescue).
 */
export function spanProblem(
  instance: NrpInstance,
  rota: ShiftRota,
  employees: number[],
  firstDay: number,
  lastDay: number,
  free: (employee: number, day: number) => boolean,
): SpanProblem {
  if (firstDay % 7 !== 0) throw new Error(`a span starts on a Monday, not on day ${firstDay}`);
  const H = instance.horizonDays;
  const days = lastDay - firstDay + 1;
  const inSpan = (day: number): boolean => day >= firstDay && day <= lastDay;
  const shiftIndex = new Map(instance.shiftTypes.map((shift, s) => [shift.id, s]));
  const inside = new Set(employees);

  const subEmployees = employees.map((e): NrpEmployee => {
    const employee = instance.employees[e];
    const outside = instance.shiftTypes.map(() => 0);
    let minutes = 0;
    for (let day = 0; day < H; day++) {
      const s = rota[e * H + day];
      if (s === FIXED_OFF || inSpan(day)) continue;
      outside[s]++;
      minutes += instance.shiftTypes[s].lengthMinutes;
    }
    let weekends = 0;
    for (let saturday = 5; saturday < H; saturday += 7) {
      if (inSpan(saturday)) continue;
      const sunday = saturday + 1;
      if (
        rota[e * H + saturday] !== FIXED_OFF ||
        (sunday < H && rota[e * H + sunday] !== FIXED_OFF)
      )
        weekends++;
    }
    return {
      ...employee,
      maxShifts: Object.fromEntries(
        instance.shiftTypes.map((shift, s) => [
          shift.id,
          employee.maxShifts[shift.id] - outside[s],
        ]),
      ),
      maxTotalMinutes: employee.maxTotalMinutes - minutes,
      minTotalMinutes: Math.max(0, employee.minTotalMinutes - minutes),
      maxWeekends: employee.maxWeekends - weekends,
      daysOff: employee.daysOff.filter(inSpan).map((day) => day - firstDay),
    };
  });

  const cover = instance.cover
    .filter((line) => inSpan(line.day))
    .map((line) => {
      const s = shiftIndex.get(line.shiftId)!;
      let leftOut = 0;
      for (let e = 0; e < instance.employees.length; e++)
        if (!inside.has(e) && rota[e * H + line.day] === s) leftOut++;
      return { ...line, day: line.day - firstDay, requirement: line.requirement - leftOut };
    });

  const ids = new Set(employees.map((e) => instance.employees[e].id));
  const requests = (list: NrpInstance['shiftOnRequests']) =>
    list
      .filter((r) => ids.has(r.employeeId) && inSpan(r.day))
      .map((r) => ({ ...r, day: r.day - firstDay }));

  const fixed = new Int32Array(employees.length * days);
  employees.forEach((e, i) => {
    for (let d = 0; d < days; d++)
      fixed[i * days + d] = free(e, firstDay + d) ? FREE_CELL : rota[e * H + firstDay + d];
  });

  return {
    instance: {
      name: `${instance.name}[${firstDay}..${lastDay}]`,
      horizonDays: days,
      shiftTypes: instance.shiftTypes,
      employees: subEmployees,
      shiftOnRequests: requests(instance.shiftOnRequests),
      shiftOffRequests: requests(instance.shiftOffRequests),
      cover,
    },
    fixed,
    employees,
    firstDay,
  };
}

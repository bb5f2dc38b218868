import { NrpAssignment, NrpInstance } from './nrp-instance';

/**
 * The exact MIP of SOURCE.md's model, as plain sparse arrays (CSR) ready for
 * HiGHS's `passModel`. Kept free of the `highs` package so it can be built and
 * inspected in tests without loading WebAssembly.
 *
 * Columns: x[e,d,s] binary (only where the employee may work that shift that day),
 * y[e,d] = Σs x[e,d,s] in [0,1] ("works on day d", so sequence rows stay short
 * however many shift types there are), w[e,k] binary (works weekend k), and per
 * cover line an under and an over slack.
 */
export interface NrpMipModel {
  numCols: number;
  numRows: number;
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  /** 1 = integer, 0 = continuous, as HiGHS's variableType codes */
  integrality: number[];
  rowLower: number[];
  rowUpper: number[];
  /** CSR: row r holds indices/values[starts[r] .. starts[r+1]) */
  starts: number[];
  indices: number[];
  values: number[];
  /** constant part of the objective: on-requests that can never be granted, and the "1 −" of the others */
  offset: number;
  /** what each x column means, to turn a column vector back into a rota */
  xColumns: { column: number; assignment: NrpAssignment }[];
  /** per cover line, its x columns, prices and slack columns, to price a rota with tight slacks */
  coverLines: { xColumns: number[]; requirement: number; weightUnder: number; weightOver: number; under: number; over: number }[];
  /** y columns (works that day) and w columns (works that week-end), each with the x columns it follows */
  derivedColumns: { column: number; xColumns: number[] }[];
}

/** In `BuildNrpMipOptions.fixed`: the cell is left to the solver. */
export const FREE_CELL = -2;
/** In `BuildNrpMipOptions.fixed`: the cell is fixed to a day off. */
export const FIXED_OFF = -1;

export interface BuildNrpMipOptions {
  /**
   * Per cell (employee × horizon + day): FREE_CELL, FIXED_OFF, or the index of the
   * shift type it is fixed to. A fixed cell gets no column (off) or one column
   * bounded to 1, so a sub-problem carries no dead columns for its fixed part.
   */
  fixed?: Int32Array;
}

export function buildNrpMip(instance: NrpInstance, options: BuildNrpMipOptions = {}): NrpMipModel {
  const model: NrpMipModel = {
    numCols: 0, numRows: 0, colCost: [], colLower: [], colUpper: [], integrality: [],
    rowLower: [], rowUpper: [], starts: [0], indices: [], values: [], offset: 0, xColumns: [], coverLines: [],
    derivedColumns: [],
  };
  const addColumn = (lower: number, upper: number, integer: boolean): number => {
    model.colCost.push(0);
    model.colLower.push(lower);
    model.colUpper.push(upper);
    model.integrality.push(integer ? 1 : 0);
    return model.numCols++;
  };
  const addRow = (lower: number, upper: number, terms: [column: number, coefficient: number][]): void => {
    if (terms.length === 0) return;
    for (const [column, coefficient] of terms) {
      model.indices.push(column);
      model.values.push(coefficient);
    }
    model.rowLower.push(lower);
    model.rowUpper.push(upper);
    model.starts.push(model.indices.length);
    model.numRows++;
  };
  const horizon = instance.horizonDays;
  const shiftIndex = new Map(instance.shiftTypes.map((shift, index) => [shift.id, index]));

  // x[e][d][s] column or -1 when the employee can never work it (day off, max 0).
  const fixed = options.fixed;
  const x: number[][][] = instance.employees.map((employee, e) => {
    const daysOff = new Set(employee.daysOff);
    return Array.from({ length: horizon }, (_, day) =>
      instance.shiftTypes.map((shift, s) => {
        const fixedTo = fixed ? fixed[e * horizon + day] : FREE_CELL;
        if (fixedTo !== FREE_CELL && fixedTo !== s) return -1;
        if (fixedTo === FREE_CELL && (daysOff.has(day) || employee.maxShifts[shift.id] === 0)) return -1;
        const column = addColumn(fixedTo === s ? 1 : 0, 1, true);
        model.xColumns.push({ column, assignment: { employeeId: employee.id, day, shiftId: shift.id } });
        return column;
      }),
    );
  });
  // y[e][d] column or -1 when no shift is possible that day (then "works" is the constant 0).
  const y: number[][] = x.map((days) =>
    days.map((shifts) => {
      const worked = shifts.filter((column) => column >= 0);
      if (worked.length === 0) return -1;
      const column = addColumn(0, 1, false);
      model.derivedColumns.push({ column, xColumns: worked });
      // y − Σ x = 0; y ≤ 1 is "at most one shift a day".
      addRow(0, 0, [[column, 1], ...worked.map((c): [number, number] => [c, -1])]);
      return column;
    }),
  );

  instance.employees.forEach((employee, e) => {
    const ys = y[e];
    const allX = (predicate: (shiftIndex: number) => boolean, coefficient: (shiftIndex: number) => number): [number, number][] =>
      x[e].flatMap((shifts) => shifts.flatMap((column, s): [number, number][] => (column >= 0 && predicate(s) ? [[column, coefficient(s)]] : [])));

    // Forbidden successions, aggregated per shift of day d (valid because day d+1 has at most one shift).
    for (let day = 0; day + 1 < horizon; day++) {
      instance.shiftTypes.forEach((shift, s) => {
        const today = x[e][day][s];
        if (today < 0) return;
        const forbidden = shift.cannotFollow.map((id) => x[e][day + 1][shiftIndex.get(id)!]).filter((column) => column >= 0);
        if (forbidden.length > 0) addRow(-Infinity, 1, [[today, 1], ...forbidden.map((c): [number, number] => [c, 1])]);
      });
    }

    instance.shiftTypes.forEach((shift, s) => {
      const terms = allX((t) => t === s, () => 1);
      if (terms.length > employee.maxShifts[shift.id]) addRow(-Infinity, employee.maxShifts[shift.id], terms);
    });

    addRow(employee.minTotalMinutes, employee.maxTotalMinutes, allX(() => true, (s) => instance.shiftTypes[s].lengthMinutes));

    // Max consecutive working days K: every window of K+1 days has a day off.
    const maxRun = employee.maxConsecutiveShifts;
    for (let start = 0; start + maxRun < horizon; start++) {
      const window = worked(ys, start, start + maxRun);
      if (window.length > maxRun) addRow(-Infinity, maxRun, window.map((c) => [c, 1]));
    }

    // Min run patterns: forbid "off, L days on, off" for L < min, away from the horizon edges.
    for (let length = 1; length < employee.minConsecutiveShifts; length++) {
      for (let first = 1; first + length <= horizon - 1; first++) {
        const last = first + length - 1;
        const inside = worked(ys, first, last);
        if (inside.length < length) continue; // a day inside cannot be worked: the pattern is impossible
        const around = [ys[first - 1], ys[last + 1]].filter((c) => c >= 0);
        addRow(-Infinity, length - 1, [...inside.map((c): [number, number] => [c, 1]), ...around.map((c): [number, number] => [c, -1])]);
      }
    }
    // Min days-off patterns: forbid "on, L days off, on" for L < min, away from the edges.
    for (let length = 1; length < employee.minConsecutiveDaysOff; length++) {
      for (let first = 1; first + length <= horizon - 1; first++) {
        const last = first + length - 1;
        const before = ys[first - 1];
        const after = ys[last + 1];
        if (before < 0 || after < 0) continue; // a neighbour is always off: the pattern is impossible
        const inside = worked(ys, first, last);
        addRow(-Infinity, 1, [[before, 1], [after, 1], ...inside.map((c): [number, number] => [c, -1])]);
      }
    }

    // Weekends: w ≥ y(Sat), w ≥ y(Sun), Σ w ≤ max.
    const weekendColumns: number[] = [];
    for (let saturday = 5; saturday < horizon; saturday += 7) {
      const days = worked(ys, saturday, Math.min(saturday + 1, horizon - 1));
      if (days.length === 0) continue;
      const w = addColumn(0, 1, true);
      weekendColumns.push(w);
      model.derivedColumns.push({
        column: w,
        xColumns: [saturday, saturday + 1].filter((day) => day < horizon).flatMap((day) => x[e][day].filter((c) => c >= 0)),
      });
      for (const day of days) addRow(-Infinity, 0, [[day, 1], [w, -1]]);
    }
    addRow(-Infinity, employee.maxWeekends, weekendColumns.map((c) => [c, 1]));
  });

  // Requests: an on-request costs w·(1 − x), an off-request w·x.
  const employeeIndex = new Map(instance.employees.map((employee, index) => [employee.id, index]));
  const xOf = (employeeId: string, day: number, shiftId: string): number =>
    x[employeeIndex.get(employeeId)!][day][shiftIndex.get(shiftId)!];
  for (const request of instance.shiftOnRequests) {
    model.offset += request.weight;
    const column = xOf(request.employeeId, request.day, request.shiftId);
    if (column >= 0) model.colCost[column] -= request.weight;
  }
  for (const request of instance.shiftOffRequests) {
    const column = xOf(request.employeeId, request.day, request.shiftId);
    if (column >= 0) model.colCost[column] += request.weight;
  }

  // Cover: Σe x + under − over = requirement. A sub-problem's requirement, net of the
  // staff left out, can be negative: then every assignment is over cover.
  for (const cover of instance.cover) {
    const s = shiftIndex.get(cover.shiftId)!;
    const assigned = x.map((days) => days[cover.day][s]).filter((column) => column >= 0);
    const under = addColumn(0, Math.max(0, cover.requirement), false);
    const over = addColumn(0, Infinity, false);
    model.colCost[under] = cover.weightUnder;
    model.colCost[over] = cover.weightOver;
    model.coverLines.push({ xColumns: assigned, requirement: cover.requirement, weightUnder: cover.weightUnder, weightOver: cover.weightOver, under, over });
    addRow(cover.requirement, cover.requirement, [...assigned.map((c): [number, number] => [c, 1]), [under, 1], [over, -1]]);
  }
  return model;
}

/** y columns of the days first..last that can be worked at all. */
function worked(ys: number[], first: number, last: number): number[] {
  return ys.slice(first, last + 1).filter((column) => column >= 0);
}

/**
 * A full column vector for a rota given by its x columns (1 = worked): y and w follow
 * their x, cover slacks are tight. A MIP start, so HiGHS knows the incumbent's value.
 */
export function completeColumns(model: Pick<NrpMipModel, 'numCols' | 'coverLines' | 'derivedColumns'>, x: Float64Array): Float64Array {
  const values = Float64Array.from(x);
  for (const { column, xColumns } of model.derivedColumns) {
    let worked = 0;
    for (const c of xColumns) if (x[c] > 0.5) worked = 1;
    values[column] = worked;
  }
  for (const line of model.coverLines) {
    let assigned = 0;
    for (const c of line.xColumns) if (x[c] > 0.5) assigned++;
    values[line.under] = Math.max(0, line.requirement - assigned);
    values[line.over] = Math.max(0, assigned - line.requirement);
  }
  return values;
}

/** The rota a column vector describes (x above ½ counts as worked). */
export function assignmentsFromColumns(model: Pick<NrpMipModel, 'xColumns'>, values: ArrayLike<number>): NrpAssignment[] {
  return model.xColumns.filter(({ column }) => values[column] > 0.5).map(({ assignment }) => assignment);
}

/**
 * The objective of the rota a column vector describes, with every cover slack at
 * its least (|under − over| only). A MIP incumbent found before optimality can
 * carry both an under and an over on the same line, so HiGHS's own objective can
 * exceed what its rota is worth; this is the value of the same x with the slacks
 * made tight, itself a feasible point of the MIP.
 */
export function objectiveOfColumns(model: Pick<NrpMipModel, 'numCols' | 'xColumns' | 'colCost' | 'offset' | 'coverLines' | 'derivedColumns'>, values: ArrayLike<number>): number {
  const x = new Float64Array(model.numCols);
  for (const { column } of model.xColumns) x[column] = values[column] > 0.5 ? 1 : 0;
  // Only x and the cover slacks carry a cost; completeColumns makes the slacks tight.
  return completeColumns(model, x).reduce((sum, value, column) => sum + model.colCost[column] * value, model.offset);
}

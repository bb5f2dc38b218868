import loadHighs from 'highs';
import { CompiledModel, NONE } from '../compile';
import { RowPricer } from './row-pricing';

/** A column prices out when its reduced cost is below this. */
const REDUCED_COST_EPSILON = 1e-6;
/** An LP value this close to its bound is at it. */
const BOUND_TOLERANCE = 1e-6;
/** A column at or above this value in the LP counts as chosen. */
const WHOLE = 1 - 1e-6;
/** Below this, a dive cut short ends with its members' rows of largest value, with no MIP. */
const MIN_MIP_SECONDS = 0.2;
/**
 * Weight of the stability centre in the duals rows are priced at (Wentges smoothing). On
 * Instance18 (22 members × 84 days, 2-core AMD EPYC with a bare loop of 10⁹ additions
 * in 8.7 s), a whole dive from a 9 s annealing took 200 s with plain pricing (2383 LP
 * solves; dives with two or three members left re-priced 100–400 times for a fraction
 * of a unit), 64–132 s once the fixed members' other rows left the master, and 29–35 s
 * with smoothing at 0.8 as well (4467–4484; 4460–4478 without).
 */
const SMOOTHING = 0.8;

export interface ColumnDiveResult {
  /** One row per member (member-major, a need or NONE per day). */
  cells: Int32Array;
  /** Its objective (cell costs plus cover), as the master counts it. */
  objective: number;
  /** The master LP's value at the root: a lower bound when every row was priced. */
  rootBound: number;
  /**
   * Whether the dive fixed every member before its deadline (otherwise the others took
   * their rows from the master as a MIP, or their rows of largest LP value).
   */
  complete: boolean;
  /** The members the dive left free (its deadline, or `stopAtFree`). */
  unfixed: number[];
  columns: number;
}

export interface DiveOptions {
  /** When the MIP finishing a dive cut short must end. */
  deadline: number;
  /** When the dive itself must end (the deadline when unset). */
  diveDeadline?: number;
  /**
   * Draws the row to fix among the free members' rows in proportion to their LP values
   * (a number in [0, 1) per call) instead of taking the largest: repeated dives then
   * explore other rotas.
   */
  random?: () => number;
  /**
   * Days the rows may change (from, and the day after the last): the master covers
   * their needs alone and every row keeps the start's days outside them. Unset: all.
   */
  window?: { from: number; to: number; free?: Uint8Array };
  /** Weight of the stability centre in the pricing duals, in [0, 1): SMOOTHING unless set. */
  smoothing?: number;
  /**
   * Ends the dive once this many members or fewer are left free: they take their rows of
   * largest LP value, with no master MIP, and `unfixed` names them, for an exact
   * re-optimisation of their rows (Instance12: see solve-nrp.ts).
   */
  stopAtFree?: number;
  /**
   * When the root LP must have converged: a dive whose root ends later is given up (null),
   * being too slow to reach its end in time.
   */
  rootDeadline?: number;
  signal?: AbortSignal;
}

interface Column {
  member: number;
  row: Int32Array;
  /** Whether it is the member's row in the start rota. */
  start: boolean;
  /** Its cell costs on the days that may change. */
  cost: number;
}

/**
 * Column generation over whole rows, then a dive. The master chooses one row (column)
 * per member; each need's cover row counts the chosen rows working it, with a slack
 * below (the under-cover weight) and above (the over-cover weight), so its LP is the
 * benchmark's objective over convex combinations of rows. Rows are priced exactly by
 * `RowPricer` with the cover rows' duals, so the LP converges to the bound of the
 * whole-row formulation (at the root: Instance6 1949, its lower bound; Instance12 4040
 * and Instance18 4417 against best known 4040 and 4459).
 * Every rule of the benchmark is a member's own, so any choice of one priced row per
 * member is a valid rota: the dive fixes, one member at a time, the row the LP gives
 * most weight, re-prices, and ends with a whole rota. Week-end allocation and the trade
 * of shifts between members, which local neighbourhoods leave where they are, are what
 * the master decides globally.
 */
export async function columnGenerationDive(
  model: CompiledModel,
  start: Int32Array,
  options: DiveOptions,
): Promise<ColumnDiveResult | null> {
  const highs = await loadHighs();
  const hm = highs.createModel();
  try {
    return await generateAndDive(highs, hm, model, start, options);
  } finally {
    hm.dispose();
  }
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type HighsModel = ReturnType<Highs['createModel']>;

async function generateAndDive(
  highs: Highs,
  hm: HighsModel,
  model: CompiledModel,
  start: Int32Array,
  options: DiveOptions,
): Promise<ColumnDiveResult | null> {
  const E = model.members;
  const D = model.days;
  const first = options.window?.from ?? 0;
  const end = options.window?.to ?? D;
  const free = options.window?.free;
  /** Whether day d may change: in the window and, with a mask, free in it. */
  const changes = (d: number): boolean => d >= first && d < end && (!free || free[d] === 1);
  // The needs of the window's days, each a cover row of the master (E + its index).
  const needs: number[] = [];
  for (let d = first; d < end; d++)
    if (changes(d))
      for (let i = model.dayNeedStart[d]; i < model.dayNeedStart[d + 1]; i++)
        needs.push(model.dayNeeds[i]);
  const N = needs.length;
  const coverRow = new Int32Array(model.needs).fill(-1);
  needs.forEach((n, k) => (coverRow[n] = E + k));
  const pricer = new RowPricer(model);
  // No presolve: the master changes by a few columns between solves, and HiGHS starts
  // from its last basis (on Instance18 primal simplex took 2.3 s over the root's 78 solves,
  // dual simplex 8.9 s).
  hm.options.set({ output_flag: false, presolve: 'off', simplex_strategy: 4 });
  const rowLower = new Float64Array(E + N);
  const rowUpper = new Float64Array(E + N);
  rowLower.fill(1, 0, E);
  rowUpper.fill(1, 0, E);
  for (let k = 0; k < N; k++) rowLower[E + k] = rowUpper[E + k] = model.needRequirement[needs[k]];
  // Two slacks per need first (under, over), then the rows.
  const slackCost = new Float64Array(2 * N);
  const slackStarts = new Int32Array(2 * N + 1);
  const slackIndices = new Int32Array(2 * N);
  const slackValues = new Float64Array(2 * N);
  for (let k = 0; k < N; k++) {
    slackCost[2 * k] = model.needUnderWeight[needs[k]];
    slackCost[2 * k + 1] = model.needOverWeight[needs[k]];
    slackIndices[2 * k] = slackIndices[2 * k + 1] = E + k;
    slackValues[2 * k] = 1;
    slackValues[2 * k + 1] = -1;
    slackStarts[2 * k + 1] = 2 * k + 1;
    slackStarts[2 * k + 2] = 2 * k + 2;
  }
  hm.passModel({
    numCols: 2 * N,
    numRows: E + N,
    offset: 0,
    colCost: slackCost,
    colLower: new Float64Array(2 * N),
    colUpper: new Float64Array(2 * N).fill(highs.infinity),
    rowLower,
    rowUpper,
    matrix: {
      format: 'csc',
      numRows: E + N,
      numCols: 2 * N,
      starts: slackStarts,
      indices: slackIndices,
      values: slackValues,
    },
  });
  const columns: Column[] = [];
  const seen = new Set<string>();
  /** Cell costs of e's row on the days that may change (the master's), or its whole row. */
  const rowCost = (e: number, row: Int32Array, whole = false): number => {
    let cost = 0;
    for (let d = whole ? 0 : first; d < (whole ? D : end); d++) {
      if (!whole && !changes(d)) continue;
      const base = (e * D + d) * model.stride;
      cost += model.cellSoft[base + (row[d] === NONE ? 0 : model.needPos[row[d]] + 1)];
    }
    return cost;
  };
  const addColumn = (e: number, row: Int32Array, isStart = false): boolean => {
    const key = `${e}:${row.join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const indices = [e];
    for (let d = first; d < end; d++)
      if (row[d] !== NONE && changes(d)) indices.push(coverRow[row[d]]);
    const cost = rowCost(e, row);
    hm.addCol(cost, 0, highs.infinity, {
      indices,
      values: new Float64Array(indices.length).fill(1),
    });
    columns.push({ member: e, row: Int32Array.from(row), start: isStart, cost });
    return true;
  };
  for (let e = 0; e < E; e++) addColumn(e, start.subarray(e * D, (e + 1) * D), true);
  const offCost = Float64Array.from({ length: E }, (_, e) =>
    rowCost(e, new Int32Array(D).fill(NONE)),
  );

  const fixed = new Int32Array(E).fill(-1);
  const firstColumn = 2 * N;
  const price = new Float64Array(model.needs);
  const diveDeadline = options.diveDeadline ?? options.deadline;
  const stopped = (): boolean => Date.now() >= diveDeadline || !!options.signal?.aborted;
  let afterFix = false;
  /** Prices rows until none has a negative reduced cost (or time is up); the LP's value. */
  const converge = async (bound = -Infinity): Promise<number | null> => {
    // Wentges smoothing: rows are priced at duals between the LP's and the stability
    // centre's (the duals of the best Lagrangian bound so far), which damps the duals'
    // swings that make column generation tail off.
    let centre: Float64Array | null = null;
    let centreBound = -Infinity;
    let solve = true;
    let mispriced = false;
    let objective = 0;
    let dual: Float64Array = new Float64Array(0);
    const sep = new Float64Array(E + N);
    for (let iteration = 0; ; iteration++) {
      if (solve) {
        // Primal simplex after columns were added (the basis stays primal feasible), dual
        // simplex after the dive fixed a member (it stays dual feasible).
        hm.options.set({ simplex_strategy: iteration === 0 && afterFix ? 1 : 4 });
        hm.run();
        if (hm.getModelStatus() !== highs.constants.modelStatus.optimal) return null;
        // The fixed master's LP is no lower than the LP before the fix (its bound, when every
        // row priced exactly): when the rows held already reach it, it is optimal. On
        // Instance12 most fixes keep the LP at 4040 and skip their last pricing pass.
        objective = hm.info.get('objective_function_value') as number;
        if (objective <= bound + BOUND_TOLERANCE) return objective;
        dual = Float64Array.from(hm.getSolution().rowDual);
      }
      if (centreBound >= objective - BOUND_TOLERANCE) return objective;
      const alpha = centre && !mispriced ? (options.smoothing ?? SMOOTHING) : 0;
      for (let i = 0; i < E + N; i++) sep[i] = alpha * (centre?.[i] ?? 0) + (1 - alpha) * dual[i];
      let lagrangian = 0;
      for (let k = 0; k < N; k++) lagrangian += sep[E + k] * model.needRequirement[needs[k]];
      let added = 0;
      for (let e = 0; e < E; e++) {
        if (fixed[e] >= 0) {
          lagrangian += columns[fixed[e]].cost - coverPriceOf(columns[fixed[e]].row, sep);
          continue;
        }
        if (stopped()) {
          // Solved again so that the rows added since are part of the values read after.
          if (added > 0) hm.run();
          return null;
        }
        const c = e * D;
        for (let d = first; d < end; d++) {
          if (!changes(d)) continue;
          const base = (c + d) * model.stride;
          for (let i = model.allowedStart[c + d]; i < model.allowedStart[c + d + 1]; i++) {
            const n = model.allowedNeeds[i];
            price[n] =
              model.cellSoft[base + model.needPos[n] + 1] - model.cellSoft[base] - sep[coverRow[n]];
          }
        }
        const found = pricer.cheapest(
          e,
          price,
          options.window && { ...options.window, row: start.subarray(c, c + D) },
        );
        // The programme's own cost bounds the member's rows even when it refused its row.
        lagrangian += pricer.lastBound + offCost[e];
        if (!found) continue;
        // A row priced at the smoothed duals joins when it prices out at the LP's.
        const cost = rowCost(e, found.row);
        if (
          cost - coverPriceOf(found.row, dual) - dual[e] < -REDUCED_COST_EPSILON &&
          addColumn(e, found.row)
        )
          added++;
        // Lets progress and aborts through between members.
        if (e % 16 === 15) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (lagrangian > centreBound) {
        centreBound = lagrangian;
        centre = Float64Array.from(sep);
      }
      solve = added > 0;
      if (added === 0) {
        // Priced at the LP's own duals and nothing prices out: the LP is optimal.
        if (alpha === 0) return objective;
        mispriced = true;
        continue;
      }
      mispriced = false;
    }
  };
  /** The duals of the cover rows a row works, summed. */
  const coverPriceOf = (row: Int32Array, y: ArrayLike<number>): number => {
    let total = 0;
    for (let d = first; d < end; d++)
      if (row[d] !== NONE && changes(d)) total += y[coverRow[row[d]]];
    return total;
  };
  /**
   * Deletes the other columns of the fixed members: at zero for good, they only slow the
   * simplex down (Instance18's master held 8000 columns by the dive's end). Only nonbasic
   * ones, and the basis is put back without them: deleting a basic column lost HiGHS its
   * basis, and on Instance12 the solve after each fix then took 1000–4000 iterations
   * from scratch instead of a few hundred.
   */
  const dropOtherColumns = (basis: { colStatus: Int32Array; rowStatus: Int32Array }): void => {
    const basic = highs.constants.basisStatus.basic;
    const drop = new Uint8Array(firstColumn + columns.length);
    let dropped = 0;
    for (let j = 0; j < columns.length; j++) {
      const e = columns[j].member;
      if (fixed[e] >= 0 && fixed[e] !== j && basis.colStatus[firstColumn + j] !== basic) {
        drop[firstColumn + j] = 1;
        dropped++;
      }
    }
    if (dropped === 0) return;
    hm.deleteCols({ kind: 'mask', mask: drop });
    const kept: Column[] = [];
    const index = new Int32Array(columns.length);
    const colStatus: number[] = [];
    for (let j = 0; j < firstColumn; j++) colStatus.push(basis.colStatus[j]);
    for (let j = 0; j < columns.length; j++) {
      index[j] = kept.length;
      if (drop[firstColumn + j]) continue;
      kept.push(columns[j]);
      colStatus.push(basis.colStatus[firstColumn + j]);
    }
    for (let e = 0; e < E; e++) if (fixed[e] >= 0) fixed[e] = index[fixed[e]];
    columns.splice(0, columns.length, ...kept);
    hm.setBasis({ colStatus: Int32Array.from(colStatus), rowStatus: basis.rowStatus });
  };
  const rootBound = await converge();
  if (rootBound === null) return null;
  if (options.rootDeadline !== undefined && Date.now() > options.rootDeadline) return null;
  let lp = rootBound;
  let complete = true;
  for (;;) {
    const value = hm.getSolution().colValue;
    if (options.stopAtFree !== undefined && countFree(fixed) <= options.stopAtFree) {
      complete = false;
      break;
    }
    // Read before the fix changes bounds (HiGHS then has no basis to give until solved).
    const basis = hm.getBasis();
    // Members whose row the LP already chooses whole are fixed at once; otherwise the
    // unfixed member's row of largest value.
    let best = -1;
    const fixing = new Set<number>();
    for (let j = 0; j < columns.length; j++) {
      const e = columns[j].member;
      if (fixed[e] >= 0) continue;
      const v = value[firstColumn + j];
      if (v >= WHOLE) {
        fixed[e] = j;
        fixing.add(e);
      } else if (best < 0 || v > value[firstColumn + best]) best = j;
    }
    if (fixing.size === 0 && best >= 0) {
      if (options.random) {
        const drawn = drawByValue(columns, fixed, value, firstColumn, options.random);
        if (drawn >= 0) best = drawn;
      }
      fixed[columns[best].member] = best;
      fixing.add(columns[best].member);
    }
    for (let j = 0; j < columns.length; j++) {
      const e = columns[j].member;
      if (fixing.has(e))
        hm.changeColBounds(firstColumn + j, fixed[e] === j ? 1 : 0, fixed[e] === j ? 1 : 0);
    }
    if (countFree(fixed) === 0) break;
    dropOtherColumns(basis);
    afterFix = true;
    const after = await converge(lp);
    if (after === null) {
      complete = false;
      break;
    }
    lp = after;
  }
  // Members left unfixed (the dive's time ran out, or `stopAtFree`) take their rows of
  // largest LP value; when time ran out, the master as a MIP over the rows priced so far
  // (the fixed ones kept) then starts from them.
  const unfixed: number[] = [];
  if (!complete) {
    // The master may hold rows added since its last solve: then it has no solution to read.
    let value: ArrayLike<number> = [];
    try {
      value = hm.getSolution().colValue;
    } catch {
      // No LP values: the unfixed members keep their starting rows.
    }
    const weight = (j: number): number => value[firstColumn + j] ?? 0;
    for (let e = 0; e < E; e++) {
      if (fixed[e] >= 0) continue;
      unfixed.push(e);
      for (let j = 0; j < columns.length; j++)
        if (
          columns[j].member === e &&
          (fixed[e] < 0 ||
            weight(j) > weight(fixed[e]) ||
            (weight(j) === weight(fixed[e]) && columns[j].start))
        )
          fixed[e] = j;
    }
    const seconds = (options.deadline - Date.now()) / 1000;
    if (options.stopAtFree === undefined && seconds > MIN_MIP_SECONDS && !options.signal?.aborted) {
      let finished: Int32Array | null = null;
      try {
        finished = finishAsMip(hm, highs, model, needs, columns, fixed, firstColumn, seconds);
      } catch {
        // HiGHS failing here leaves the dive's own choice.
      }
      if (finished) for (const e of unfixed) fixed[e] = finished[e];
    }
  }
  const cells = new Int32Array(E * D);
  for (let e = 0; e < E; e++) cells.set(columns[fixed[e]].row, e * D);
  return {
    cells,
    objective: objectiveOf(model, cells, (e, row) => rowCost(e, row, true)),
    rootBound,
    complete,
    unfixed,
    columns: columns.length,
  };
}

function countFree(fixed: Int32Array): number {
  let free = 0;
  for (const j of fixed) if (j < 0) free++;
  return free;
}

/** Cell costs of every row plus each need's under- and over-cover. */
function objectiveOf(
  model: CompiledModel,
  cells: Int32Array,
  rowCost: (e: number, row: Int32Array) => number,
): number {
  const D = model.days;
  const cover = new Int32Array(model.needs);
  let total = 0;
  for (let e = 0; e < model.members; e++) {
    const row = cells.subarray(e * D, (e + 1) * D);
    total += rowCost(e, row);
    for (let d = 0; d < D; d++) if (row[d] !== NONE) cover[row[d]]++;
  }
  for (let n = 0; n < model.needs; n++) {
    const gap = cover[n] - model.needRequirement[n];
    total += gap < 0 ? -gap * model.needUnderWeight[n] : gap * model.needOverWeight[n];
  }
  return total;
}

/**
 * The master over the columns it holds as a MIP (the members `fixed` by the dive keep
 * their rows), from the choice `fixed` gives: each member's chosen column, or null when
 * HiGHS finds nothing within the time.
 */
function finishAsMip(
  hm: HighsModel,
  highs: Highs,
  model: CompiledModel,
  needs: number[],
  columns: Column[],
  fixed: Int32Array,
  firstColumn: number,
  seconds: number,
): Int32Array | null {
  const N = needs.length;
  hm.changeColsIntegrality(
    { kind: 'range', from: firstColumn, to: firstColumn + columns.length - 1 },
    new Int32Array(columns.length).fill(highs.constants.variableType.integer),
  );
  const start = new Float64Array(firstColumn + columns.length);
  const cover = new Int32Array(model.needs);
  for (let e = 0; e < fixed.length; e++) {
    start[firstColumn + fixed[e]] = 1;
    for (const n of columns[fixed[e]].row) if (n !== NONE) cover[n]++;
  }
  for (let k = 0; k < N; k++) {
    const n = needs[k];
    start[2 * k] = Math.max(0, model.needRequirement[n] - cover[n]);
    start[2 * k + 1] = Math.max(0, cover[n] - model.needRequirement[n]);
  }
  hm.options.set({ time_limit: seconds, mip_rel_gap: 0, presolve: 'choose', simplex_strategy: 1 });
  hm.setSolution({ colValue: start });
  hm.run();
  if (hm.info.get('primal_solution_status') !== highs.constants.solutionStatus.feasible)
    return null;
  const value = hm.getSolution().colValue;
  const chosen = new Int32Array(fixed.length).fill(-1);
  for (let j = 0; j < columns.length; j++)
    if (value[firstColumn + j] > 0.5) chosen[columns[j].member] = j;
  return chosen.every((j) => j >= 0) ? chosen : null;
}

/** A free member's column drawn with probability proportional to its LP value. */
function drawByValue(
  columns: Column[],
  fixed: Int32Array,
  value: ArrayLike<number>,
  firstColumn: number,
  random: () => number,
): number {
  let total = 0;
  for (let j = 0; j < columns.length; j++)
    if (fixed[columns[j].member] < 0) total += Math.max(0, value[firstColumn + j]);
  let pick = random() * total;
  let last = -1;
  for (let j = 0; j < columns.length; j++) {
    if (fixed[columns[j].member] >= 0 || value[firstColumn + j] <= 0) continue;
    last = j;
    pick -= value[firstColumn + j];
    if (pick < 0) return j;
  }
  return last;
}

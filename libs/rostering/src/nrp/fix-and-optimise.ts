import loadHighs from 'highs';
import { CompiledModel, NONE, needKey } from '../compile';
import { NrpMipModel, buildNrpMip } from './highs-nrp-model';
import { RowMipLimits, highsModelData, solveFromStart } from './highs-io';
import { NrpInstance } from './nrp-instance';
import { NRP_ROLE, nrpShiftId } from './nrp-to-problem';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/**
 * Fix-and-optimise on the whole benchmark MIP, loaded once into HiGHS: each call
 * fixes every cell outside a chosen set (member × day) to the current rota through
 * column bounds and lets HiGHS re-optimise the free cells exactly (presolve removes
 * the fixed part). Any set works: a few members over the horizon, or every member
 * over a window of days, whose rules cross the window's edges through the fixed cells.
 */
export class FixAndOptimise {
  private readonly xIndices: Int32Array;
  private readonly xCell: Int32Array;
  private readonly xNeed: Int32Array;
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  private readonly start: Float64Array;

  private constructor(
    private readonly highs: Highs,
    private readonly hm: ReturnType<Highs['createModel']>,
    private readonly model: CompiledModel,
    private readonly mip: NrpMipModel,
    xColumns: { column: number; cell: number; need: number }[],
  ) {
    this.start = new Float64Array(mip.numCols);
    this.xIndices = Int32Array.from(xColumns.map((x) => x.column));
    this.xCell = Int32Array.from(xColumns.map((x) => x.cell));
    this.xNeed = Int32Array.from(xColumns.map((x) => x.need));
    this.lower = new Float64Array(xColumns.length);
    this.upper = new Float64Array(xColumns.length);
  }

  static async load(instance: NrpInstance, model: CompiledModel): Promise<FixAndOptimise> {
    const highs = await loadHighs();
    const mip = buildNrpMip(instance);
    const hm = highs.createModel();
    hm.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 });
    hm.passModel(highsModelData(mip, highs.infinity));
    const employee = new Map(instance.employees.map((e, i) => [e.id, i]));
    const xColumns = mip.xColumns.map(({ column, assignment }) => ({
      column,
      cell: employee.get(assignment.employeeId)! * model.days + assignment.day,
      need: model.needOf.get(needKey(nrpShiftId(assignment.day, assignment.shiftId), NRP_ROLE))!,
    }));
    return new FixAndOptimise(highs, hm, model, mip, xColumns);
  }

  /**
   * Best values of the cells where `free[cell]` is 1, all others as in `cells`; null
   * when HiGHS finds no rota keeping every hard rule within its limits. The result
   * holds every cell (fixed ones unchanged); `proven` says HiGHS proved it optimal
   * for the neighbourhood (not cut by its limits). The current rota is HiGHS's start
   * (it must keep every hard rule), so it prunes against its value from the first node.
   */
  solve(
    cells: Int32Array,
    free: Uint8Array,
    limits: RowMipLimits,
  ): { cells: Int32Array; proven: boolean } | null {
    const n = this.xIndices.length;
    const x = this.start;
    x.fill(0);
    for (let i = 0; i < n; i++) {
      const cell = this.xCell[i];
      x[this.xIndices[i]] = cells[cell] === this.xNeed[i] ? 1 : 0;
      if (free[cell] === 1) {
        this.lower[i] = 0;
        this.upper[i] = 1;
      } else {
        const v = cells[cell] === this.xNeed[i] ? 1 : 0;
        this.lower[i] = v;
        this.upper[i] = v;
      }
    }
    const hm = this.hm;
    hm.changeColsBounds({ kind: 'set', indices: this.xIndices }, this.lower, this.upper);
    const solved = solveFromStart(this.highs, hm, this.mip, x, limits);
    if (!solved) return null;
    const { values, proven } = solved;
    const out = Int32Array.from(cells);
    for (let c = 0; c < out.length; c++) if (free[c] === 1) out[c] = NONE;
    for (let i = 0; i < n; i++)
      if (free[this.xCell[i]] === 1 && values[this.xIndices[i]] > 0.5)
        out[this.xCell[i]] = this.xNeed[i];
    return { cells: out, proven };
  }

  dispose(): void {
    this.hm.dispose();
  }
}

/**
 * The rows of `members` re-optimised by HiGHS over the whole MIP, every other row fixed,
 * from `cells` (which must keep every hard rule), until the deadline: `cells` itself
 * when HiGHS fails or finds nothing (its start is the rota given, so it never returns
 * a worse one).
 */
export async function reoptimiseRows(
  instance: NrpInstance,
  model: CompiledModel,
  cells: Int32Array,
  members: number[],
  options: { deadline: number; maxNodes: number; signal?: AbortSignal },
): Promise<Int32Array> {
  const seconds = (options.deadline - Date.now()) / 1000;
  if (seconds <= 0 || options.signal?.aborted) return cells;
  const free = new Uint8Array(cells.length);
  for (const e of members) free.fill(1, e * model.days, (e + 1) * model.days);
  const fo = await FixAndOptimise.load(instance, model);
  try {
    const solved = fo.solve(cells, free, { maxNodes: options.maxNodes, timeLimitSeconds: seconds });
    return solved?.cells ?? cells;
  } catch {
    // HiGHS failing leaves the rota as it was.
    return cells;
  } finally {
    fo.dispose();
  }
}

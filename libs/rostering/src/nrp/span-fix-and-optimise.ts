import loadHighs from 'highs';
import { CompiledModel, NONE, needKey } from '../compile';
import { FIXED_OFF, buildNrpMip } from './highs-nrp-model';
import { RowMipLimits, highsModelData, solveFromStart } from './highs-io';
import { NrpInstance } from './nrp-instance';
import { NRP_ROLE, nrpShiftId } from './nrp-to-problem';
import { ruleReach, spanAround, spanProblem } from './span-problem';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/**
 * Fix-and-optimise for instances whose whole MIP is too large to load (Instance24:
 * 1.7 M cells): each call builds the MIP of only the employees with a free cell, over
 * the whole weeks around the free days (span-problem.ts), the rest of the rota folded
 * into its limits, and solves it from the current rota. Same contract as
 * FixAndOptimise.solve.
 */
export class SpanFixAndOptimise {
  private readonly needAt: Int32Array;
  private readonly shiftOfNeed = new Map<number, number>();
  private readonly shiftIndex: Map<string, number>;
  private readonly reach: number;

  private constructor(
    private readonly highs: Highs,
    private readonly instance: NrpInstance,
    private readonly model: CompiledModel,
  ) {
    const S = instance.shiftTypes.length;
    this.needAt = new Int32Array(model.days * S).fill(NONE);
    for (let day = 0; day < model.days; day++)
      instance.shiftTypes.forEach((shift, s) => {
        const need = model.needOf.get(needKey(nrpShiftId(day, shift.id), NRP_ROLE));
        if (need === undefined) return;
        this.needAt[day * S + s] = need;
        this.shiftOfNeed.set(need, s);
      });
    this.shiftIndex = new Map(instance.shiftTypes.map((shift, s) => [shift.id, s]));
    this.reach = ruleReach(instance);
  }

  static async load(instance: NrpInstance, model: CompiledModel): Promise<SpanFixAndOptimise> {
    return new SpanFixAndOptimise(await loadHighs(), instance, model);
  }

  solve(
    cells: Int32Array,
    free: Uint8Array,
    limits: RowMipLimits,
  ): { cells: Int32Array; proven: boolean } | null {
    const E = this.model.members;
    const D = this.model.days;
    const S = this.instance.shiftTypes.length;
    const rota = new Int32Array(E * D);
    for (let c = 0; c < E * D; c++)
      rota[c] = cells[c] === NONE ? FIXED_OFF : this.shiftOfNeed.get(cells[c])!;
    const employees: number[] = [];
    let first = D;
    let last = -1;
    for (let e = 0; e < E; e++) {
      let any = false;
      for (let d = 0; d < D; d++)
        if (free[e * D + d] === 1) {
          any = true;
          first = Math.min(first, d);
          last = Math.max(last, d);
        }
      if (any) employees.push(e);
    }
    if (employees.length === 0) return { cells: Int32Array.from(cells), proven: true };
    const [spanFirst, spanLast] = spanAround(D, first, last, this.reach);
    const span = spanProblem(
      this.instance,
      rota,
      employees,
      spanFirst,
      spanLast,
      (e, d) => free[e * D + d] === 1,
    );
    const mip = buildNrpMip(span.instance, { fixed: span.fixed });
    const fullIndex = new Map(span.instance.employees.map((e, i) => [e.id, span.employees[i]]));
    const cellOf = (column: { employeeId: string; day: number }): number =>
      fullIndex.get(column.employeeId)! * D + spanFirst + column.day;
    const x = new Float64Array(mip.numCols);
    const xCells = mip.xColumns.map(({ column, assignment }) => {
      const cell = cellOf(assignment);
      const s = this.shiftIndex.get(assignment.shiftId)!;
      if (rota[cell] === s) x[column] = 1;
      return { column, cell, s, day: spanFirst + assignment.day };
    });
    const hm = this.highs.createModel(highsModelData(mip, this.highs.infinity));
    try {
      hm.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 });
      const solved = solveFromStart(this.highs, hm, mip, x, limits);
      if (!solved) return null;
      const { values, proven } = solved;
      const out = Int32Array.from(cells);
      for (let c = 0; c < out.length; c++) if (free[c] === 1) out[c] = NONE;
      for (const { column, cell, s, day } of xCells)
        if (free[cell] === 1 && values[column] > 0.5) out[cell] = this.needAt[day * S + s];
      return { cells: out, proven };
    } finally {
      hm.dispose();
    }
  }

  /** Each call's model is disposed when it returns: nothing is held between calls. */
  dispose(): void {
    return;
  }
}

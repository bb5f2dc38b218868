import type loadHighs from 'highs';
import type { ModelData } from 'highs';
import { NrpMipModel, completeColumns } from './highs-nrp-model';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type HighsModel = ReturnType<Highs['createModel']>;

export interface RowMipLimits {
  /** Branch-and-bound nodes: bounds the work by size, so a seed replays a run. */
  maxNodes: number;
  /** A safety net only; a run cut by it may not replay exactly. */
  timeLimitSeconds: number;
}

/** The MIP as HiGHS's model data, infinite bounds written as HiGHS's own infinity. */
export function highsModelData(mip: NrpMipModel, infinity: number): ModelData {
  const finite = (bound: number): number =>
    bound === Infinity ? infinity : bound === -Infinity ? -infinity : bound;
  return {
    numCols: mip.numCols,
    numRows: mip.numRows,
    offset: mip.offset,
    colCost: mip.colCost,
    colLower: mip.colLower.map(finite),
    colUpper: mip.colUpper.map(finite),
    rowLower: mip.rowLower.map(finite),
    rowUpper: mip.rowUpper.map(finite),
    integrality: Int32Array.from(mip.integrality),
    matrix: {
      format: 'csr',
      numRows: mip.numRows,
      numCols: mip.numCols,
      starts: mip.starts,
      indices: mip.indices,
      values: mip.values,
    },
  };
}

/**
 * Runs a loaded model from a start given by its x columns (y, w and cover slacks are
 * completed), under the limits: the column values and whether HiGHS proved them
 * optimal, or null when it found no feasible point.
 */
export function solveFromStart(
  highs: Highs,
  hm: HighsModel,
  mip: NrpMipModel,
  x: Float64Array,
  limits: RowMipLimits,
): { values: ArrayLike<number>; proven: boolean } | null {
  hm.options.set({ time_limit: limits.timeLimitSeconds, mip_max_nodes: limits.maxNodes });
  hm.setSolution({ colValue: completeColumns(mip, x) });
  hm.run();
  if (hm.info.get('primal_solution_status') !== highs.constants.solutionStatus.feasible)
    return null;
  return {
    values: hm.getSolution().colValue,
    proven: hm.getModelStatus() === highs.constants.modelStatus.optimal,
  };
}

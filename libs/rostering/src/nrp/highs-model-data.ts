import type { ModelData } from 'highs';
import { NrpMipModel } from './highs-nrp-model';

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

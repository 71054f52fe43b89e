/** gather: rows of a table by integer index (the embedding lookup); its gradient scatter-adds. */
import fc from 'fast-check';
import type { Tensor } from '../../tensor/tensor.ts';
import { checkIndices, gatherRowsKernel, scatterAddRowsKernel } from '../../tensor/layout.ts';
import { applyOp, simplePrimitive } from '../op.ts';
import { registerOp } from '../op-table.ts';
import { shapeArb, tensorArb } from '../fuzz/arbitraries.ts';
import { expectTensor } from './operand.ts';
import { describeArgument } from '../../describe.ts';

// Row i of the output is row indices[i] of the table, so the table's gradient adds row i
// of G into row indices[i]; an index used twice collects both rows.
const gatherOp = simplePrimitive<ArrayLike<number>>(
  'gather',
  ([table], indices) => gatherRowsKernel(table, indices),
  (g, { inputs: [table], attrs: indices }) => [scatterAddRowsKernel(g, indices, table.shape)],
);

/**
 * Rows `indices` of `table` ([rows, ...] → [indices.length, ...]); indices are not
 * differentiated. An Int32Array is used as it is (no copy), so it must not change before
 * backward(); other arrays are copied.
 */
export function gather(table: Tensor, indices: ArrayLike<number>): Tensor {
  expectTensor('gather', table, 'the table (first argument)');
  if (indices === null || typeof indices !== 'object' || typeof (indices as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`gather: the indices must be a list of row numbers (an array or Int32Array), got ${describeArgument(indices)}`);
  }
  // gatherRowsKernel checks the rank and the indices; other arrays are checked before the
  // conversion to Int32, which would truncate 1.5 to 1 and hide it. (Training passes Int32Arrays.)
  if (!(indices instanceof Int32Array) && table.rank >= 1) checkIndices('gather', indices, table.shape[0]);
  return applyOp(gatherOp, [table], indices instanceof Int32Array ? indices : Int32Array.from(indices));
}

registerOp({
  name: 'gather',
  family: 'gather',
  generate: fc
    .tuple(fc.integer({ min: 1, max: 5 }), shapeArb(0, 2))
    .chain(([rows, rest]) =>
      // More lookups than rows, so duplicate indices are common.
      fc.tuple(tensorArb([rows, ...rest]), fc.array(fc.integer({ min: 0, max: rows - 1 }), { minLength: 1, maxLength: 8 })),
    )
    .map(([table, indices]) => ({
      inputs: [table],
      run: ([t]) => gather(t, indices),
      code: ([t]) => `gather(${t}, [${indices.join(', ')}])`,
    })),
});

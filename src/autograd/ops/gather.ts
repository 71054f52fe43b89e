/** gather: rows of a table by integer index (the embedding lookup); its gradient scatter-adds. */
import type { Tensor } from '../../tensor/tensor.ts';
import { checkIndices, gatherRowsKernel, scatterAddRowsKernel } from '../../tensor/layout.ts';
import { defineOp } from '../define-op.ts';
import * as draw from '../input-spec.ts';
import { call } from '../graph-step.ts';
import { expectTensor } from './operand.ts';
import { describeArgument } from '../../describe.ts';
import { scatterAddRows } from '../adjoints.ts';
import { markTouchedRows } from '../touched-rows.ts';
import { markFreshGradient } from '../fresh-gradients.ts';

/** Rows of an [n, n] value in the graphs: a pattern from `extra` that often repeats a row. */
const rowsOf = (n: number, extra: number): number[] => Array.from({ length: n }, (_, i) => (extra + i * (extra % 3)) % n);

/**
 * Rows `indices` of `table` ([rows, ...] → [indices.length, ...]); indices are not
 * differentiated. An Int32Array is used as it is (no copy), so it must not change before
 * backward(); other arrays are copied.
 */
export const gather = defineOp({
  name: 'gather',
  family: 'gather',
  prepare: (table: Tensor, indices: ArrayLike<number>) => {
    expectTensor('gather', table, 'the table (first argument)');
    if (indices === null || typeof indices !== 'object' || typeof (indices as ArrayLike<number>).length !== 'number') {
      throw new TypeError(`gather: the indices must be a list of row numbers (an array or Int32Array), got ${describeArgument(indices)}`);
    }
    // gatherRowsKernel checks the rank and the indices; other arrays are checked before the
    // conversion to Int32, which would truncate 1.5 to 1 and hide it. (Training passes Int32Arrays.)
    if (!(indices instanceof Int32Array) && table.rank >= 1) checkIndices('gather', indices, table.shape[0]);
    return { inputs: [table], attrs: indices instanceof Int32Array ? indices : Int32Array.from(indices) };
  },
  forward: ([table], indices) => gatherRowsKernel(table, indices),
  // Row i of the output is row indices[i] of the table, so the table's gradient adds row i
  // of G into row indices[i]; an index used twice collects both rows. The gradient says
  // which rows it touched (touched-rows.ts), for SparseAdam, and is the table's alone (fresh-gradients.ts).
  backward: (g, { inputs: [table], attrs: indices }) => [markFreshGradient(markTouchedRows(scatterAddRowsKernel(g, indices, table.shape), indices))],
  jvp: ([dt], { attrs: indices }) => gatherRowsKernel(dt, indices),
  differentiableBackward: (g, { inputs: [table], attrs: indices }) => [scatterAddRows(g, indices, table.shape)],
  // More lookups than rows, so duplicate indices are common.
  arbitraryInputs: draw.chain(draw.tuple(draw.integer(1, 5), draw.shape(0, 2)), ([rows, rest]) =>
    draw.tuple(draw.tensor([rows, ...rest]), draw.array(draw.integer(0, rows - 1), 1, 8)),
  ),
  graphSteps: [{ arity: 1, expression: ([a], n, extra) => call('gather', a, rowsOf(n, extra)) }],
});

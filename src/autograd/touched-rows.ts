/**
 * The rows a gradient touched: gather's backward (an embedding lookup) marks the table's
 * gradient with the rows its indices named, and backward() carries the mark to a leaf's
 * `.grad` while every contribution to it is so marked (their union), dropping it where any
 * contribution is dense. `touchedRows(param.grad)` reads it: the rows SparseAdam updates
 * (torch gives such a gradient as a sparse tensor, Embedding(sparse=True)). The gradient
 * stays a dense tensor; the mark says which of its rows a lookup reached, whatever their
 * values (a touched row may hold zeros).
 */
import type { Tensor } from '../tensor/tensor.ts';

const marks = new WeakMap<Tensor, Int32Array>();

/** Marks `grad` with the rows `indices` name (sorted, unique); returns it. */
export function markTouchedRows(grad: Tensor, indices: Int32Array): Tensor {
  marks.set(grad, Int32Array.from(new Set(indices)).sort());
  return grad;
}

/** The rows of the table's first axis that `grad` touched (sorted, unique), or null for a dense gradient. */
export function touchedRows(grad: Tensor | null): Int32Array | null {
  return (grad !== null && marks.get(grad)) || null;
}

/** Gives `copy` (a copy of `grad`'s values) `grad`'s mark. */
export function keepTouchedRows(grad: Tensor, copy: Tensor): Tensor {
  const rows = marks.get(grad);
  if (rows !== undefined) marks.set(copy, rows);
  return copy;
}

/** Marks `sum` = a + b with the union of their rows where both are marked; else it is dense. */
export function sumTouchedRows(a: Tensor, b: Tensor, sum: Tensor): Tensor {
  const rowsA = marks.get(a);
  const rowsB = marks.get(b);
  if (rowsA === undefined || rowsB === undefined) {
    marks.delete(sum);
    return sum;
  }
  const union = new Int32Array(rowsA.length + rowsB.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < rowsA.length || j < rowsB.length) {
    const next = j >= rowsB.length || (i < rowsA.length && rowsA[i]! <= rowsB[j]!) ? rowsA[i]! : rowsB[j]!;
    if (i < rowsA.length && rowsA[i] === next) i++;
    if (j < rowsB.length && rowsB[j] === next) j++;
    union[n++] = next;
  }
  marks.set(sum, union.slice(0, n));
  return sum;
}

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

/**
 * A mark: the lookups' indices as given (copied; cheap), made sorted and unique only when
 * read, since every embedding lookup's backward marks its gradient but only SparseAdam reads.
 */
interface Mark {
  sources: readonly Int32Array[];
  rows: Int32Array | null;
}

const marks = new WeakMap<Tensor, Mark>();

/** Marks `grad` with the rows `indices` name; returns it. */
export function markTouchedRows(grad: Tensor, indices: Int32Array): Tensor {
  marks.set(grad, { sources: [indices.slice()], rows: null });
  return grad;
}

/** The rows of the table's first axis that `grad` touched (sorted, unique), or null for a dense gradient. */
export function touchedRows(grad: Tensor | null): Int32Array | null {
  const mark = grad === null ? undefined : marks.get(grad);
  if (mark === undefined) return null;
  if (mark.rows === null) mark.rows = sortedUnique(mark.sources);
  return mark.rows;
}

/**
 * The distinct values of `sources` (row numbers ≥ 0), ascending: a bit per row up to the
 * largest, then one pass over the words. O(lookups + rows/32); a Set and a sort took
 * ~0.8 ms a step for 20,000 lookups into 55,000 rows.
 */
function sortedUnique(sources: readonly Int32Array[]): Int32Array {
  let largest = -1;
  let total = 0;
  for (const source of sources) {
    total += source.length;
    for (let i = 0; i < source.length; i++) if (source[i]! > largest) largest = source[i]!;
  }
  const bits = new Uint32Array((largest >> 5) + 1);
  let distinct = 0;
  for (const source of sources) {
    for (let i = 0; i < source.length; i++) {
      const row = source[i]!;
      const bit = 1 << (row & 31);
      if ((bits[row >> 5]! & bit) === 0) {
        bits[row >> 5]! |= bit;
        distinct++;
      }
    }
  }
  const rows = new Int32Array(Math.min(distinct, total));
  for (let w = 0, o = 0; w < bits.length; w++) {
    for (let word = bits[w]!; word !== 0; word &= word - 1) rows[o++] = (w << 5) | (31 - Math.clz32(word & -word));
  }
  return rows;
}

/** Gives `copy` (a copy of `grad`'s values) `grad`'s mark. */
export function keepTouchedRows(grad: Tensor, copy: Tensor): Tensor {
  const rows = marks.get(grad);
  if (rows !== undefined) marks.set(copy, rows);
  return copy;
}

/** Marks `sum` = a + b with the union of their rows where both are marked; else it is dense. */
export function sumTouchedRows(a: Tensor, b: Tensor, sum: Tensor): Tensor {
  const markA = marks.get(a);
  const markB = marks.get(b);
  if (markA === undefined || markB === undefined) marks.delete(sum);
  else marks.set(sum, { sources: [...markA.sources, ...markB.sources], rows: null });
  return sum;
}

/**
 * The host side of the gpujs scatter-add: a stable counting sort of batch rows by table
 * row, so each table row's kernel thread can sum its own contiguous segment of rows, in
 * ascending batch order (the same order as the js loop, hence the same float32 sums).
 */
export interface SortedRows {
  /** Batch rows grouped by table row, ascending within each group (as floats, for gpu.js). */
  readonly order: Float32Array;
  /** Group r is order[start[r] .. start[r+1]); length rows + 1. */
  readonly start: Float32Array;
}

export function sortRowsByIndex(indices: Int32Array, rows: number, reuse: SortedRows | null = null): SortedRows {
  const order = reuse !== null && reuse.order.length === indices.length ? reuse.order : new Float32Array(indices.length);
  const start = reuse !== null && reuse.start.length === rows + 1 ? reuse.start : new Float32Array(rows + 1);
  start.fill(0);
  for (let i = 0; i < indices.length; i++) start[indices[i] + 1]++;
  for (let r = 0; r < rows; r++) start[r + 1] += start[r];
  // Fill each group from its start, in ascending batch order; `start` is restored after.
  for (let i = 0; i < indices.length; i++) order[start[indices[i]]++] = i;
  for (let r = rows; r > 0; r--) start[r] = start[r - 1];
  start[0] = 0;
  return { order, start };
}

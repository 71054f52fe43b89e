/**
 * The gpu.js kernel functions. gpu.js re-parses each one from its source text, so every
 * function here uses only its arguments, `this.thread`, `this.constants` and `Math`, and
 * every loop is bounded by a constant (a loop bounded by an argument stops silently at
 * `loopMaxIterations`, docs/gpujs.md pitfall 1) with an integer counter (a float counter does
 * not compile to WGSL, pitfall 9). Matrices arrive as `input(flat, [width, height])`, so
 * `a[row][col]` reads element row·width + col. One output cell per thread, output [n, m]:
 * thread.x is the column, thread.y the row.
 */

/** The view of `this` a kernel body sees. */
export interface KernelThis {
  readonly thread: { readonly x: number; readonly y: number };
  readonly constants: Readonly<Record<string, number>>;
}
type Matrix = readonly (readonly number[])[];
type Vector = readonly number[];

// C = A·B:   A [m×k] as input(A, [k, m]), B [k×n] as input(B, [n, k])
export function matmulNN(this: KernelThis, a: Matrix, b: Matrix): number {
  let sum = 0;
  for (let p = 0; p < this.constants.K; p++) sum += a[this.thread.y][p] * b[p][this.thread.x];
  return sum;
}
// C = Aᵀ·B:  A stored [k×m] as input(A, [m, k])
export function matmulTN(this: KernelThis, a: Matrix, b: Matrix): number {
  let sum = 0;
  for (let p = 0; p < this.constants.K; p++) sum += a[p][this.thread.y] * b[p][this.thread.x];
  return sum;
}
// C = A·Bᵀ:  B stored [n×k] as input(B, [k, n])
export function matmulNT(this: KernelThis, a: Matrix, b: Matrix): number {
  let sum = 0;
  for (let p = 0; p < this.constants.K; p++) sum += a[this.thread.y][p] * b[this.thread.x][p];
  return sum;
}
// C = Aᵀ·Bᵀ
export function matmulTT(this: KernelThis, a: Matrix, b: Matrix): number {
  let sum = 0;
  for (let p = 0; p < this.constants.K; p++) sum += a[p][this.thread.y] * b[this.thread.x][p];
  return sum;
}

/** act(x·w + bias): the dense layer's forward in one pass; RELU is 1 or 0. */
export function denseForward(this: KernelThis, x: Matrix, w: Matrix, bias: Vector): number {
  let sum = 0;
  for (let p = 0; p < this.constants.K; p++) sum += x[this.thread.y][p] * w[p][this.thread.x];
  sum = sum + bias[this.thread.x];
  if (this.constants.RELU === 1 && sum < 0) return 0;
  return sum;
}

/** out[i][c] = table[indices[i]][c], table as input(table, [W, rows]). */
export function gatherRows(this: KernelThis, table: Matrix, indices: Vector): number {
  return table[indices[this.thread.y]][this.thread.x];
}

/**
 * Scatter-add as a gather (a kernel writes only its own cell and has no atomics): the host
 * sorts the batch rows by index (a stable counting sort), so table row r sums the value
 * rows order[start[r]..start[r+1]) in ascending batch order. B, the batch size, bounds
 * the loop; `count` cuts it short.
 */
export function scatterAddSorted(this: KernelThis, values: Matrix, order: Vector, start: Vector): number {
  const first = start[this.thread.y];
  const count = start[this.thread.y + 1] - first;
  let sum = 0;
  for (let j = 0; j < this.constants.B; j++) {
    if (j >= count) break;
    sum += values[order[first + j]][this.thread.x];
  }
  return sum;
}

export const KERNEL_SOURCES = { matmulNN, matmulTN, matmulNT, matmulTT, denseForward, gatherRows, scatterAddSorted } as const;
export type KernelName = keyof typeof KERNEL_SOURCES;

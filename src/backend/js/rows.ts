/** The memory-bound kernels of the js backend, TypeScript loops only: row gather and row scatter-add. */
import type { FloatArray } from '../types.ts';

export function gatherRows(table: FloatArray, indices: Int32Array, width: number, out: FloatArray): void {
  for (let i = 0, o = 0; i < indices.length; i++) {
    const from = indices[i] * width;
    for (let j = 0; j < width; j++, o++) out[o] = table[from + j];
  }
}

export function scatterAddRows(values: FloatArray, indices: Int32Array, width: number, out: FloatArray): void {
  for (let i = 0; i < indices.length; i++) {
    const to = indices[i] * width;
    const from = i * width;
    for (let j = 0; j < width; j++) out[to + j] += values[from + j];
  }
}

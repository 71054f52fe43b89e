/** The memory-bound kernels of the js backend: row gather, row scatter-add, bias and ReLU. */
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

/**
 * out[r, j] = act(out[r, j] + bias[j]) in place over an [m×n] matrix. The sum is done in
 * float64 and rounded once, as if by a separate add then relu on float32 tensors.
 */
export function addBiasActivation(out: FloatArray, bias: FloatArray, m: number, n: number, relu: boolean): void {
  for (let r = 0, o = 0; r < m; r++) {
    for (let j = 0; j < n; j++, o++) {
      const z = out[o] + bias[j];
      // NaN passes through relu, as in the relu op and the gpujs kernel.
      out[o] = relu && z <= 0 ? 0 : z;
    }
  }
}

/**
 * The dense layer's backward from its parts, for backends (or calls) without a fused
 * kernel: with z = x·W + b, y = act(z), G = dL/dy (Goodfellow et al. 2016, §6.5.6):
 *   Gz = G ⊙ act'(z)   (ReLU: 1 where z > 0, i.e. y > 0; NaN where y is NaN; else 0)
 *   db = Σ_rows Gz,   dx = Gz·Wᵀ,   dw = xᵀ·Gz
 * The sums run in the same order as the unfused matmul → add → relu chain.
 *
 * With dropout after the activation (out = y ⊙ M, M = 0 or s = 1/(1 − rate) ≥ 1), the layer
 * sees G ⊙ M first, as dropout's backward gives it, and act'(z) is read off out instead
 * of y: where M = s, out > 0 exactly when y > 0 (and NaN when y is); where M = 0, G ⊙ M is
 * ±0 (or NaN for a non-finite G) and stays so times 0 or 1. The one difference from the
 * unfused chain: a ReLU output of +∞ that dropout zeroes gives out = ∞·0 = NaN, so Gz is
 * NaN there instead of ±0 — in a forward whose output is already NaN.
 */
import type { FloatArray, KernelBackend } from './types.ts';

/**
 * gz = g·[y > 0], written as the product the unfused relu backward computes (same signed
 * zeros), and db[j] += Σ_r gz[r, j] over rows in ascending order (as reduceToShape sums a
 * bias gradient), in one pass. y = relu(z) is NaN exactly where z was, and the gradient
 * stays NaN there, as for the relu op.
 */
export function reluGradientAndColumnSums(g: FloatArray, y: FloatArray, gz: FloatArray, db: FloatArray, m: number, n: number): void {
  for (let r = 0, o = 0; r < m; r++) {
    for (let j = 0; j < n; j++, o++) {
      const yo = y[o];
      const v = g[o] * (yo > 0 ? 1 : yo !== yo ? NaN : 0);
      gz[o] = v;
      db[j] += v;
    }
  }
}

/** db[j] += Σ_r g[r, j], rows in ascending order. */
export function columnSums(g: FloatArray, m: number, n: number, db: FloatArray): void {
  for (let r = 0, o = 0; r < m; r++) for (let j = 0; j < n; j++, o++) db[j] += g[o];
}

/** out[i] ← out[i]·mask[i] (dropout after a dense layer's forward), rounded once per cell. */
export function multiplyInPlace(out: FloatArray, mask: FloatArray): void {
  for (let i = 0; i < out.length; i++) out[i] = out[i] * mask[i];
}

/** KernelBackend.denseBackward as a pass over g and two of `backend`'s matmuls; `scratch` holds gz. */
export function denseBackwardByParts(
  backend: Pick<KernelBackend, 'matmul'>,
  scratch: (like: FloatArray, length: number) => FloatArray,
  x: FloatArray, w: FloatArray, g: FloatArray, y: FloatArray, dx: FloatArray, dw: FloatArray, db: FloatArray,
  m: number, k: number, n: number, relu: boolean, dropoutMask?: FloatArray,
): void {
  db.fill(0);
  let gz = g;
  if (relu || dropoutMask !== undefined) gz = scratch(g, m * n);
  if (dropoutMask !== undefined) for (let i = 0; i < gz.length; i++) gz[i] = g[i] * dropoutMask[i];
  if (relu) reluGradientAndColumnSums(dropoutMask !== undefined ? gz : g, y, gz, db, m, n);
  else columnSums(gz, m, n, db);
  backend.matmul(gz, w, dx, m, n, k, false, true);
  backend.matmul(x, gz, dw, k, m, n, true, false);
}

/** A scratch array per element type, grown as needed and kept across calls. */
export function scratchArrays(): (like: FloatArray, length: number) => FloatArray {
  let f32 = new Float32Array(0);
  let f64 = new Float64Array(0);
  return (like, length) => {
    if (like instanceof Float64Array) {
      if (f64.length < length) f64 = new Float64Array(length);
      return f64.subarray(0, length);
    }
    if (f32.length < length) f32 = new Float32Array(length);
    return f32.subarray(0, length);
  };
}

/**
 * Keras's gradient clipping options (docs/optimizers.md §1 step 1, pitfall 9), as pure functions that
 * write into an output array. `out` may be the gradient's own scratch copy; the caller's
 * gradient is never written.
 */
import type { FloatArray } from './types.ts';

/** Σ x², the squared L2 norm of one tensor. */
export function sumOfSquares(x: FloatArray): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]! * x[i]!;
  return sum;
}

/** out = clamp(g, −c, c). */
export function clipByValue(g: FloatArray, c: number, out: FloatArray): void {
  for (let i = 0; i < g.length; i++) out[i] = Math.min(Math.max(g[i]!, -c), c);
}

/**
 * out = g·c / max(‖g‖, c), per tensor. Safe at ‖g‖ = 0 (then out = g). Keras's
 * `clip_by_norm` multiplies by c before dividing, and so does this.
 */
export function clipByNorm(g: FloatArray, c: number, out: FloatArray): void {
  const norm = Math.sqrt(sumOfSquares(g));
  const divisor = Math.max(norm, c);
  for (let i = 0; i < g.length; i++) out[i] = (g[i]! * c) / divisor;
}

/**
 * The factor that clips all gradients together to a global norm c:
 * s = c·min(1/N, 1/c) with N = √(Σ over tensors of Σ g²). It is 1 (up to the rounding of
 * c·(1/c)) when N ≤ c, including N = 0, and NaN when N is not finite, as in Keras's
 * `clip_by_global_norm`.
 */
export function globalClipScale(globalNorm: number, c: number): number {
  return c * Math.min(1 / globalNorm, 1 / c) + (globalNorm - globalNorm);
}

/** out = g·s. */
export function scaleInto(g: FloatArray, s: number, out: FloatArray): void {
  for (let i = 0; i < g.length; i++) out[i] = g[i]! * s;
}

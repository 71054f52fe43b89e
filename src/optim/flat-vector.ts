/**
 * A vector over all parameters, as L-BFGS sees them: one array per parameter, in
 * parameter order, read as their concatenation (torch's flat view). Sums run over the
 * concatenation in order.
 */
import type { FloatArray } from './types.ts';
import { allocateLike } from './types.ts';

export type FlatVector = readonly FloatArray[];

export function dot(a: FlatVector, b: FlatVector): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    for (let i = 0; i < x.length; i++) sum += x[i]! * y[i]!;
  }
  return sum;
}

/** max |a_i| (0 for an empty vector). */
export function absMax(a: FlatVector, scale = 1): number {
  let max = 0;
  for (const x of a) for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]! * scale));
  return max;
}

export function absSum(a: FlatVector): number {
  let sum = 0;
  for (const x of a) for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]!);
  return sum;
}

/** target ← target + alpha·x (torch's add_(x, alpha)). */
export function addScaled(target: FlatVector, alpha: number, x: FlatVector): void {
  for (let k = 0; k < target.length; k++) {
    const t = target[k]!;
    const y = x[k]!;
    for (let i = 0; i < t.length; i++) t[i] = t[i]! + alpha * y[i]!;
  }
}

/** out ← a·s. */
export function scaleInto(out: FlatVector, a: FlatVector, s: number): void {
  for (let k = 0; k < out.length; k++) {
    const o = out[k]!;
    const x = a[k]!;
    for (let i = 0; i < o.length; i++) o[i] = x[i]! * s;
  }
}

/** out ← a − b. */
export function subtractInto(out: FlatVector, a: FlatVector, b: FlatVector): void {
  for (let k = 0; k < out.length; k++) {
    const o = out[k]!;
    const x = a[k]!;
    const y = b[k]!;
    for (let i = 0; i < o.length; i++) o[i] = x[i]! - y[i]!;
  }
}

export function copyInto(out: FlatVector, a: FlatVector): void {
  for (let k = 0; k < out.length; k++) out[k]!.set(a[k]!);
}

/** A fresh copy, each array of its own parameter's type. */
export function cloneVector(a: FlatVector): FloatArray[] {
  return a.map((x) => {
    const copy = allocateLike(x, x.length);
    copy.set(x);
    return copy;
  });
}

/** Row `j` of each parameter's [rows, n] history array, as one vector. */
export function historyRow(history: FlatVector, sizes: readonly number[], j: number): FloatArray[] {
  return history.map((h, k) => h.subarray(j * sizes[k]!, (j + 1) * sizes[k]!));
}

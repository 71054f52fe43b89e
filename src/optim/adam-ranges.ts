/**
 * Adam's loops over a range of one parameter (Kingma & Ba 2015, Algorithm 1, in the Keras
 * and PyTorch forms of docs/optimizers.md §2–3), and the scalars of one step they read. Both
 * adamUpdate (adam.ts) and the js backend's fused Adam run these very functions, so the
 * two cannot drift apart; elements are independent, so splitting a parameter into ranges
 * across threads never changes a bit.
 *
 * This file imports nothing, so src/backend, which otherwise imports nothing above it,
 * may import this one file: the js backend's threads (backend/js/kernels/adam.ts) run it,
 * and its step types (this one's and SparseAdam's) are what the backend's kernels take.
 */

type Floats = Float32Array | Float64Array;

/** The scalars of step t, as adam.ts's adamStep computes them from the hyperparameters. */
export interface AdamStep {
  /** 'keras': p ← p − α_t·m/(√v + ε); 'torch': p ← p + (−stepSize·m)/(√v/√(1 − β2^t) + ε). */
  readonly form: 'keras' | 'torch';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** α_t = lr·√(1 − β2^t)/(1 − β1^t). */
  readonly alpha: number;
  /** lr/(1 − β1^t). */
  readonly stepSize: number;
  /** √(1 − β2^t). */
  readonly sqrtBiasCorrection2: number;
}

/** The scalars of one SparseAdam step (sparseadam.ts's sparseAdamStep), which the backend's fused SparseAdam reads too. */
export interface SparseAdamStep {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** lr·√(1 − β2^t)/(1 − β1^t). */
  readonly stepSize: number;
}

/** m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², p ← p − α·m/(√v + ε), for i in [from, to). */
export function adamKerasRange(p: Floats, g: Floats, m: Floats, v: Floats, beta1: number, beta2: number, epsilon: number, alpha: number, from: number, to: number): void {
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  for (let i = from; i < to; i++) {
    const gi = g[i]!;
    m[i] = m[i]! * beta1 + oneMinusBeta1 * gi;
    v[i] = v[i]! * beta2 + oneMinusBeta2 * gi * gi;
    p[i] = p[i]! - (m[i]! * alpha) / (Math.sqrt(v[i]!) + epsilon);
  }
}

/** The moments as above, then p ← p + (−stepSize·m)/(√v/√(1 − β2^t) + ε), for i in [from, to). */
export function adamTorchRange(p: Floats, g: Floats, m: Floats, v: Floats, beta1: number, beta2: number, epsilon: number, stepSize: number, sqrtBiasCorrection2: number, from: number, to: number): void {
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  for (let i = from; i < to; i++) {
    const gi = g[i]!;
    m[i] = m[i]! * beta1 + oneMinusBeta1 * gi;
    v[i] = v[i]! * beta2 + oneMinusBeta2 * gi * gi;
    p[i] = p[i]! + (-stepSize * m[i]!) / (Math.sqrt(v[i]!) / sqrtBiasCorrection2 + epsilon);
  }
}

/**
 * Adam's update over a range of one parameter, for the js backend to split across its
 * threads: the arithmetic of src/optim/adam.ts (Kingma & Ba 2015, Algorithm 1, in the
 * Keras and PyTorch forms of OPTIMIZERS.md §2–3), operation for operation, so a split
 * update gives the rule's bits (a test compares them). Elements are independent, so which
 * thread updates which range never changes a bit.
 *
 * Both functions are self-contained (no imports, no outer names): the worker pool ships
 * their source text to its threads.
 */
import type { FloatArray as Floats } from '../types.ts';

/** m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², p ← p − α·m/(√v + ε), for i in [from, to). */
export function adamKerasRange(p: Floats, g: Floats, m: Floats, v: Floats, beta1: number, beta2: number, epsilon: number, alpha: number, from: number, to: number): void {
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  for (let i = from; i < to; i++) {
    const gi = g[i];
    m[i] = m[i] * beta1 + oneMinusBeta1 * gi;
    v[i] = v[i] * beta2 + oneMinusBeta2 * gi * gi;
    p[i] = p[i] - (m[i] * alpha) / (Math.sqrt(v[i]) + epsilon);
  }
}

/** The moments as above, then p ← p + (−stepSize·m)/(√v/√(1 − β2^t) + ε), for i in [from, to). */
export function adamTorchRange(p: Floats, g: Floats, m: Floats, v: Floats, beta1: number, beta2: number, epsilon: number, stepSize: number, sqrtBiasCorrection2: number, from: number, to: number): void {
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  for (let i = from; i < to; i++) {
    const gi = g[i];
    m[i] = m[i] * beta1 + oneMinusBeta1 * gi;
    v[i] = v[i] * beta2 + oneMinusBeta2 * gi * gi;
    p[i] = p[i] + (-stepSize * m[i]) / (Math.sqrt(v[i]) / sqrtBiasCorrection2 + epsilon);
  }
}

/**
 * LAMB (You et al. 2020, "Large Batch Optimization for Deep Learning: Training BERT in 76
 * Minutes", Algorithm 2) as Keras 3 implements it (keras/src/optimizers/lamb.py): Adam's
 * direction, rescaled per parameter by a trust ratio. One parameter, in place. Keras
 * convention only (torch.optim has no LAMB).
 *
 *   m ← m + (g − m)·(1 − β1)
 *   v ← v + (g² − v)·(1 − β2)
 *   u = (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε)      (ε after the bias correction,
 *                                                        unlike Keras's Adam)
 *   r = ‖p‖ / ‖u‖ if ‖p‖ > 0 and ‖u‖ > 0, else 1        (‖·‖ over the whole parameter;
 *                                                        p after Keras's weight decay)
 *   p ← p − (r·lr)·u
 *
 * The rule allocates nothing: a first pass updates m and v and sums p² and u², a second
 * recomputes u from the same m and v (the same bits) and moves p.
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts';
import { defineOptimizer, likeParameter } from './spec.ts';
import { HALF_OPEN_UNIT, NON_NEGATIVE } from './option-ranges.ts';

export type LambHyperparameters = Pick<Hyperparameters, 'learningRate' | 'beta1' | 'beta2' | 'epsilon'>;

export type LambState = {
  /** First moment (Keras's `momentum`). */
  readonly m: FloatArray;
  /** Second moment (Keras's `velocity`), uncorrected. */
  readonly v: FloatArray;
};

/** The trust ratio ‖p‖/‖u‖, or 1 where either norm is 0 (Keras's `ratio`). */
export function lambTrustRatio(parameterNorm: number, updateNorm: number): number {
  return parameterNorm > 0 && updateNorm > 0 ? parameterNorm / updateNorm : 1;
}

export function lambUpdate(p: FloatArray, g: FloatArray, state: LambState, hp: LambHyperparameters, t: number): void {
  const { m, v } = state;
  const { beta1, beta2, epsilon, learningRate } = hp;
  const biasCorrection1 = 1 - pow(beta1, t);
  const biasCorrection2 = 1 - pow(beta2, t);
  const direction = (i: number): number => m[i]! / biasCorrection1 / (Math.sqrt(v[i]! / biasCorrection2) + epsilon);
  let parameterSquares = 0;
  let updateSquares = 0;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    m[i] = m[i]! + (gi - m[i]!) * (1 - beta1);
    v[i] = v[i]! + (gi * gi - v[i]!) * (1 - beta2);
    const u = direction(i);
    parameterSquares += p[i]! * p[i]!;
    updateSquares += u * u;
  }
  const step = lambTrustRatio(Math.sqrt(parameterSquares), Math.sqrt(updateSquares)) * learningRate;
  for (let i = 0; i < p.length; i++) p[i] = p[i]! - step * direction(i);
}

export const lamb = defineOptimizer({
  name: 'lamb',
  displayName: 'LAMB',
  citation: 'You et al. 2020, "Large Batch Optimization for Deep Learning: Training BERT in 76 Minutes"',
  defaults: {
    keras: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  },
  ranges: { beta1: HALF_OPEN_UNIT, beta2: HALF_OPEN_UNIT, epsilon: NON_NEGATIVE },
  stateShapes: likeParameter(() => ['m', 'v']),
  update: (p, g, state: LambState, hp, { t }) => lambUpdate(p, g, state, hp, t),
});

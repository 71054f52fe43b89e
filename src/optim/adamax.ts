/**
 * Adamax (Kingma & Ba 2015, §7.1: Adam with the infinity norm), one parameter, in place.
 *
 *   m ← β1·m + (1 − β1)·g
 * Keras, docs/optimizers.md §2:
 *   u ← max(β2·u, |g|)
 *   p ← p − lr·m / ((1 − β1^t)·(u + ε))
 * torch (`epsilonInMax`), docs/optimizers.md §3:
 *   u ← max(β2·u, |g| + ε)
 *   p ← p − (lr / (1 − β1^t))·m / u
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts';
import { defineOptimizer, likeParameter } from './spec.ts';
import { HALF_OPEN_UNIT, NON_NEGATIVE } from './option-ranges.ts';

export type AdamaxHyperparameters = Pick<Hyperparameters, 'learningRate' | 'beta1' | 'beta2' | 'epsilon' | 'epsilonInMax'>;

export type AdamaxState = {
  /** First moment. */
  readonly m: FloatArray;
  /** Exponentially weighted infinity norm of the gradients. */
  readonly u: FloatArray;
};

export function adamaxUpdate(p: FloatArray, g: FloatArray, state: AdamaxState, hp: AdamaxHyperparameters, t: number): void {
  const { m, u } = state;
  const { beta1, beta2, epsilon, learningRate } = hp;
  const biasCorrection = 1 - pow(beta1, t); // src/libm's pow: the same bits on every engine
  const stepSize = learningRate / biasCorrection;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    m[i] = m[i]! * beta1 + (1 - beta1) * gi;
    if (hp.epsilonInMax) {
      u[i] = Math.max(u[i]! * beta2, Math.abs(gi) + epsilon);
      p[i] = p[i]! + (-stepSize * m[i]!) / u[i]!;
    } else {
      u[i] = Math.max(u[i]! * beta2, Math.abs(gi));
      p[i] = p[i]! - (learningRate * m[i]!) / (biasCorrection * (u[i]! + epsilon));
    }
  }
}

export const adamax = defineOptimizer({
  name: 'adamax',
  displayName: 'Adamax',
  citation: 'Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization", §7.1',
  defaults: {
    keras: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    torch: { learningRate: 2e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 },
  },
  ranges: { beta1: HALF_OPEN_UNIT, beta2: HALF_OPEN_UNIT, epsilon: NON_NEGATIVE },
  stateShapes: likeParameter(() => ['m', 'u']),
  update: (p, g, state: AdamaxState, hp, { t }) => adamaxUpdate(p, g, state, hp, t),
});

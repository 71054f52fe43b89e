/**
 * Adagrad (Duchi, Hazan & Singer 2011, the diagonal form), one parameter, in place. The
 * accumulator starts at `initialAccumulatorValue` (Keras 0.1, torch 0) and only grows.
 *
 *   s ← s + g²
 *
 * Keras (`epsilonInsideSqrt`), keras/src/optimizers/adagrad.py:
 *   p ← p − lr·g / √(s + ε)
 *
 * torch, torch.optim.Adagrad; lr decays with the step count:
 *   lr_t = lr / (1 + (t − 1)·lrDecay)
 *   p ← p − lr_t·g / (√s + ε)
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { defineOptimizer, likeParameter } from './spec.ts';
import { NON_NEGATIVE } from './option-ranges.ts';

export type AdagradHyperparameters = Pick<Hyperparameters, 'learningRate' | 'lrDecay' | 'initialAccumulatorValue' | 'epsilon' | 'epsilonInsideSqrt'>;

export type AdagradState = {
  /** s, the sum of squared gradients: Keras's `accumulator`, torch's `sum`. */
  readonly accumulator: FloatArray;
};

export function adagradUpdate(p: FloatArray, g: FloatArray, state: AdagradState, hp: AdagradHyperparameters, t: number): void {
  const { accumulator: s } = state;
  const { epsilon } = hp;
  if (t === 1) s.fill(hp.initialAccumulatorValue);
  const learningRate = hp.learningRate / (1 + (t - 1) * hp.lrDecay);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    s[i] = s[i]! + gi * gi;
    if (hp.epsilonInsideSqrt) p[i] = p[i]! - (learningRate * gi) / Math.sqrt(s[i]! + epsilon);
    else p[i] = p[i]! + (-learningRate * gi) / (Math.sqrt(s[i]!) + epsilon);
  }
}

export const adagrad = defineOptimizer({
  name: 'adagrad',
  displayName: 'Adagrad',
  citation: 'Duchi, Hazan & Singer 2011, "Adaptive Subgradient Methods for Online Learning and Stochastic Optimization"',
  defaults: {
    keras: { learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 },
    torch: { learningRate: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, epsilon: 1e-10 },
  },
  ranges: { lrDecay: NON_NEGATIVE, initialAccumulatorValue: NON_NEGATIVE, epsilon: NON_NEGATIVE },
  stateShapes: likeParameter(() => ['accumulator']),
  update: (p, g, state: AdagradState, hp, { t }) => adagradUpdate(p, g, state, hp, t),
});

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2),
 * one parameter, in place. Both conventions share this rule:
 *
 *   c ← β1·m + (1 − β1)·g          (the update's argument, not stored)
 *   p ← p − lr·sign(c)             (sign(0) = 0: such an element stays put)
 *   m ← β2·m + (1 − β2)·g
 *
 * They differ in weight decay and defaults. Keras 3 (keras/src/optimizers/lion.py) has
 * its generic decoupled decay p ← p − p·wd·lr before the update, lr 1e-3, and refuses
 * β1 = 0 (Lion would be signSGD). The authors' PyTorch reference (google/automl,
 * lion/lion_pytorch.py), which the torch convention follows, decays p ← p·(1 − lr·λ)
 * before the sign step, lr 1e-4, β1 and β2 in [0, 1). Without weight decay every element
 * whose c ≠ 0 moves by exactly lr (docs/optimizers.md, "Lion").
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { defineOptimizer, likeParameter } from './spec.ts';
import { UNIT } from './option-ranges.ts';

export type LionHyperparameters = Pick<Hyperparameters, 'learningRate' | 'beta1' | 'beta2'>;

export type LionState = {
  /** The momentum: an average of g with rate β2 (Keras's `momentum`, torch's `exp_avg`). */
  readonly m: FloatArray;
};

export function lionUpdate(p: FloatArray, g: FloatArray, state: LionState, hp: LionHyperparameters): void {
  const { m } = state;
  const { beta1, beta2, learningRate } = hp;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const c = m[i]! * beta1 + gi * (1 - beta1);
    p[i] = p[i]! - learningRate * Math.sign(c);
    m[i] = m[i]! * beta2 + gi * (1 - beta2);
  }
}

export const lion = defineOptimizer({
  name: 'lion',
  displayName: 'Lion',
  citation: 'Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"',
  defaults: {
    keras: { learningRate: 0.001, beta1: 0.9, beta2: 0.99 },
    torch: { learningRate: 1e-4, beta1: 0.9, beta2: 0.99, weightDecay: 0 },
  },
  ranges: { beta1: UNIT, beta2: UNIT },
  torchWeightDecay: 'decoupled',
  stateShapes: likeParameter(() => ['m']),
  update: (p, g, state: LionState, hp) => lionUpdate(p, g, state, hp),
  // Keras checks only β1, in (0, 1]; the reference checks both betas, in [0, 1).
  checkOptions: (options, convention) => {
    const { beta1, beta2 } = options as { beta1: number; beta2: number };
    if (convention === 'keras' && beta1 === 0) return 'beta1 must be in (0, 1] (Keras refuses 0: Lion would degenerate to signSGD), got 0';
    if (convention === 'torch' && beta1 === 1) return 'beta1 must be in [0, 1), got 1';
    if (convention === 'torch' && beta2 === 1) return 'beta2 must be in [0, 1), got 1';
    return undefined;
  },
});

/**
 * FTRL-Proximal (McMahan et al. 2013, "Ad Click Prediction: a View from the Trenches",
 * Algorithm 1) as Keras 3 implements it (keras/src/optimizers/ftrl.py), with its two L2
 * terms. One parameter, in place. Keras convention only (torch.optim has no FTRL).
 *
 * With lrp = learningRatePower (≤ 0), λ1, λ2 and λ2s the three regularisation strengths:
 *
 *   step 1 only: n ← initialAccumulatorValue     (Keras's initializer; seedgrad's state
 *                                                 starts at zero, so the rule fills it)
 *   λ2' = λ2 + β/(2·lr)                          (the paper's β folded into the L2 term)
 *   g'  = g + (2·λ2s)·p                          (shrinkage: the gradient of λ2s·p²)
 *   n'  = n + g²                                 (the raw g, not g')
 *   σ   = (n'^(−lrp) − n^(−lrp)) / lr
 *   z  ← z + g' − σ·p
 *   p  ← (clip(z, −λ1, λ1) − z) / (n'^(−lrp)/lr + 2·λ2')
 *   n  ← n'
 *
 * which is the paper's p = −(z − sgn(z)·λ1)/((β + √n)/α + λ2) for |z| > λ1 and 0
 * otherwise, at lrp = −½, with α = lr and the L2 term doubled as Keras writes it. The new
 * p does not depend on the old one except through z: FTRL's "parameter" is a function of
 * its two accumulators.
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts';
import { defineOptimizer, likeParameter } from './spec.ts';
import { NON_NEGATIVE, NON_POSITIVE } from './option-ranges.ts';

export type FtrlHyperparameters = Pick<
  Hyperparameters,
  | 'learningRate'
  | 'learningRatePower'
  | 'initialAccumulatorValue'
  | 'l1RegularizationStrength'
  | 'l2RegularizationStrength'
  | 'l2ShrinkageRegularizationStrength'
  | 'beta'
>;

export type FtrlState = {
  /** n, the sum of squared gradients (Keras's `accumulator`), from initialAccumulatorValue. */
  readonly accumulator: FloatArray;
  /** z, the linear term (Keras's `linear`). */
  readonly linear: FloatArray;
};

const clip = (x: number, bound: number): number => Math.min(Math.max(x, -bound), bound);

export function ftrlUpdate(p: FloatArray, g: FloatArray, state: FtrlState, hp: FtrlHyperparameters, t: number): void {
  const { accumulator: n, linear: z } = state;
  const { learningRate: lr, learningRatePower, l1RegularizationStrength: l1, l2ShrinkageRegularizationStrength: shrinkage } = hp;
  if (t === 1) n.fill(hp.initialAccumulatorValue);
  const l2 = hp.l2RegularizationStrength + hp.beta / (2.0 * lr);
  const power = -learningRatePower;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const shrunk = gi + 2 * shrinkage * p[i]!;
    const next = n[i]! + gi * gi;
    const nextPower = pow(next, power); // src/libm's pow: the same bits on every engine
    z[i] = z[i]! + (shrunk - ((nextPower - pow(n[i]!, power)) / lr) * p[i]!);
    const quadratic = nextPower / lr + 2 * l2;
    p[i] = (clip(z[i]!, l1) - z[i]!) / quadratic;
    n[i] = next;
  }
}

export const ftrl = defineOptimizer({
  name: 'ftrl',
  displayName: 'FTRL',
  citation: 'McMahan et al. 2013, "Ad Click Prediction: a View from the Trenches"',
  defaults: {
    keras: {
      learningRate: 0.001,
      learningRatePower: -0.5,
      initialAccumulatorValue: 0.1,
      l1RegularizationStrength: 0,
      l2RegularizationStrength: 0,
      l2ShrinkageRegularizationStrength: 0,
      beta: 0,
    },
  },
  ranges: {
    learningRatePower: NON_POSITIVE,
    initialAccumulatorValue: NON_NEGATIVE,
    l1RegularizationStrength: NON_NEGATIVE,
    l2RegularizationStrength: NON_NEGATIVE,
    l2ShrinkageRegularizationStrength: NON_NEGATIVE,
    beta: NON_NEGATIVE,
  },
  stateShapes: likeParameter(() => ['accumulator', 'linear']),
  update: (p, g, state: FtrlState, hp, { t }) => ftrlUpdate(p, g, state, hp, t),
  // FTRL divides by lr (σ, the quadratic term, β/(2·lr)): Keras gives NaN at 0, seedgrad refuses it.
  checkOptions: ({ learningRate }) => (learningRate === 0 ? 'learningRate must be > 0 (FTRL divides by it), got 0' : undefined),
});

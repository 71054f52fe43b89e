/**
 * Schedule-Free SGD (Defazio et al. 2024, "The Road Less Scheduled"; schedule-free.ts has
 * the y, z, x sequences and the averaging weight c_t), one parameter, in place, as
 * facebookresearch/schedule_free's SGDScheduleFree does it. torch convention only (Keras
 * has no Schedule-Free SGD). The parameter holds y; the state holds z and x. Its weight
 * decay is torch's L2 at y, g ← g + wd·y, which the Optimizer folds in first.
 *
 *   γ_t = lr·min(t/warmupSteps, 1),  β = momentum ∈ (0, 1)
 *   y ← lerp(y, z, c_t) + γ_t·(β·(1 − c_t) − 1)·g
 *   z ← z − γ_t·g
 *   x ← lerp(x, z, c_t)                        (seedgrad's: torch recovers x in eval())
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { defineOptimizer, likeParameter } from './spec.ts';
import { NON_NEGATIVE, NON_NEGATIVE_INTEGER, OPEN_UNIT } from './option-ranges.ts';
import { AVERAGING_SCALARS, lerp, warmedUpRate } from './schedule-free.ts';

export type SgdScheduleFreeHyperparameters = Pick<Hyperparameters, 'learningRate' | 'momentum' | 'warmupSteps'>;

export type SgdScheduleFreeState = {
  /** The base SGD sequence, where the steps are taken. */
  readonly z: FloatArray;
  /** The average of the z's: the weights to evaluate at. */
  readonly x: FloatArray;
};

/** `c` is the step's averaging weight c_t (schedule-free.ts's AVERAGING_SCALARS). */
export function sgdScheduleFreeUpdate(p: FloatArray, g: FloatArray, state: SgdScheduleFreeState, hp: SgdScheduleFreeHyperparameters, t: number, c: number): void {
  const { z, x } = state;
  const lr = warmedUpRate(hp, t);
  const yStep = lr * (hp.momentum * (1 - c) - 1);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    p[i] = lerp(p[i]!, z[i]!, c) + yStep * gi;
    z[i] = z[i]! - lr * gi;
    x[i] = lerp(x[i]!, z[i]!, c);
  }
}

export const sgdScheduleFree = defineOptimizer({
  name: 'sgd-schedulefree',
  displayName: 'Schedule-Free SGD',
  citation: 'Defazio, Yang, Mehta, Mishchenko, Khaled & Cutkosky 2024, "The Road Less Scheduled"',
  defaults: {
    torch: { learningRate: 1.0, momentum: 0.9, weightDecay: 0, warmupSteps: 0, r: 0, weightLrPower: 2 },
  },
  // torch refuses momentum outside (0, 1): its eval() divides by it.
  ranges: { momentum: OPEN_UNIT, warmupSteps: NON_NEGATIVE_INTEGER, r: NON_NEGATIVE, weightLrPower: NON_NEGATIVE },
  stateShapes: likeParameter(() => ['z', 'x']),
  stateFromParameter: ['z', 'x'],
  evaluationState: 'x',
  scalars: AVERAGING_SCALARS,
  update: (p, g, state: SgdScheduleFreeState, hp, { t, scalars }) => sgdScheduleFreeUpdate(p, g, state, hp, t, scalars['averagingWeight']!),
});

/**
 * Schedule-Free AdamW (Defazio et al. 2024, "The Road Less Scheduled"; schedule-free.ts
 * has the y, z, x sequences and the averaging weight c_t), one parameter, in place. The
 * parameter holds y; the state holds z, x and v (and torch's optional inner momentum m).
 *
 *   γ_t = lr·min(t/warmupSteps, 1)
 *   v ← β2·v + (1 − β2)·g²
 *   D = √(v / (1 − β2^t)) + ε                  (ε after the bias correction, in both)
 *
 * Keras (keras.optimizers.ScheduleFreeAdamW): c_t = 1/t (no r, no weightLrPower); its
 * decoupled weight decay y ← y − y·wd·lr has already run (optimizer.ts), and x is
 * recovered from that y, so the decay reaches x divided by β1:
 *   x_old = (y − (1 − β1)·z_old)/β1            (hence β1 > 0)
 *   z ← z_old − γ_t·g/D
 *   x ← (1 − c_t)·x_old + c_t·z
 *   y ← (1 − β1)·z + β1·x
 *
 * torch (facebookresearch/schedule_free's AdamWScheduleFree): weight decay is added at y
 * after the normalisation, and y moves without x (the same sequences, other roundings):
 *   ĝ = g/D,  or with innerMomentum μ: m ← μ·m + (1 − μ)·g, ĝ = (m/(1 − μ^t))/D
 *   ĝ ← ĝ + wd·y
 *   y ← lerp(y, z, c_t) + γ_t·(β1·(1 − c_t) − 1)·ĝ
 *   z ← z − γ_t·ĝ
 *   x ← lerp(x, z, c_t)                        (seedgrad's: torch recovers x in eval())
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts';
import { defineOptimizer, likeParameter } from './spec.ts';
import { HALF_OPEN_UNIT, NON_NEGATIVE, NON_NEGATIVE_INTEGER } from './option-ranges.ts';
import { AVERAGING_SCALARS, lerp, warmedUpRate } from './schedule-free.ts';

export type AdamWScheduleFreeHyperparameters = Pick<
  Hyperparameters,
  'learningRate' | 'beta1' | 'beta2' | 'epsilon' | 'weightDecay' | 'warmupSteps' | 'innerMomentum' | 'yFromXAndZ'
>;

export type AdamWScheduleFreeState = {
  /** The base AdamW sequence, where the steps are taken. */
  readonly z: FloatArray;
  /** The average of the z's: the weights to evaluate at. */
  readonly x: FloatArray;
  /** Second moment (mean of g²), uncorrected. */
  readonly v: FloatArray;
  /** torch with innerMomentum > 0: the EMA of g. */
  readonly m?: FloatArray;
};

/** `c` is the step's averaging weight c_t (schedule-free.ts's AVERAGING_SCALARS). */
export function adamwScheduleFreeUpdate(p: FloatArray, g: FloatArray, state: AdamWScheduleFreeState, hp: AdamWScheduleFreeHyperparameters, t: number, c: number): void {
  const { z, x, v } = state;
  const { beta1, beta2, epsilon } = hp;
  const lr = warmedUpRate(hp, t);
  const biasCorrection2 = 1 - pow(beta2, t);
  if (hp.yFromXAndZ) {
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const zOld = z[i]!;
      v[i] = v[i]! + (gi * gi - v[i]!) * (1 - beta2);
      z[i] = zOld - (lr * gi) / (Math.sqrt(v[i]! / biasCorrection2) + epsilon);
      const xOld = (p[i]! - (1 - beta1) * zOld) / beta1;
      x[i] = (1 - c) * xOld + c * z[i]!;
      p[i] = (1 - beta1) * z[i]! + beta1 * x[i]!;
    }
    return;
  }
  const { innerMomentum, weightDecay } = hp;
  const m = state.m;
  if (innerMomentum !== 0 && m === undefined) throw new Error('adamwScheduleFreeUpdate: innerMomentum needs state.m');
  const biasCorrection1 = 1 - pow(innerMomentum, t);
  const yStep = lr * (beta1 * (1 - c) - 1);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    v[i] = v[i]! * beta2 + (1 - beta2) * gi * gi;
    const denominator = Math.sqrt(v[i]! / biasCorrection2) + epsilon;
    let normalized: number;
    if (m !== undefined && innerMomentum !== 0) {
      m[i] = m[i]! * innerMomentum + (1 - innerMomentum) * gi;
      normalized = m[i]! / biasCorrection1 / denominator;
    } else normalized = gi / denominator;
    if (weightDecay !== 0) normalized = normalized + weightDecay * p[i]!;
    p[i] = lerp(p[i]!, z[i]!, c) + yStep * normalized;
    z[i] = z[i]! - lr * normalized;
    x[i] = lerp(x[i]!, z[i]!, c);
  }
}

export const adamwScheduleFree = defineOptimizer({
  name: 'adamw-schedulefree',
  displayName: 'Schedule-Free AdamW',
  citation: 'Defazio, Yang, Mehta, Mishchenko, Khaled & Cutkosky 2024, "The Road Less Scheduled"',
  defaults: {
    keras: { learningRate: 0.0025, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, warmupSteps: 0 },
    torch: { learningRate: 0.0025, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, warmupSteps: 0, r: 0, weightLrPower: 2, innerMomentum: 0 },
  },
  ranges: {
    beta1: HALF_OPEN_UNIT, beta2: HALF_OPEN_UNIT, epsilon: NON_NEGATIVE, warmupSteps: NON_NEGATIVE_INTEGER,
    r: NON_NEGATIVE, weightLrPower: NON_NEGATIVE, innerMomentum: HALF_OPEN_UNIT,
  },
  // Keras averages uniformly: c_t = 1/t is t^0·γ^0 over Σ 1.
  kerasFixed: { r: 0, weightLrPower: 0 },
  torchWeightDecay: 'in-rule',
  stateShapes: likeParameter((hp) => (hp.innerMomentum !== 0 ? ['z', 'x', 'v', 'm'] : ['z', 'x', 'v'])),
  stateFromParameter: ['z', 'x'],
  evaluationState: 'x',
  scalars: AVERAGING_SCALARS,
  update: (p, g, state: AdamWScheduleFreeState, hp, { t, scalars }) => adamwScheduleFreeUpdate(p, g, state, hp, t, scalars['averagingWeight']!),
  checkOptions: ({ beta1 }, convention) =>
    convention === 'keras' && beta1 === 0 ? 'beta1 must be > 0 in the keras convention: Keras recovers x = (y − (1 − beta1)·z)/beta1 each step' : undefined,
});

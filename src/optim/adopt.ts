/**
 * ADOPT (Taniguchi et al. 2024, "ADOPT: Modified Adam Can Converge with Any β2 with the
 * Optimal Rate", Algorithm 2 with clipping) as the authors' PyTorch implementation has it
 * (iShohei220/adopt, src/adopt/adopt.py, `_single_tensor_adopt`). One parameter, in place.
 * torch convention only: Keras has no ADOPT. Two changes to Adam: the gradient is
 * normalised by the second moment of the *previous* steps, before the momentum, and v is
 * updated after the step.
 *
 *   g' = g + λ·p                      unless decouple (L2; on every step, the first too)
 *   t = 1:  v ← g'²                   (only v is set: p and m stay as they are)
 *   t ≥ 2:  decouple: p ← p − (lr·λ)·p
 *           n = clamp(g' / max(√v, ε), −c_t, c_t),   c_t = (t − 1)^¼   (clip_lambda(step))
 *           m ← lerp(m, n, 1 − β1)                    (torch's lerp, below)
 *           p ← p − lr·m
 *           v ← β2·v + (1 − β2)·g'²
 *
 * ε bounds √v from below rather than being added to it. The reference's `clip_lambda`
 * is a function of the step; seedgrad uses its default, step^0.25, where step counts the
 * steps before this one (so c_2 = 1). torch's lerp(a, b, w) is a + w·(b − a) for |w| < ½
 * and b − (b − a)·(1 − w) otherwise; the rule does the same so its bits follow.
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts';
import { defineOptimizer, likeParameter } from './spec.ts';
import { BOOLEAN, HALF_OPEN_UNIT, NON_NEGATIVE } from './option-ranges.ts';

export type AdoptHyperparameters = Pick<Hyperparameters, 'learningRate' | 'beta1' | 'beta2' | 'epsilon' | 'weightDecay' | 'decouple'>;

export type AdoptState = {
  /** The momentum of the normalised gradients (the reference's `exp_avg`). */
  readonly m: FloatArray;
  /** The second moment of the gradients up to the previous step (`exp_avg_sq`). */
  readonly v: FloatArray;
};

/** torch.lerp(start, end, weight) for a scalar weight, as its kernel computes it. */
export function torchLerp(start: number, end: number, weight: number): number {
  return Math.abs(weight) < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight);
}

/** c_t = (t − 1)^¼, the reference's default clip_lambda(step) with step = t − 1. */
export function adoptClip(t: number): number {
  return pow(t - 1, 0.25);
}

export function adoptUpdate(p: FloatArray, g: FloatArray, state: AdoptState, hp: AdoptHyperparameters, t: number): void {
  const { m, v } = state;
  const { learningRate: lr, beta1, beta2, epsilon, weightDecay, decouple } = hp;
  const l2 = decouple ? 0 : weightDecay;
  if (t === 1) {
    for (let i = 0; i < p.length; i++) {
      const gi = l2 === 0 ? g[i]! : g[i]! + l2 * p[i]!;
      v[i] = v[i]! + gi * gi;
    }
    return;
  }
  const decay = decouple ? -lr * weightDecay : 0;
  const clip = adoptClip(t);
  for (let i = 0; i < p.length; i++) {
    const gi = l2 === 0 ? g[i]! : g[i]! + l2 * p[i]!;
    if (decay !== 0) p[i] = p[i]! + decay * p[i]!;
    const normalised = Math.min(Math.max(gi / Math.max(Math.sqrt(v[i]!), epsilon), -clip), clip);
    m[i] = torchLerp(m[i]!, normalised, 1 - beta1);
    p[i] = p[i]! + -lr * m[i]!;
    v[i] = v[i]! * beta2 + (1 - beta2) * gi * gi;
  }
}

export const adopt = defineOptimizer({
  name: 'adopt',
  displayName: 'ADOPT',
  citation: 'Taniguchi et al. 2024, "ADOPT: Modified Adam Can Converge with Any β2 with the Optimal Rate"',
  defaults: {
    torch: { learningRate: 1e-3, beta1: 0.9, beta2: 0.9999, epsilon: 1e-6, weightDecay: 0, decouple: false },
  },
  ranges: { beta1: HALF_OPEN_UNIT, beta2: HALF_OPEN_UNIT, epsilon: NON_NEGATIVE, decouple: BOOLEAN },
  torchWeightDecay: 'in-rule',
  stateShapes: likeParameter(() => ['m', 'v']),
  update: (p, g, state: AdoptState, hp, { t }) => adoptUpdate(p, g, state, hp, t),
});

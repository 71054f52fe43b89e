/**
 * RAdam (Liu et al. 2020, "On the Variance of the Adaptive Learning Rate and Beyond",
 * Algorithm 2), as torch.optim.RAdam implements it, one parameter, in place. torch
 * convention only: Keras 3 has no RAdam. Adam whose adaptive step is switched on only
 * once the variance of its second-moment estimate is tractable, and then rectified:
 *
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   m̂ = m / (1 − β1^t)
 *   ρ∞ = 2/(1 − β2) − 1
 *   ρ_t = ρ∞ − 2t·β2^t / (1 − β2^t)                 (the length of the approximated SMA)
 *   ρ_t > 5:  r_t = √((ρ_t − 4)(ρ_t − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρ_t))
 *             p ← p − m̂·lr·(√(1 − β2^t) / (√v + ε))·r_t
 *   else:     p ← p − m̂·lr                          (SGD with a bias-corrected momentum)
 *
 * With β2 = 0.999 the first five steps are unrectified. Weight decay is L2 on g (torch
 * 1.13), or with `decoupledWeightDecay` (torch ≥ 2.0) AdamW's p ← p·(1 − lr·wd) before
 * the moments: the `Optimizer` applies either (options.ts picks the kind).
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts';
import { defineOptimizer, likeParameter } from './spec.ts';
import { BOOLEAN, HALF_OPEN_UNIT, NON_NEGATIVE } from './option-ranges.ts';

export type RadamHyperparameters = Pick<Hyperparameters, 'learningRate' | 'beta1' | 'beta2' | 'epsilon'>;

export type RadamState = {
  readonly m: FloatArray;
  readonly v: FloatArray;
};

/** ρ_t, the length of the approximated simple moving average at step t; the update is rectified where it exceeds 5. */
export function radamRho(beta2: number, t: number): number {
  const rhoInfinity = 2 / (1 - beta2) - 1;
  return rhoInfinity - (2 * t * pow(beta2, t)) / (1 - pow(beta2, t));
}

export function radamUpdate(p: FloatArray, g: FloatArray, state: RadamState, hp: RadamHyperparameters, t: number): void {
  const { m, v } = state;
  const { learningRate, beta1, beta2, epsilon } = hp;
  const biasCorrection1 = 1 - pow(beta1, t);
  const biasCorrection2 = 1 - pow(beta2, t);
  const rhoInfinity = 2 / (1 - beta2) - 1;
  const rhoT = radamRho(beta2, t);
  const rectified = rhoT > 5;
  const rectification = rectified ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInfinity) / ((rhoInfinity - 4) * (rhoInfinity - 2) * rhoT)) : 0;
  const sqrtBiasCorrection2 = Math.sqrt(biasCorrection2);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    m[i] = m[i]! * beta1 + (1 - beta1) * gi;
    v[i] = v[i]! * beta2 + (1 - beta2) * gi * gi;
    const step = (m[i]! / biasCorrection1) * learningRate;
    // torch's order: ((m̂·lr)·adaptive)·r, adaptive = √(1 − β2^t)/(√v + ε)
    p[i] = rectified ? p[i]! - step * (sqrtBiasCorrection2 / (Math.sqrt(v[i]!) + epsilon)) * rectification : p[i]! - step;
  }
}

export const radam = defineOptimizer({
  name: 'radam',
  displayName: 'RAdam',
  citation: 'Liu, Jiang, He, Chen, Liu, Gao & Han 2020, "On the Variance of the Adaptive Learning Rate and Beyond"',
  defaults: {
    torch: { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, decoupledWeightDecay: false },
  },
  ranges: { beta1: HALF_OPEN_UNIT, beta2: HALF_OPEN_UNIT, epsilon: NON_NEGATIVE, decoupledWeightDecay: BOOLEAN },
  stateShapes: likeParameter(() => ['m', 'v']),
  update: (p, g, state: RadamState, hp, { t }) => radamUpdate(p, g, state, hp, t),
});

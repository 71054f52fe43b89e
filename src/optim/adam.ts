/**
 * Adam (Kingma & Ba 2015, Algorithm 1) and AMSGrad (Reddi, Kale & Kumar 2018), one
 * parameter, in place. AdamW is this rule after decoupled weight decay, which the
 * `Optimizer` applies (Loshchilov & Hutter 2019).
 *
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   amsgrad: v̂ ← max(v̂, v), and v̂ replaces v below (the max of the *uncorrected* v)
 *
 * Keras (`epsilonHat`), docs/optimizers.md §2; ε is the paper's ε̂, added before the correction:
 *   α_t = lr·√(1 − β2^t) / (1 − β1^t)
 *   p ← p − α_t·m / (√v + ε)
 *
 * torch, docs/optimizers.md §3; ε is added after the correction:
 *   p ← p − (lr / (1 − β1^t))·m / (√v / √(1 − β2^t) + ε)
 *
 * The two are equal for ε = 0; a Keras ε acts like a torch ε of ε/√(1 − β2^t).
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts';

export type AdamHyperparameters = Pick<Hyperparameters, 'learningRate' | 'beta1' | 'beta2' | 'epsilon' | 'amsgrad' | 'epsilonHat'>;

export type AdamState = {
  /** First moment (mean of g). */
  readonly m: FloatArray;
  /** Second moment (mean of g²), uncorrected. */
  readonly v: FloatArray;
  /** AMSGrad's running maximum of v; present only with `amsgrad`. */
  readonly vHat?: FloatArray;
};

export function adamStateNames(hp: Pick<Hyperparameters, 'amsgrad'>): string[] {
  return hp.amsgrad ? ['m', 'v', 'vHat'] : ['m', 'v'];
}

/**
 * The scalars of step t, as adamUpdate computes them: what a fused kernel outside this
 * file (a backend's `adamUpdate`) needs to apply the same rule with the same bits.
 */
export interface AdamStep {
  /** 'keras': p ← p − α_t·m/(√v + ε); 'torch': p ← p + (−stepSize·m)/(√v/√(1 − β2^t) + ε). */
  readonly form: 'keras' | 'torch';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly alpha: number;
  readonly stepSize: number;
  readonly sqrtBiasCorrection2: number;
}

export function adamStep(hp: AdamHyperparameters, t: number): AdamStep {
  const { beta1, beta2, epsilon, learningRate } = hp;
  const biasCorrection1 = 1 - pow(beta1, t); // src/libm's pow: β^t has the same bits on every engine
  const biasCorrection2 = 1 - pow(beta2, t);
  return {
    form: hp.epsilonHat ? 'keras' : 'torch',
    beta1,
    beta2,
    epsilon,
    alpha: (learningRate * Math.sqrt(biasCorrection2)) / biasCorrection1,
    stepSize: learningRate / biasCorrection1,
    sqrtBiasCorrection2: Math.sqrt(biasCorrection2),
  };
}

export function adamUpdate(p: FloatArray, g: FloatArray, state: AdamState, hp: AdamHyperparameters, t: number): void {
  const { m, v } = state;
  const vMax = hp.amsgrad ? state.vHat : undefined;
  if (hp.amsgrad && vMax === undefined) throw new Error('adamUpdate: amsgrad needs state.vHat');
  const { beta1, beta2, epsilon, alpha, stepSize, sqrtBiasCorrection2 } = adamStep(hp, t);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    m[i] = m[i]! * beta1 + (1 - beta1) * gi;
    v[i] = v[i]! * beta2 + (1 - beta2) * gi * gi;
    let second = v[i]!;
    if (vMax !== undefined) {
      vMax[i] = Math.max(vMax[i]!, second);
      second = vMax[i]!;
    }
    if (hp.epsilonHat) {
      p[i] = p[i]! - (m[i]! * alpha) / (Math.sqrt(second) + epsilon);
    } else {
      p[i] = p[i]! + (-stepSize * m[i]!) / (Math.sqrt(second) / sqrtBiasCorrection2 + epsilon);
    }
  }
}

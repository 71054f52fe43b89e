/**
 * NAdam (Dozat 2016, "Incorporating Nesterov Momentum into Adam"), one parameter, in
 * place. Both conventions share this rule; they differ in ψ (`momentumDecay`): Keras
 * fixes ψ = 1, torch defaults to ψ = 0.004.
 *
 *   μ_k = β1·(1 − ½·0.96^(k·ψ))
 *   P_t = μ_1·μ_2·…·μ_t            (one scalar per optimizer, advanced once per step
 *                                   before any parameter: `advanceMuProduct`)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   D = √(v / (1 − β2^t)) + ε      (computed as √v/√(1 − β2^t) + ε, as torch does)
 *   p ← p − lr·(1 − μ_t)/(1 − P_t)·g/D − lr·μ_{t+1}/(1 − P_t·μ_{t+1})·m/D
 *
 * Keras writes the same step as p ← p − lr·m̂/(√v̂ + ε) with
 * m̂ = μ_{t+1}·m/(1 − P_t·μ_{t+1}) + (1 − μ_t)·g/(1 − P_t) and v̂ = v/(1 − β2^t)
 * (docs/optimizers.md §2); the two forms differ only in rounding.
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts'; // not `**`: Math.pow differs in the last bit between engines
import { defineOptimizer, likeParameter } from './spec.ts';
import { BOOLEAN, HALF_OPEN_UNIT, NON_NEGATIVE } from './option-ranges.ts';

export type NadamHyperparameters = Pick<Hyperparameters, 'learningRate' | 'beta1' | 'beta2' | 'epsilon' | 'momentumDecay'>;

export type NadamState = {
  readonly m: FloatArray;
  readonly v: FloatArray;
};

/** μ_k = β1·(1 − ½·0.96^(k·ψ)), the momentum schedule. */
export function nadamMomentum(hp: Pick<Hyperparameters, 'beta1' | 'momentumDecay'>, k: number): number {
  return hp.beta1 * (1 - 0.5 * pow(0.96, k * hp.momentumDecay));
}

/** P_t = P_{t−1}·μ_t, with P_0 = 1. Called once per step, before any parameter. */
export function advanceMuProduct(previousProduct: number, hp: Pick<Hyperparameters, 'beta1' | 'momentumDecay'>, t: number): number {
  return previousProduct * nadamMomentum(hp, t);
}

/** `muProduct` is P_t, which already includes μ_t (spec pitfall 7). */
export function nadamUpdate(p: FloatArray, g: FloatArray, state: NadamState, hp: NadamHyperparameters, t: number, muProduct: number): void {
  const { m, v } = state;
  const { beta1, beta2, epsilon, learningRate } = hp;
  const mu = nadamMomentum(hp, t);
  const muNext = nadamMomentum(hp, t + 1);
  const sqrtBiasCorrection2 = Math.sqrt(1 - pow(beta2, t));
  const gradientStep = -((learningRate * (1 - mu)) / (1 - muProduct));
  const momentumStep = -((learningRate * muNext) / (1 - muProduct * muNext));
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    m[i] = m[i]! * beta1 + (1 - beta1) * gi;
    v[i] = v[i]! * beta2 + (1 - beta2) * gi * gi;
    const denominator = Math.sqrt(v[i]!) / sqrtBiasCorrection2 + epsilon;
    p[i] = p[i]! + (gradientStep * gi) / denominator;
    p[i] = p[i]! + (momentumStep * m[i]!) / denominator;
  }
}

export const nadam = defineOptimizer({
  name: 'nadam',
  displayName: 'Nadam',
  citation: 'Dozat 2016, "Incorporating Nesterov Momentum into Adam"',
  defaults: {
    keras: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    // decoupledWeightDecay: torch >= 2.0's (AdamW's decay, applied by the Optimizer; options.ts).
    torch: { learningRate: 2e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, momentumDecay: 4e-3, decoupledWeightDecay: false },
  },
  ranges: { beta1: HALF_OPEN_UNIT, beta2: HALF_OPEN_UNIT, epsilon: NON_NEGATIVE, momentumDecay: NON_NEGATIVE, decoupledWeightDecay: BOOLEAN },
  // Keras Nadam's schedule is β1(1 − ½·0.96^t): torch's formula with ψ = 1.
  kerasFixed: { momentumDecay: 1 },
  stateShapes: likeParameter(() => ['m', 'v']),
  scalars: {
    initial: () => ({ muProduct: 1 }),
    advance: (scalars, hp, t) => {
      scalars['muProduct'] = advanceMuProduct(scalars['muProduct']!, hp, t);
    },
  },
  update: (p, g, state: NadamState, hp, { t, scalars }) => nadamUpdate(p, g, state, hp, t, scalars['muProduct']!),
});

/**
 * Prodigy (Mishchenko & Defazio 2023, "Prodigy: An Expeditiously Adaptive Parameter-Free
 * Learner", Algorithm 3: Adam with a learned step size d) as the authors' PyTorch
 * implementation has it (konstmish/prodigy, prodigyopt/prodigy.py, slice_p = 1, one
 * parameter group). torch convention only: neither framework has Prodigy.
 *
 * Each step, with d, d_max, the numerator r and k (steps taken) kept as scalars:
 *   bc  = useBiasCorrection ? √(1 − β2^(k+1)) / (1 − β1^(k+1)) : 1
 *   dlr = d·lr·bc                                         (d of the previous step)
 *   g'  = g + λ·p                                         unless decouple (L2)
 *   per parameter (`gather`), p0 its value before step 1:
 *     Δr_p = (d/d0)·dlr·⟨g', p0 − p⟩
 *     m ← β1·m + d·(1 − β1)·g'                            (no m when β1 = 0)
 *     v ← β2·v + d²·(1 − β2)·g'²
 *     s ← β3·s + (d/d0)·(safeguardWarmup ? d : dlr)·g'     (β3 = √β2 unless given)
 *   over all parameters (`combine`): D = Σ_p ‖s‖₁; if D = 0 the step stops here (no move,
 *   k unchanged), else
 *     r  ← β3·r + Σ_p Δr_p;   d̂ = dCoef·r/D
 *     d  ← max(d, d̂) while d = d0 (its first growth);  d_max ← max(d_max, d̂)
 *     d  ← min(d_max, d·growthRate);   k ← k + 1
 *   per parameter (`update`), with the new d:
 *     decouple: p ← p − λ·dlr·p
 *     p ← p − dlr·m/(√v + d·ε)          (β1 = 0: p ← p − dlr·d·g'/(√v + d·ε))
 *
 * d, dMax, dNumerator (r), dDenom (D), dHat (d̂), k and dlr are the optimizer's scalars,
 * so a state dict holds them and `trace --states` shows them step by step.
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts';
import { defineOptimizer, likeParameter, type OptimizerScalars } from './spec.ts';
import { BOOLEAN, HALF_OPEN_UNIT, NON_NEGATIVE, POSITIVE, UNIT } from './option-ranges.ts';

export type ProdigyHyperparameters = Pick<
  Hyperparameters,
  'learningRate' | 'beta1' | 'beta2' | 'beta3' | 'epsilon' | 'weightDecay' | 'decouple' | 'useBiasCorrection' | 'safeguardWarmup' | 'd0' | 'dCoef' | 'growthRate'
>;

export type ProdigyState = {
  /** The parameter before the first step (the reference's `p0`). */
  readonly p0: FloatArray;
  /** The d-weighted averages of g: `s` for the estimate of d, `m` (absent when β1 = 0) and `v` for the step. */
  readonly s: FloatArray;
  readonly m?: FloatArray;
  readonly v: FloatArray;
};

const beta3Of = (hp: Pick<Hyperparameters, 'beta2' | 'beta3'>): number => hp.beta3 ?? Math.sqrt(hp.beta2);

/** g' of element i: the gradient with the L2 term when weight decay is not decoupled. */
function gradientAt(g: FloatArray, p: FloatArray, i: number, hp: ProdigyHyperparameters): number {
  return hp.weightDecay !== 0 && !hp.decouple ? g[i]! + hp.weightDecay * p[i]! : g[i]!;
}

/** Before any parameter: dlr = d·lr·bc from the previous step's d. */
export function advanceProdigy(scalars: OptimizerScalars, hp: ProdigyHyperparameters): void {
  const k = scalars['k']!;
  const biasCorrection = hp.useBiasCorrection ? Math.sqrt(1 - pow(hp.beta2, k + 1)) / (1 - pow(hp.beta1, k + 1)) : 1;
  scalars['dlr'] = scalars['d']! * hp.learningRate * biasCorrection;
}

/** Pass 1 over one parameter: the averages, and its terms of the d estimate. */
export function gatherProdigy(p: FloatArray, g: FloatArray, state: ProdigyState, hp: ProdigyHyperparameters, scalars: Readonly<OptimizerScalars>): { deltaNumerator: number; dDenom: number } {
  if (hp.learningRate <= 0) return { deltaNumerator: 0, dDenom: 0 };
  const { p0, s, m, v } = state;
  const { beta1, beta2, d0 } = hp;
  const d = scalars['d']!;
  const dlr = scalars['dlr']!;
  const beta3 = beta3Of(hp);
  const mRate = d * (1 - beta1);
  const vRate = d * d * (1 - beta2);
  const sRate = (d / d0) * (hp.safeguardWarmup ? d : dlr);
  let dot = 0;
  let sAbsSum = 0;
  for (let i = 0; i < p.length; i++) {
    const gi = gradientAt(g, p, i, hp);
    dot += gi * (p0[i]! - p[i]!);
    if (m !== undefined) m[i] = m[i]! * beta1 + mRate * gi;
    v[i] = v[i]! * beta2 + vRate * gi * gi;
    s[i] = s[i]! * beta3 + sRate * gi;
    sAbsSum += Math.abs(s[i]!);
  }
  return { deltaNumerator: (d / d0) * dlr * dot, dDenom: sAbsSum };
}

/** Between the passes: the new d from the sums over all parameters; false when D = 0 (no move). */
export function combineProdigy(scalars: OptimizerScalars, totals: Readonly<Record<string, number>>, hp: ProdigyHyperparameters): boolean {
  const dDenom = totals['dDenom'] ?? 0;
  if (dDenom === 0) return false;
  const dNumerator = scalars['dNumerator']! * beta3Of(hp) + (totals['deltaNumerator'] ?? 0);
  const dHat = (hp.dCoef * dNumerator) / dDenom;
  let d = scalars['d']!;
  if (d === hp.d0) d = Math.max(d, dHat);
  const dMax = Math.max(scalars['dMax']!, dHat);
  d = Math.min(dMax, d * (hp.growthRate ?? Infinity));
  Object.assign(scalars, { dNumerator, dDenom, dHat, d, dMax, k: scalars['k']! + 1 });
  return true;
}

/** Pass 2 over one parameter: the decoupled decay and Adam's step at d·lr. */
export function prodigyUpdate(p: FloatArray, g: FloatArray, state: ProdigyState, hp: ProdigyHyperparameters, scalars: Readonly<OptimizerScalars>): void {
  const { m, v } = state;
  const d = scalars['d']!;
  const dlr = scalars['dlr']!;
  const dEpsilon = d * hp.epsilon;
  const decay = hp.decouple && hp.weightDecay !== 0 ? -hp.weightDecay * dlr : 0;
  const gradientStep = -dlr * d;
  for (let i = 0; i < p.length; i++) {
    const gi = gradientAt(g, p, i, hp);
    const denominator = Math.sqrt(v[i]!) + dEpsilon;
    if (decay !== 0) p[i] = p[i]! + decay * p[i]!;
    p[i] = m !== undefined ? p[i]! + -dlr * (m[i]! / denominator) : p[i]! + gradientStep * (gi / denominator);
  }
}

export const prodigy = defineOptimizer({
  name: 'prodigy',
  displayName: 'Prodigy',
  citation: 'Mishchenko & Defazio 2023, "Prodigy: An Expeditiously Adaptive Parameter-Free Learner"',
  defaults: {
    torch: {
      learningRate: 1, beta1: 0.9, beta2: 0.999, beta3: null, epsilon: 1e-8, weightDecay: 0, decouple: true,
      useBiasCorrection: false, safeguardWarmup: false, d0: 1e-6, dCoef: 1, growthRate: null,
    },
  },
  ranges: {
    beta1: HALF_OPEN_UNIT, beta2: HALF_OPEN_UNIT, beta3: UNIT, epsilon: POSITIVE, decouple: BOOLEAN, useBiasCorrection: BOOLEAN,
    safeguardWarmup: BOOLEAN, d0: POSITIVE, dCoef: NON_NEGATIVE, growthRate: POSITIVE,
  },
  torchWeightDecay: 'in-rule',
  stateShapes: likeParameter((hp) => (hp.beta1 > 0 ? ['p0', 's', 'm', 'v'] : ['p0', 's', 'v'])),
  stateFromParameter: ['p0'],
  scalars: {
    initial: (hp) => ({ d: hp.d0, dMax: hp.d0, dNumerator: 0, dDenom: 0, dHat: 0, k: 0, dlr: 0 }),
    advance: (scalars, hp) => advanceProdigy(scalars, hp),
  },
  acrossParameters: {
    gather: (p, g, state: ProdigyState, hp, { scalars }) => gatherProdigy(p, g, state, hp, scalars),
    combine: (scalars, totals, hp) => combineProdigy(scalars, totals, hp),
  },
  update: (p, g, state: ProdigyState, hp, { scalars }) => prodigyUpdate(p, g, state, hp, scalars),
  // The reference refuses lr ≤ 0 (its d·lr would never move d).
  checkOptions: ({ learningRate }) => (learningRate === 0 ? 'learningRate must be > 0, got 0' : undefined),
});

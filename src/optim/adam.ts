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
import { adamKerasRange, adamTorchRange, type AdamStep } from './adam-ranges.ts';
import { defineOptimizer, likeParameter, type FusedKernel, type OptimizerSpec } from './spec.ts';
import { BOOLEAN, HALF_OPEN_UNIT, NON_NEGATIVE } from './option-ranges.ts';

export type { AdamStep } from './adam-ranges.ts';

export type AdamHyperparameters = Pick<Hyperparameters, 'learningRate' | 'beta1' | 'beta2' | 'epsilon' | 'amsgrad' | 'epsilonHat'>;

export type AdamState = {
  /** First moment (mean of g). */
  readonly m: FloatArray;
  /** Second moment (mean of g²), uncorrected. */
  readonly v: FloatArray;
  /** AMSGrad's running maximum of v; present only with `amsgrad`. */
  readonly vHat?: FloatArray;
};

/** The scalars of step t, as adamUpdate uses them: what a fused kernel (a backend's `adamUpdate`) needs to apply the same rule with the same bits. */
export function adamStep(hp: Omit<AdamHyperparameters, 'amsgrad'>, t: number): AdamStep {
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

/** Adam without AMSGrad over the whole parameter: adam-ranges.ts's loops, which the js backend runs too. */
function adamRange(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, step: AdamStep, from: number, to: number): void {
  const { beta1, beta2, epsilon } = step;
  if (step.form === 'keras') adamKerasRange(p, g, m, v, beta1, beta2, epsilon, step.alpha, from, to);
  else adamTorchRange(p, g, m, v, beta1, beta2, epsilon, step.stepSize, step.sqrtBiasCorrection2, from, to);
}

/** AMSGrad: Adam with v̂ ← max(v̂, v) in place of v in the step. */
function amsgradUpdate(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, vMax: FloatArray, step: AdamStep): void {
  const { beta1, beta2, epsilon, alpha, stepSize, sqrtBiasCorrection2 } = step;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    m[i] = m[i]! * beta1 + (1 - beta1) * gi;
    v[i] = v[i]! * beta2 + (1 - beta2) * gi * gi;
    vMax[i] = Math.max(vMax[i]!, v[i]!);
    const second = vMax[i]!;
    if (step.form === 'keras') p[i] = p[i]! - (m[i]! * alpha) / (Math.sqrt(second) + epsilon);
    else p[i] = p[i]! + (-stepSize * m[i]!) / (Math.sqrt(second) / sqrtBiasCorrection2 + epsilon);
  }
}

export function adamUpdate(p: FloatArray, g: FloatArray, state: AdamState, hp: AdamHyperparameters, t: number): void {
  const { m, v } = state;
  const step = adamStep(hp, t);
  if (!hp.amsgrad) return adamRange(p, g, m, v, step, 0, p.length);
  if (state.vHat === undefined) throw new Error('adamUpdate: amsgrad needs state.vHat');
  amsgradUpdate(p, g, m, v, state.vHat, step);
}

/** A backend's fused Adam, for adam and adamw without AMSGrad on float32 parameters. */
const fusedAdam: FusedKernel<AdamState> = {
  appliesTo: (kernels, hp) => kernels.adam !== undefined && !hp.amsgrad,
  update: (kernels, p, g, state, hp, t) => {
    const kernel = kernels.adam;
    if (kernel === undefined || !(p instanceof Float32Array && g instanceof Float32Array)) return false;
    kernel(p, g, state.m, state.v, adamStep(hp, t));
    return true;
  },
};

/** What Adam and AdamW share: options, ranges, state, the rule and its fused kernel. */
export const ADAM_RULE = {
  defaults: {
    keras: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false },
    torch: { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, amsgrad: false },
  },
  ranges: { beta1: HALF_OPEN_UNIT, beta2: HALF_OPEN_UNIT, epsilon: NON_NEGATIVE, amsgrad: BOOLEAN },
  stateShapes: likeParameter((hp) => (hp.amsgrad ? ['m', 'v', 'vHat'] : ['m', 'v'])),
  update: (p, g, state, hp, { t }) => adamUpdate(p, g, state, hp, t),
  fused: fusedAdam,
} as const satisfies Omit<OptimizerSpec<string, AdamState>, 'name' | 'displayName' | 'citation'>;

export const adam = defineOptimizer({
  ...ADAM_RULE,
  name: 'adam',
  displayName: 'Adam',
  citation: 'Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization"; AMSGrad: Reddi, Kale & Kumar 2018',
  variants: [{ name: 'amsgrad', options: { amsgrad: true } }],
});

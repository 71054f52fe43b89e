/**
 * Muon (Jordan et al. 2024; Liu et al. 2025, "Muon is Scalable for LLM Training"): SGD
 * momentum whose step on a matrix is orthogonalised by Newton–Schulz (newton-schulz.ts),
 * one parameter, in place.
 *
 * Keras (keras.optimizers.Muon). A parameter that is not 2-D, or (excludeEmbeddings)
 * whose name contains 'embedding', takes Keras's Adam step instead; every other one the
 * Muon step. Weight decay comes first, per parameter (Keras's own _apply_weight_decay):
 *   p ← p − p·wd·lr,   wd = weightDecay (Muon step) or adamWeightDecay (Adam step)
 *   Muon:  m ← μ·m + g
 *          U = g + μ·m (nesterov) or m
 *          O = NS(U), normalised by ‖U‖_F + 1e-7
 *          p ← p − lr·O·rmsRate·√max(A, B)        (rmsRate 0, Keras's None: no factor)
 *   Adam:  adam.ts's Keras rule (ε̂ before the bias correction) with lr·adamLrRatio,
 *          β1 = adamBeta1, β2 = adamBeta2; state m and v
 *
 * torch (torch.optim.Muon, PyTorch ≥ 2.9): 2-D parameters only (others are refused, as
 * torch does); decoupled decay p ← p·(1 − lr·wd) first (optimizer.ts), then
 *   m ← lerp(m, g, 1 − μ)                          (= μ·m + (1 − μ)·g)
 *   U = lerp(g, m, μ) (nesterov) or m
 *   O = NS(U), normalised by max(‖U‖_F, ε)
 *   p ← p − lr·√max(1, A/B)·O                      (adjust_lr_fn "original", torch's default)
 *
 * A, B are the parameter's rows and columns. torch's EMA is (1 − μ) times Keras's sum, so
 * both orthogonalise the same direction; they differ in ε's place and in the step's scale.
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { adamUpdate } from './adam.ts';
import { kerasDecoupledDecay } from './weight-decay.ts';
import { newtonSchulz } from './newton-schulz.ts';
import { lerp } from './schedule-free.ts';
import { defineOptimizer } from './spec.ts';
import { BOOLEAN, HALF_OPEN_UNIT, NON_NEGATIVE, UNIT, type NumberRange } from './option-ranges.ts';

export type MuonHyperparameters = Pick<
  Hyperparameters,
  | 'learningRate' | 'momentum' | 'nesterov' | 'muonA' | 'muonB' | 'muonC' | 'nsSteps' | 'epsilon' | 'rmsRate' | 'muonKerasForm'
  | 'weightDecay' | 'adamBeta1' | 'adamBeta2' | 'adamWeightDecay' | 'adamLrRatio' | 'excludeEmbeddings'
>;

export type MuonState = {
  /** The momentum: Keras's sum μ·m + g, torch's EMA. */
  readonly m: FloatArray;
  /** Keras's Adam step only: the second moment. */
  readonly v?: FloatArray;
};

/** Keras's rule for which parameters take the Adam step (torch refuses them instead). */
export function takesAdamStep(shape: readonly number[], name: string, hp: Pick<Hyperparameters, 'excludeEmbeddings'>): boolean {
  return shape.length !== 2 || (hp.excludeEmbeddings && name.toLowerCase().includes('embedding'));
}

/** The Muon step of a rows × cols parameter (weight decay already applied). */
export function muonUpdate(p: FloatArray, g: FloatArray, m: FloatArray, hp: MuonHyperparameters, rows: number, cols: number): void {
  const { momentum, nesterov, learningRate } = hp;
  const keras = hp.muonKerasForm;
  const direction = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    if (keras) m[i] = m[i]! + (gi + m[i]! * (momentum - 1));
    else m[i] = lerp(m[i]!, gi, 1 - momentum);
    if (!nesterov) direction[i] = m[i]!;
    else direction[i] = keras ? gi + momentum * m[i]! : lerp(gi, m[i]!, momentum);
  }
  const orthogonal = newtonSchulz(direction, rows, cols, {
    a: hp.muonA, b: hp.muonB, c: hp.muonC, steps: hp.nsSteps,
    normalize: keras ? 'add' : 'clamp', epsilon: keras ? 1e-7 : hp.epsilon,
  });
  if (keras) {
    const scale = hp.rmsRate > 0 ? Math.sqrt(Math.max(rows, cols)) : 1;
    for (let i = 0; i < p.length; i++) p[i] = p[i]! - (hp.rmsRate > 0 ? learningRate * orthogonal[i]! * scale * hp.rmsRate : learningRate * orthogonal[i]!);
    return;
  }
  const adjusted = learningRate * Math.sqrt(Math.max(1, rows / cols));
  for (let i = 0; i < p.length; i++) p[i] = p[i]! + -adjusted * orthogonal[i]!;
}

function update(p: FloatArray, g: FloatArray, state: MuonState, hp: Hyperparameters, shape: readonly number[], name: string, t: number): void {
  const adam = hp.muonKerasForm && takesAdamStep(shape, name, hp);
  if (hp.muonKerasForm) {
    const decay = adam ? hp.adamWeightDecay : hp.weightDecay;
    if (decay > 0) kerasDecoupledDecay(p, decay, hp.learningRate);
  }
  if (!adam) return muonUpdate(p, g, state.m, hp, shape[0]!, shape[1]!);
  if (state.v === undefined) throw new Error('muon: a parameter on the Adam step needs state.v');
  const adamHp = { learningRate: hp.learningRate * hp.adamLrRatio, beta1: hp.adamBeta1, beta2: hp.adamBeta2, epsilon: hp.epsilon, amsgrad: false, epsilonHat: true };
  adamUpdate(p, g, { m: state.m, v: state.v }, adamHp, t);
}

/** Keras's muon_a, muon_b, muon_c: any finite number. */
const FINITE: NumberRange = { kind: 'number', test: () => true, allowed: 'a finite number', outside: Number.NaN };
/** torch refuses ns_steps ≥ 100. */
const NS_STEPS: NumberRange = { kind: 'number', test: (x) => Number.isInteger(x) && x >= 0 && x < 100, allowed: 'an integer in [0, 100)', outside: 100 };

const COEFFICIENTS = { muonA: 3.4445, muonB: -4.775, muonC: 2.0315 } as const;

export const muon = defineOptimizer({
  name: 'muon',
  displayName: 'Muon',
  citation: 'Jordan et al. 2024, "Muon: An optimizer for hidden layers in neural networks"; Liu et al. 2025, "Muon is Scalable for LLM Training"',
  defaults: {
    keras: {
      learningRate: 0.001, adamBeta1: 0.9, adamBeta2: 0.999, adamWeightDecay: 0.004, epsilon: 1e-7, weightDecay: 0.004, excludeEmbeddings: true,
      ...COEFFICIENTS, adamLrRatio: 1, momentum: 0.95, nsSteps: 5, nesterov: true, rmsRate: 0.2,
    },
    torch: { learningRate: 1e-3, weightDecay: 0.1, momentum: 0.95, nesterov: true, ...COEFFICIENTS, epsilon: 1e-7, nsSteps: 5 },
  },
  ranges: {
    adamBeta1: HALF_OPEN_UNIT, adamBeta2: HALF_OPEN_UNIT, adamWeightDecay: NON_NEGATIVE, epsilon: NON_NEGATIVE, excludeEmbeddings: BOOLEAN,
    muonA: FINITE, muonB: FINITE, muonC: FINITE, adamLrRatio: NON_NEGATIVE, momentum: UNIT, nsSteps: NS_STEPS, nesterov: BOOLEAN, rmsRate: NON_NEGATIVE,
  },
  kerasWeightDecay: 'in-rule',
  torchWeightDecay: 'decoupled',
  stateShapes: (shape, hp, name): Record<string, number[]> => (hp.muonKerasForm && takesAdamStep(shape, name, hp) ? { m: [...shape], v: [...shape] } : { m: [...shape] }),
  checkParameter: (shape, convention) =>
    convention === 'torch' && shape.length !== 2 ? 'torch.optim.Muon takes only 2-D parameters (give biases and embeddings another optimizer, or use the keras convention, whose Muon gives them an Adam step)' : undefined,
  update: (p, g, state: MuonState, hp, { t, shape, name }) => update(p, g, state, hp, shape, name, t),
});

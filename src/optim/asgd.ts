/**
 * ASGD, averaged stochastic gradient descent (Polyak & Juditsky 1992; the step-size
 * schedule of Bottou 2012, "Stochastic Gradient Descent Tricks" §5.3), as torch.optim.ASGD
 * implements it, one parameter, in place. torch convention only: Keras has no ASGD.
 * The parameter follows plain SGD with a decaying step; the average of its iterates is
 * kept beside it (`average`, torch's `ax`) and is what the method returns in theory.
 *
 *   η, μ: η = lr and μ = 1 before step 1
 *   p  ← p·(1 − λ·η)
 *   p  ← p − η·g
 *   ā  ← ā + μ·(p − ā)    (μ = 1: ā ← p)
 *   η  ← lr / (1 + λ·lr·t)^α          for the next step
 *   μ  ← 1 / max(1, t − t0)
 *
 * η and μ are kept per parameter, as torch keeps them (0-dimensional state arrays, so a
 * trace and a state dict show them): they change after this step's update, from this
 * step's lr and t, so under a schedule η follows lr one step late, as in torch. For a
 * float32 parameter they are float32, as torch's are in its default dtype.
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts';
import { defineOptimizer } from './spec.ts';
import { NON_NEGATIVE } from './option-ranges.ts';

export type AsgdHyperparameters = Pick<Hyperparameters, 'learningRate' | 'lambd' | 'alpha' | 't0'>;

export type AsgdState = {
  /** ā, the running average of the iterates: torch's `ax`. */
  readonly average: FloatArray;
  /** η, this parameter's step size for the next step (one element). */
  readonly eta: FloatArray;
  /** μ, this parameter's averaging weight for the next step (one element). */
  readonly mu: FloatArray;
};

export function asgdUpdate(p: FloatArray, g: FloatArray, state: AsgdState, hp: AsgdHyperparameters, t: number): void {
  const { average, eta: etaState, mu: muState } = state;
  const { learningRate, lambd, alpha, t0 } = hp;
  if (t === 1) {
    etaState[0] = learningRate;
    muState[0] = 1;
  }
  const eta = etaState[0]!;
  const mu = muState[0]!;
  // torch multiplies by a Python float, which a float32 tensor takes as float32.
  const decay = p instanceof Float32Array ? Math.fround(1 - lambd * eta) : 1 - lambd * eta;
  for (let i = 0; i < p.length; i++) {
    p[i] = p[i]! * decay;
    p[i] = p[i]! + -eta * g[i]!;
    average[i] = mu === 1 ? p[i]! : average[i]! + (p[i]! - average[i]!) * mu;
  }
  etaState[0] = learningRate / pow(1 + lambd * learningRate * t, alpha); // src/libm's pow: the same bits on every engine
  muState[0] = 1 / Math.max(1, t - t0);
}

export const asgd = defineOptimizer({
  name: 'asgd',
  displayName: 'ASGD',
  citation: 'Polyak & Juditsky 1992, "Acceleration of Stochastic Approximation by Averaging"; step sizes: Bottou 2012',
  defaults: {
    torch: { learningRate: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weightDecay: 0 },
  },
  ranges: { lambd: NON_NEGATIVE, alpha: NON_NEGATIVE, t0: NON_NEGATIVE },
  stateShapes: (shape) => ({ average: [...shape], eta: [], mu: [] }),
  update: (p, g, state: AsgdState, hp, { t }) => asgdUpdate(p, g, state, hp, t),
});

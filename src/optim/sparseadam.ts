/**
 * SparseAdam (torch.optim.SparseAdam): lazy Adam, the rule for embedding tables. Only the
 * rows r a step's gradient touched (an embedding lookup's; StepContext.touchedRows) move,
 * and only their moments are updated; every other row keeps p, m and v bit for bit (its
 * moments are not decayed). With t the step count (torch's per-parameter state['step'],
 * advanced on every step whatever rows it touches):
 *
 *   m_r ← m_r + (1 − β1)·(g_r − m_r)
 *   v_r ← v_r + (1 − β2)·(g_r² − v_r)
 *   p_r ← p_r − (lr·√(1 − β2^t) / (1 − β1^t))·m_r / (√v_r + ε)
 *
 * in torch's order of operations: the moment updates are the increments (1 − β)·(new − old)
 * added to the old value, and ε is added to √v before the bias correction (Adam's ε̂, as
 * in Keras's Adam, unlike torch's Adam). torch refuses a dense gradient; so does this rule,
 * unless `denseAdam` (seedgrad's option, off by default) asks for the pairing torch users
 * write by hand, SparseAdam for the embedding tables and torch's Adam with the same lr,
 * betas and ε for the dense parameters: a parameter whose gradient carries no touched
 * rows then takes adam.ts's torch rule.
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts';
import { adamUpdate } from './adam.ts';
import { defineOptimizer, likeParameter, type FusedKernel, type SparseAdamStep } from './spec.ts';
import { BOOLEAN, HALF_OPEN_UNIT, POSITIVE } from './option-ranges.ts';

export type SparseAdamHyperparameters = Pick<Hyperparameters, 'learningRate' | 'beta1' | 'beta2' | 'epsilon'>;

export type SparseAdamState = {
  /** First moment of each row, updated only where a step touched the row. */
  readonly m: FloatArray;
  /** Second moment of each row, likewise. */
  readonly v: FloatArray;
};

/** The scalars of step t: what the loop below and a backend's fused kernel both use. */
export function sparseAdamStep(hp: SparseAdamHyperparameters, t: number): SparseAdamStep {
  const { beta1, beta2, epsilon, learningRate } = hp;
  return { beta1, beta2, epsilon, stepSize: (learningRate * Math.sqrt(1 - pow(beta2, t))) / (1 - pow(beta1, t)) };
}

/** The lazy update of the rows `rows` of a parameter with `rowSize` values per row, in place. */
export function sparseAdamUpdate(p: FloatArray, g: FloatArray, state: SparseAdamState, hp: SparseAdamHyperparameters, t: number, rows: Int32Array, rowSize: number): void {
  const { m, v } = state;
  const { beta1, beta2, epsilon, stepSize } = sparseAdamStep(hp, t);
  for (const row of rows) {
    for (let i = row * rowSize, end = i + rowSize; i < end; i++) {
      const gi = g[i]!;
      const mOld = m[i]!;
      const vOld = v[i]!;
      const mIncrement = (gi - mOld) * (1 - beta1);
      const vIncrement = (gi * gi - vOld) * (1 - beta2);
      m[i] = mOld + mIncrement;
      v[i] = vOld + vIncrement;
      p[i] = p[i]! + -stepSize * ((mIncrement + mOld) / (Math.sqrt(vIncrement + vOld) + epsilon));
    }
  }
}

const rowSizeOf = (shape: readonly number[]) => shape.slice(1).reduce((a, b) => a * b, 1);

/** A backend's fused SparseAdam (the js backend's module, split across its threads) for the tables with touched rows; the rest take the rule. */
const fusedSparseAdam: FusedKernel<SparseAdamState> = {
  appliesTo: (kernels) => kernels.sparseAdam !== undefined,
  update: (kernels, p, g, state, hp, t, { shape, touchedRows }) => touchedRows !== undefined && kernels.sparseAdam!(p, g, state.m, state.v, touchedRows, rowSizeOf(shape), sparseAdamStep(hp, t)),
};

export const sparseadam = defineOptimizer({
  name: 'sparseadam',
  displayName: 'SparseAdam',
  citation: 'torch.optim.SparseAdam (lazy Adam); Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization"',
  defaults: {
    torch: { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, denseAdam: false },
  },
  ranges: { beta1: HALF_OPEN_UNIT, beta2: HALF_OPEN_UNIT, epsilon: POSITIVE, denseAdam: BOOLEAN },
  stateShapes: likeParameter(() => ['m', 'v']),
  needsTouchedRows: (hp) => !hp.denseAdam,
  update: (p, g, state: SparseAdamState, hp, { t, shape, touchedRows }) => {
    if (touchedRows === undefined) return adamUpdate(p, g, state, { ...hp, amsgrad: false }, t);
    sparseAdamUpdate(p, g, state, hp, t, touchedRows, rowSizeOf(shape));
  },
  fused: fusedSparseAdam,
});

/**
 * L-BFGS (Liu & Nocedal 1989; Nocedal & Wright 2006, Algorithm 7.4) as torch.optim.LBFGS
 * runs it: all parameters as one vector x, one step() = up to maxIter iterations of
 *
 *   y = g − g_prev,  s = t·d,  and when yᵀs > 1e-10 the pair (s, y), ρ = 1/(yᵀs) joins the
 *     history (the oldest leaves beyond historySize) and H_diag = yᵀs / yᵀy;
 *   d = −H·g by the two-loop recursion:
 *     q = −g;  for i newest → oldest: α_i = ρ_i·s_iᵀq,  q ← q − α_i·y_i
 *     r = H_diag·q;  for i oldest → newest: β_i = ρ_i·y_iᵀr,  r ← r + (α_i − β_i)·s_i;  d = r
 *   (the very first iteration: d = −g, H_diag = 1)
 *   t = lr (the first iteration ever: min(1, 1/‖g‖₁)·lr), or the strong-Wolfe search's
 *     step along d from there (lineSearchFn 'strong_wolfe', strong-wolfe.ts);  x ← x + t·d
 *
 * stopping early, as torch does, when max|g| ≤ toleranceGrad, gᵀd > −toleranceChange,
 * max|t·d| ≤ toleranceChange, |f − f_prev| < toleranceChange, or after maxEval
 * evaluations. Without a line search the last iteration does not re-evaluate f.
 *
 * It evaluates the function itself, so it takes `step(closure)` only (spec.ts's
 * ClosureRule). Its state: per parameter, its slices of d, of the previous gradient and of
 * the s and y histories ([historySize, size], oldest first); as scalars, t, H_diag, the
 * previous loss, funcEvals and nIter (torch's counters), the history's length and ρ_0…ρ_{H−1}.
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import type { Evaluation, OptimizerScalars } from './spec.ts';
import { defineOptimizer } from './spec.ts';
import { NON_NEGATIVE, POSITIVE_INTEGER, type ChoiceRange } from './option-ranges.ts';
import { absMax, absSum, addScaled, cloneVector, copyInto, dot, historyRow, scaleInto, subtractInto, type FlatVector } from './flat-vector.ts';
import { strongWolfe } from './strong-wolfe.ts';

export type LbfgsHyperparameters = Pick<Hyperparameters, 'learningRate' | 'maxIter' | 'maxEval' | 'toleranceGrad' | 'toleranceChange' | 'historySize' | 'lineSearchFn'>;

export type LbfgsState = {
  /** This parameter's slice of the last direction d. */
  readonly d: FloatArray;
  /** Its slice of the gradient the last iteration started from. */
  readonly prevGrad: FloatArray;
  /** Its slices of the steps s_i = t·d ([historySize, size], oldest first; the first `historyLength` rows hold pairs). */
  readonly s: FloatArray;
  /** Its slices of the gradient changes y_i (torch's old_dirs; s_i are its old_stps). */
  readonly y: FloatArray;
};

const LINE_SEARCHES: ChoiceRange = { kind: 'choice', values: ['strong_wolfe'], outside: 'backtracking' };

/** torch's ys > 1e-10: a pair joins the history only with enough positive curvature. */
const CURVATURE_THRESHOLD = 1e-10;

const rhoKey = (i: number): string => `rho${i}`;

function initialScalars(hp: Pick<Hyperparameters, 'historySize'>): OptimizerScalars {
  const scalars: OptimizerScalars = { t: 0, hDiag: 1, prevLoss: 0, funcEvals: 0, nIter: 0, historyLength: 0 };
  for (let i = 0; i < hp.historySize; i++) scalars[rhoKey(i)] = 0;
  return scalars;
}

/** Appends (s, y, ρ) to the history, dropping the oldest pair when it is full. */
function remember(states: readonly LbfgsState[], sizes: readonly number[], scalars: OptimizerScalars, historySize: number, s: FlatVector, y: FlatVector, rho: number): void {
  let length = scalars['historyLength']!;
  if (length === historySize) {
    states.forEach((state, k) => {
      state.s.copyWithin(0, sizes[k]!);
      state.y.copyWithin(0, sizes[k]!);
    });
    for (let i = 1; i < historySize; i++) scalars[rhoKey(i - 1)] = scalars[rhoKey(i)]!;
    length -= 1;
  }
  copyInto(historyRow(states.map((state) => state.s), sizes, length), s);
  copyInto(historyRow(states.map((state) => state.y), sizes, length), y);
  scalars[rhoKey(length)] = rho;
  scalars['historyLength'] = length + 1;
}

/** d ← −H·g by the two-loop recursion over the history (header). */
function twoLoopDirection(states: readonly LbfgsState[], sizes: readonly number[], scalars: OptimizerScalars, g: FlatVector, d: FlatVector): void {
  const length = scalars['historyLength']!;
  const sRow = (i: number) => historyRow(states.map((state) => state.s), sizes, i);
  const yRow = (i: number) => historyRow(states.map((state) => state.y), sizes, i);
  const alpha = new Float64Array(length);
  const q = cloneVector(g);
  scaleInto(q, g, -1);
  for (let i = length - 1; i >= 0; i--) {
    alpha[i] = dot(sRow(i), q) * scalars[rhoKey(i)]!;
    addScaled(q, -alpha[i]!, yRow(i));
  }
  scaleInto(d, q, scalars['hDiag']!);
  for (let i = 0; i < length; i++) {
    const beta = dot(yRow(i), d) * scalars[rhoKey(i)]!;
    addScaled(d, alpha[i]! - beta, sRow(i));
  }
}

export function lbfgsStep(params: FlatVector, evaluate: () => Evaluation, states: readonly LbfgsState[], scalars: OptimizerScalars, hp: LbfgsHyperparameters): number {
  const { learningRate, maxIter, toleranceGrad, toleranceChange, historySize } = hp;
  const maxEval = hp.maxEval ?? Math.floor((maxIter * 5) / 4);
  const sizes = params.map((p) => p.length);
  const d = states.map((state) => state.d);
  const prevGrad = states.map((state) => state.prevGrad);
  const first = evaluate();
  const originalLoss = first.loss;
  let loss = first.loss;
  let g: FlatVector = cloneVector(first.grads);
  let evaluations = 1;
  scalars['funcEvals']! += 1;
  if (absMax(g) <= toleranceGrad) return originalLoss;

  let t = scalars['t']!;
  let optimal = false;
  for (let iteration = 1; iteration <= maxIter; iteration++) {
    scalars['nIter']! += 1;
    if (scalars['nIter'] === 1) {
      scaleInto(d, g, -1);
      scalars['historyLength'] = 0;
      scalars['hDiag'] = 1;
    } else {
      const y = cloneVector(g);
      subtractInto(y, g, prevGrad);
      const s = cloneVector(d);
      scaleInto(s, d, t);
      const ys = dot(y, s);
      if (ys > CURVATURE_THRESHOLD) {
        remember(states, sizes, scalars, historySize, s, y, 1 / ys);
        scalars['hDiag'] = ys / dot(y, y);
      }
      twoLoopDirection(states, sizes, scalars, g, d);
    }
    copyInto(prevGrad, g);
    scalars['prevLoss'] = loss;
    t = scalars['nIter'] === 1 ? Math.min(1, 1 / absSum(g)) * learningRate : learningRate;
    const gtd = dot(g, d);
    if (gtd > -toleranceChange) break;

    let lineEvaluations = 0;
    if (hp.lineSearchFn === 'strong_wolfe') {
      const start = cloneVector(params);
      const evaluateAt = (step: number) => {
        addScaled(params, step, d);
        const at = evaluate();
        const grad = cloneVector(at.grads);
        copyInto(params, start);
        return { loss: at.loss, grad };
      };
      const found = strongWolfe(evaluateAt, d, t, loss, g, gtd, toleranceChange);
      ({ loss, t } = found);
      g = found.grad;
      lineEvaluations = found.evaluations;
      addScaled(params, t, d);
      optimal = absMax(g) <= toleranceGrad;
    } else {
      addScaled(params, t, d);
      if (iteration !== maxIter) {
        // torch re-evaluates only before another iteration: in a stochastic setting the last one is of no use.
        const next = evaluate();
        loss = next.loss;
        g = cloneVector(next.grads);
        optimal = absMax(g) <= toleranceGrad;
        lineEvaluations = 1;
      }
    }
    evaluations += lineEvaluations;
    scalars['funcEvals']! += lineEvaluations;

    if (iteration === maxIter || evaluations >= maxEval || optimal) break;
    if (absMax(d, t) <= toleranceChange || Math.abs(loss - scalars['prevLoss']!) < toleranceChange) break;
  }
  scalars['t'] = t;
  return originalLoss;
}

export const lbfgs = defineOptimizer({
  name: 'lbfgs',
  displayName: 'L-BFGS',
  citation: 'Liu & Nocedal 1989, "On the limited memory BFGS method for large scale optimization"; as torch.optim.LBFGS',
  defaults: {
    torch: { learningRate: 1, maxIter: 20, maxEval: null, toleranceGrad: 1e-7, toleranceChange: 1e-9, historySize: 100, lineSearchFn: null },
  },
  ranges: { maxIter: POSITIVE_INTEGER, maxEval: POSITIVE_INTEGER, toleranceGrad: NON_NEGATIVE, toleranceChange: NON_NEGATIVE, historySize: POSITIVE_INTEGER, lineSearchFn: LINE_SEARCHES },
  stateShapes: (shape, hp) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return { d: [size], prevGrad: [size], s: [hp.historySize, size], y: [hp.historySize, size] };
  },
  scalars: { initial: initialScalars },
  closure: { step: (params, evaluate, states: readonly LbfgsState[], scalars, hp) => lbfgsStep(params, evaluate, states, scalars, hp) },
});

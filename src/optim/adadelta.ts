/**
 * Adadelta (Zeiler 2012, Algorithm 1), one parameter, in place. Both conventions share
 * the formula; only the defaults differ (docs/optimizers.md §4). Like Keras and torch, seedgrad keeps
 * a learning rate that scales the paper's Δx (the paper has none, i.e. lr = 1).
 *
 *   E[g²]  ← ρ·E[g²] + (1 − ρ)·g²
 *   Δx     = √(E[Δx²] + ε) / √(E[g²] + ε) · g          (E[Δx²] from before this step)
 *   E[Δx²] ← ρ·E[Δx²] + (1 − ρ)·Δx²
 *   p      ← p − lr·Δx
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { defineOptimizer, likeParameter } from './spec.ts';
import { NON_NEGATIVE, UNIT } from './option-ranges.ts';

export type AdadeltaHyperparameters = Pick<Hyperparameters, 'learningRate' | 'rho' | 'epsilon'>;

export type AdadeltaState = {
  /** E[g²], Keras's `accumulated_grads`, torch's `square_avg`. */
  readonly squaredGradientAverage: FloatArray;
  /** E[Δx²], Keras's `accumulated_delta_vars`, torch's `acc_delta`. */
  readonly squaredDeltaAverage: FloatArray;
};

export function adadeltaUpdate(p: FloatArray, g: FloatArray, state: AdadeltaState, hp: AdadeltaHyperparameters): void {
  const { squaredGradientAverage: meanG2, squaredDeltaAverage: meanDx2 } = state;
  const { learningRate, rho, epsilon } = hp;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    meanG2[i] = meanG2[i]! * rho + (1 - rho) * gi * gi;
    const delta = (Math.sqrt(meanDx2[i]! + epsilon) / Math.sqrt(meanG2[i]! + epsilon)) * gi;
    meanDx2[i] = meanDx2[i]! * rho + (1 - rho) * delta * delta;
    p[i] = p[i]! + -learningRate * delta;
  }
}

export const adadelta = defineOptimizer({
  name: 'adadelta',
  displayName: 'Adadelta',
  citation: 'Zeiler 2012, "ADADELTA: An Adaptive Learning Rate Method"',
  defaults: {
    keras: { learningRate: 0.001, rho: 0.95, epsilon: 1e-7 },
    torch: { learningRate: 1.0, rho: 0.9, epsilon: 1e-6, weightDecay: 0 },
  },
  ranges: { rho: UNIT, epsilon: NON_NEGATIVE },
  stateShapes: likeParameter(() => ['squaredGradientAverage', 'squaredDeltaAverage']),
  update: (p, g, state: AdadeltaState, hp) => adadeltaUpdate(p, g, state, hp),
});

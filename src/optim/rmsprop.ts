/**
 * RMSprop (Tieleman & Hinton 2012, Coursera lecture 6.5; centered variant: Graves 2013,
 * eq. 38–40), one parameter, in place. `rho` is torch's `alpha`.
 *
 *   v ← ρ·v + (1 − ρ)·g²
 *   centered: a ← ρ·a + (1 − ρ)·g, and v − a² replaces v below
 *
 * Keras (`epsilonInsideSqrt`, `bufferHoldsStep`), docs/optimizers.md §2:
 *   s = lr·g / √(v [− a²] + ε)
 *   momentum > 0: b ← μ·b + s; p ← p − b      else: p ← p − s
 *
 * torch, docs/optimizers.md §3:
 *   D = √(v [− a²]) + ε
 *   momentum > 0: b ← μ·b + g/D; p ← p − lr·b   else: p ← p − lr·g/D
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { defineOptimizer, likeParameter } from './spec.ts';
import { BOOLEAN, NON_NEGATIVE, UNIT } from './option-ranges.ts';

export type RmspropHyperparameters = Pick<
  Hyperparameters,
  'learningRate' | 'rho' | 'epsilon' | 'momentum' | 'centered' | 'epsilonInsideSqrt' | 'bufferHoldsStep'
>;

export type RmspropState = {
  /** Running mean of g². */
  readonly v: FloatArray;
  /** Running mean of g; present only when centered. */
  readonly meanGradient?: FloatArray;
  /** Momentum buffer; present only when momentum > 0. */
  readonly momentumBuffer?: FloatArray;
};

export function rmspropUpdate(p: FloatArray, g: FloatArray, state: RmspropState, hp: RmspropHyperparameters): void {
  const { v, meanGradient: a, momentumBuffer: b } = state;
  const { learningRate, rho, epsilon, momentum } = hp;
  if (hp.centered && a === undefined) throw new Error('rmspropUpdate: centered needs state.meanGradient');
  if (momentum > 0 && b === undefined) throw new Error('rmspropUpdate: momentum > 0 needs state.momentumBuffer');
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    v[i] = v[i]! * rho + (1 - rho) * gi * gi;
    let variance = v[i]!;
    if (a !== undefined && hp.centered) {
      a[i] = a[i]! * rho + (1 - rho) * gi;
      variance = variance - a[i]! * a[i]!;
    }
    const denominator = hp.epsilonInsideSqrt ? Math.sqrt(variance + epsilon) : Math.sqrt(variance) + epsilon;
    if (hp.bufferHoldsStep) {
      const step = (learningRate * gi) / denominator;
      if (b !== undefined && momentum > 0) {
        b[i] = momentum * b[i]! + step;
        p[i] = p[i]! - b[i]!;
      } else {
        p[i] = p[i]! - step;
      }
    } else if (b !== undefined && momentum > 0) {
      b[i] = b[i]! * momentum + gi / denominator;
      p[i] = p[i]! + -learningRate * b[i]!;
    } else {
      p[i] = p[i]! + (-learningRate * gi) / denominator;
    }
  }
}

export const rmsprop = defineOptimizer({
  name: 'rmsprop',
  displayName: 'RMSprop',
  citation: 'Tieleman & Hinton 2012, Coursera lecture 6.5; centered: Graves 2013',
  defaults: {
    keras: { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false },
    torch: { learningRate: 1e-2, rho: 0.99, epsilon: 1e-8, momentum: 0, centered: false, weightDecay: 0 },
  },
  ranges: { rho: UNIT, momentum: UNIT, epsilon: NON_NEGATIVE, centered: BOOLEAN },
  stateShapes: likeParameter((hp) => ['v', ...(hp.centered ? ['meanGradient'] : []), ...(hp.momentum > 0 ? ['momentumBuffer'] : [])]),
  update: (p, g, state: RmspropState, hp) => rmspropUpdate(p, g, state, hp),
});

/**
 * Stochastic gradient descent with optional (Nesterov) momentum (Polyak 1964;
 * Sutskever et al. 2013), one parameter, in place.
 *
 *   momentum = 0:  p ← p − lr·g                       (nesterov is then ignored)
 *
 * Keras (`bufferHoldsStep`), docs/optimizers.md §2; the buffer holds −lr·Σ:
 *   b ← μ·b − lr·g
 *   p ← p + μ·b − lr·g   (nesterov)   or   p ← p + b
 *
 * torch, docs/optimizers.md §3; the buffer holds Σ g and starts as g itself on step 1:
 *   b ← g (t = 1)   or   b ← μ·b + (1 − dampening)·g
 *   d = g + μ·b (nesterov)   or   d = b
 *   p ← p − lr·d
 *
 * With dampening 0 and a constant lr the Keras buffer is −lr times the torch buffer and
 * the trajectories are equal (spec pitfall 10).
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';

export type SgdHyperparameters = Pick<Hyperparameters, 'learningRate' | 'momentum' | 'nesterov' | 'dampening' | 'bufferHoldsStep'>;

export type SgdState = {
  /** The momentum buffer b; present only when momentum > 0. */
  readonly momentumBuffer?: FloatArray;
};

export function sgdStateNames(hp: Pick<Hyperparameters, 'momentum'>): string[] {
  return hp.momentum > 0 ? ['momentumBuffer'] : [];
}

export function sgdUpdate(p: FloatArray, g: FloatArray, state: SgdState, hp: SgdHyperparameters, t: number): void {
  const { learningRate, momentum, nesterov, dampening } = hp;
  const b = state.momentumBuffer;
  if (momentum === 0) {
    for (let i = 0; i < p.length; i++) p[i] = p[i]! - learningRate * g[i]!;
    return;
  }
  if (b === undefined) throw new Error('sgdUpdate: momentum > 0 needs state.momentumBuffer');
  if (hp.bufferHoldsStep) {
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      b[i] = momentum * b[i]! - learningRate * gi;
      p[i] = nesterov ? p[i]! + momentum * b[i]! - learningRate * gi : p[i]! + b[i]!;
    }
    return;
  }
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    b[i] = t === 1 ? gi : b[i]! * momentum + (1 - dampening) * gi;
    const direction = nesterov ? gi + momentum * b[i]! : b[i]!;
    p[i] = p[i]! + -learningRate * direction;
  }
}

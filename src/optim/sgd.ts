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
import { defineOptimizer, likeParameter } from './spec.ts';
import { describeValue } from './schedules.ts';
import { BOOLEAN, UNIT } from './option-ranges.ts';

export type SgdHyperparameters = Pick<Hyperparameters, 'learningRate' | 'momentum' | 'nesterov' | 'dampening' | 'bufferHoldsStep'>;

export type SgdState = {
  /** The momentum buffer b; present only when momentum > 0. */
  readonly momentumBuffer?: FloatArray;
};

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

export const sgd = defineOptimizer({
  name: 'sgd',
  displayName: 'SGD',
  citation: 'Polyak 1964; Nesterov momentum: Sutskever, Martens, Dahl & Hinton 2013',
  defaults: {
    keras: { learningRate: 0.01, momentum: 0, nesterov: false },
    // PyTorch >= 2.2's lr.
    torch: { learningRate: 1e-3, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 },
  },
  ranges: { momentum: UNIT, nesterov: BOOLEAN, dampening: UNIT },
  stateShapes: likeParameter((hp) => (hp.momentum > 0 ? ['momentumBuffer'] : [])),
  update: (p, g, state: SgdState, hp, { t }) => sgdUpdate(p, g, state, hp, t),
  checkOptions: ({ momentum, dampening, nesterov }, convention) =>
    convention === 'torch' && nesterov === true && (typeof momentum !== 'number' || momentum <= 0 || dampening !== 0)
      ? `nesterov needs momentum > 0 and dampening = 0; got momentum ${describeValue(momentum)}, dampening ${describeValue(dampening)}`
      : undefined,
});

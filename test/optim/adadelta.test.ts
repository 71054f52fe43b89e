import { describe, expect, it } from 'vitest';
import { elementwiseByHand, expectAllClose, stepsOf } from './helpers.ts';

const p0 = [1, -2];
const grads = [[0.5, -1], [-0.25, 0.1]];

/** docs/optimizers.md §2: E[g²] ← ρE[g²] + (1−ρ)g²; d = −√(E[Δx²]+ε)·g/√(E[g²]+ε); E[Δx²] ← ρE[Δx²] + (1−ρ)d²; p ← p + lr·d. */
function adadeltaByHand(lr: number, rho: number, epsilon: number): number[][] {
  return elementwiseByHand(p0, grads, () => {
    let eg = 0, edx = 0;
    return (p, g) => {
      eg = rho * eg + (1 - rho) * g * g;
      const d = (-Math.sqrt(edx + epsilon) * g) / Math.sqrt(eg + epsilon);
      edx = rho * edx + (1 - rho) * d * d;
      return p + lr * d;
    };
  });
}

describe('adadelta worked by hand', () => {
  it('keras step 1 of element 0: E[g²] = 0.05·0.25, d = −√1e-7·0.5/√(0.0125 + 1e-7)', () => {
    const [step1] = stepsOf('adadelta', 'keras', {}, p0, [grads[0]!]);
    expect(step1![0]).toBeCloseTo(1 + 0.001 * ((-Math.sqrt(1e-7) * 0.5) / Math.sqrt(0.0125 + 1e-7)), 15);
  });

  it('keras: two steps with lr 1e-3, ρ 0.95, ε 1e-7', () => {
    const expected = adadeltaByHand(0.001, 0.95, 1e-7);
    stepsOf('adadelta', 'keras', {}, p0, grads).forEach((s, k) => expectAllClose(s, expected[k]!));
  });

  it('torch: the same rule with lr 1, ρ 0.9, ε 1e-6', () => {
    const expected = adadeltaByHand(1, 0.9, 1e-6);
    stepsOf('adadelta', 'torch', {}, p0, grads).forEach((s, k) => expectAllClose(s, expected[k]!));
  });
});

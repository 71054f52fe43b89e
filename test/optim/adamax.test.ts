import { describe, expect, it } from 'vitest';
import { assertScaleInvariant, elementwiseByHand, expectAllClose, stepsOf } from './helpers.ts';

const p0 = [1, -2];
const grads = [[0.5, -1], [-0.25, 0.1]];

describe('adamax worked by hand', () => {
  it('keras: step 1 of element 0 is 1 − 0.001·0.05/(0.1·(0.5 + 1e-7))', () => {
    const [step1] = stepsOf('adamax', 'keras', {}, p0, [grads[0]!]);
    expect(step1![0]).toBeCloseTo(1 - (0.001 * 0.05) / (0.1 * (0.5 + 1e-7)), 15);
  });

  it('keras: two steps of u ← max(β2·u, |g|), p ← p − lr·m/((1 − β1^t)(u + ε))', () => {
    const expected = elementwiseByHand(p0, grads, () => {
      let m = 0, u = 0;
      return (p, g, t) => {
        m = m + (g - m) * (1 - 0.9);
        u = Math.max(0.999 * u, Math.abs(g));
        return p - (0.001 * m) / ((1 - 0.9 ** t) * (u + 1e-7));
      };
    });
    stepsOf('adamax', 'keras', {}, p0, grads).forEach((s, k) => expectAllClose(s, expected[k]!));
  });

  it('torch: two steps with ε inside the max, u ← max(β2·u, |g| + ε), lr 2e-3', () => {
    const expected = elementwiseByHand(p0, grads, () => {
      let m = 0, u = 0;
      return (p, g, t) => {
        m = 0.9 * m + 0.1 * g;
        u = Math.max(0.999 * u, Math.abs(g) + 1e-8);
        return p - (0.002 / (1 - 0.9 ** t)) * (m / u);
      };
    });
    stepsOf('adamax', 'torch', {}, p0, grads).forEach((s, k) => expectAllClose(s, expected[k]!));
  });

  it('with ε = 0 the trajectory is invariant to scaling the gradients, in both conventions', () => {
    assertScaleInvariant('adamax');
  });
});

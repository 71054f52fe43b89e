import { describe, expect, it } from 'vitest';
import { createOptimizer, nadamMomentum } from '../../src/optim/index.ts';
import { assertScaleInvariant, elementwiseByHand, expectAllClose, stepsOf } from './helpers.ts';

const p0 = [1, -2];
const grads = [[0.5, -1], [-0.25, 0.1]];

describe('nadam momentum schedules (docs/optimizers.md §4 table)', () => {
  it('keras μ_t = β1(1 − ½·0.96^t): 0.468, 0.601, 0.842, 0.892 at t = 1, 10, 50, 100', () => {
    const keras = { beta1: 0.9, momentumDecay: 1 };
    expect([1, 10, 50, 100].map((t) => nadamMomentum(keras, t).toFixed(3))).toEqual(['0.468', '0.601', '0.842', '0.892']);
  });
  it('torch μ_t = β1(1 − ½·0.96^(0.004t)): 0.450, 0.451, 0.454, 0.457 at t = 1, 10, 50, 100; 0.518 at 1000', () => {
    const torch = { beta1: 0.9, momentumDecay: 0.004 };
    expect([1, 10, 50, 100, 1000].map((t) => nadamMomentum(torch, t).toFixed(3))).toEqual(['0.450', '0.451', '0.454', '0.457', '0.518']);
  });
});

describe('nadam, keras convention, worked by hand', () => {
  it('step 1: μ1 = 0.468, μ2 = 0.9·(1 − ½·0.9216) = 0.48528, P1 = μ1', () => {
    const mu1 = 0.9 * (1 - 0.5 * 0.96), mu2 = 0.9 * (1 - 0.5 * 0.9216);
    const g = 0.5, m = 0.05, v = 0.00025;
    const mHat = (mu2 * m) / (1 - mu1 * mu2) + ((1 - mu1) * g) / (1 - mu1);
    const vHat = v / (1 - 0.999);
    const [step1] = stepsOf('nadam', 'keras', {}, p0, [grads[0]!]);
    expect(step1![0]).toBeCloseTo(1 - (0.001 * mHat) / (Math.sqrt(vHat) + 1e-7), 15);
  });

  it('two steps of the docs/optimizers.md §2 rule, with P_t updated before the parameters', () => {
    const mu = (t: number): number => 0.9 * (1 - 0.5 * 0.96 ** t);
    const expected = elementwiseByHand(p0, grads, () => {
      let m = 0, v = 0, product = 1;
      return (p, g, t) => {
        product = product * mu(t);
        m = m + (g - m) * (1 - 0.9);
        v = v + (g * g - v) * (1 - 0.999);
        const mHat = (mu(t + 1) * m) / (1 - product * mu(t + 1)) + ((1 - mu(t)) * g) / (1 - product);
        const vHat = v / (1 - 0.999 ** t);
        return p - (0.001 * mHat) / (Math.sqrt(vHat) + 1e-7);
      };
    });
    stepsOf('nadam', 'keras', {}, p0, grads).forEach((s, k) => expectAllClose(s, expected[k]!, 1e-13));
  });

  it('keeps P_t as the scalar muProduct: μ1·μ2 after two steps', () => {
    const params = [{ name: 'p', shape: [2], data: Float64Array.from(p0) }];
    const opt = createOptimizer('nadam', { params });
    for (const g of grads) opt.step({ p: Float64Array.from(g) });
    expect(opt.scalars()['muProduct']).toBeCloseTo(0.468 * 0.48528, 15);
  });

  it('with ε = 0 the trajectory is invariant to scaling the gradients, in both conventions', () => {
    assertScaleInvariant('nadam');
  });
});

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

describe('nadam, torch ≥ 2.0 decoupledWeightDecay (torch 1.13 has only L2; no golden run)', () => {
  /** An independent float64 torch NAdam (ψ = momentumDecay) with either weight decay. */
  function torchNadamByHand(lr: number, wd: number, decoupled: boolean, steps: readonly (readonly number[])[]): number[][] {
    const mu = (t: number): number => 0.9 * (1 - 0.5 * 0.96 ** (t * 0.004));
    return elementwiseByHand(p0, steps, () => {
      let m = 0, v = 0, product = 1;
      return (p, g, t) => {
        if (decoupled) p = p * (1 - lr * wd);
        else g = g + wd * p;
        product *= mu(t);
        m = 0.9 * m + 0.1 * g;
        v = 0.999 * v + 0.001 * g * g;
        const denominator = Math.sqrt(v / (1 - 0.999 ** t)) + 1e-8;
        return p - (lr * (1 - mu(t)) * g) / ((1 - product) * denominator) - (lr * mu(t + 1) * m) / ((1 - product * mu(t + 1)) * denominator);
      };
    });
  }

  it('step 1 by hand: p·(1 − lr·wd), then the NAdam step of g alone (m = 0.1g, √v̂ = |g|)', () => {
    const mu1 = 0.9 * (1 - 0.5 * 0.96 ** 0.004), mu2 = 0.9 * (1 - 0.5 * 0.96 ** 0.008);
    const [step1] = stepsOf('nadam', 'torch', { learningRate: 0.1, weightDecay: 0.5, decoupledWeightDecay: true }, p0, [grads[0]!]);
    const d = 0.5 + 1e-8; // √(v/(1 − β2)) + ε with v = 0.001·0.25
    expect(step1![0]).toBeCloseTo(0.95 - (0.1 * (1 - mu1) * 0.5) / ((1 - mu1) * d) - (0.1 * mu2 * 0.05) / ((1 - mu1 * mu2) * d), 14);
  });

  it('two steps of the reference, decoupled and L2; the two differ', () => {
    const decoupled = stepsOf('nadam', 'torch', { learningRate: 0.1, weightDecay: 0.5, decoupledWeightDecay: true }, p0, grads);
    decoupled.forEach((s, k) => expectAllClose(s, torchNadamByHand(0.1, 0.5, true, grads)[k]!, 1e-13));
    const l2 = stepsOf('nadam', 'torch', { learningRate: 0.1, weightDecay: 0.5 }, p0, grads);
    l2.forEach((s, k) => expectAllClose(s, torchNadamByHand(0.1, 0.5, false, grads)[k]!, 1e-13));
    expect(Math.abs(decoupled[1]![0]! - l2[1]![0]!)).toBeGreaterThan(1e-3);
  });

  it('false is the default and gives the L2 run to the bit; the Keras convention has no such option', () => {
    const options = { learningRate: 0.01, weightDecay: 0.1 };
    expect(stepsOf('nadam', 'torch', { ...options, decoupledWeightDecay: false }, p0, grads)).toEqual(stepsOf('nadam', 'torch', options, p0, grads));
    expect(() => createOptimizer('nadam', { options: { decoupledWeightDecay: true }, params: [] })).toThrow(/decoupledWeightDecay is not an option of this optimizer in the keras convention \(it exists in the torch convention\)/);
  });
});

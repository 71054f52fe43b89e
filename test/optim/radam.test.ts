import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOptimizer, radamRho } from '../../src/optim/index.ts';
import { elementwiseByHand, expectAllClose, stepsOf } from './helpers.ts';

const p0 = [1, -2];
const grads = [[0.5, -1], [-0.25, 0.1]];

/**
 * An independent float64 RAdam (Liu et al. 2020, Algorithm 2; torch.optim.RAdam), with
 * torch ≥ 2.0's decoupled weight decay p ← p·(1 − lr·wd) before the moments, or L2 on g.
 */
function radamByHand(steps: readonly (readonly number[])[], o: { lr: number; b1: number; b2: number; eps: number; wd: number; decoupled: boolean }): number[][] {
  return elementwiseByHand(p0, steps, () => {
    let m = 0, v = 0;
    return (p, g, t) => {
      if (o.decoupled) p = p * (1 - o.lr * o.wd);
      else g = g + o.wd * p;
      m = o.b1 * m + (1 - o.b1) * g;
      v = o.b2 * v + (1 - o.b2) * g * g;
      const mHat = m / (1 - o.b1 ** t);
      const rhoInf = 2 / (1 - o.b2) - 1;
      const rho = rhoInf - (2 * t * o.b2 ** t) / (1 - o.b2 ** t);
      if (rho <= 5) return p - o.lr * mHat;
      const r = Math.sqrt(((rho - 4) * (rho - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rho));
      return p - o.lr * mHat * r * (Math.sqrt(1 - o.b2 ** t) / (Math.sqrt(v) + o.eps));
    };
  });
}

describe('radam worked by hand (torch convention; Keras 3 has no RAdam)', () => {
  it('ρ_t = ρ∞ − 2tβ2^t/(1 − β2^t) is 1 at t = 1 for any β2 and first exceeds 5 at t = 6 for β2 = 0.999', () => {
    expect(radamRho(0.999, 1)).toBeCloseTo(1, 12);
    expect(radamRho(0.5, 1)).toBeCloseTo(1, 12);
    expect(radamRho(0.999, 5)).toBeCloseTo(4.995998, 5);
    expect(radamRho(0.999, 6)).toBeCloseTo(5.994164, 5);
  });

  it('step 1 is SGD: m̂ = g, so p = p − lr·g; step 2 uses m̂ = (β1·g1 + g2)/(1 + β1)', () => {
    const [step1, step2] = stepsOf('radam', 'torch', { learningRate: 0.1 }, p0, grads);
    expectAllClose(step1!, [1 - 0.05, -2 + 0.1]);
    expectAllClose(step2!, [0.95 - 0.1 * ((0.9 * 0.5 - 0.25) / 1.9), -1.9 - 0.1 * ((0.9 * -1 + 0.1) / 1.9)]);
  });

  it('step 6 is the first rectified step (β2 = 0.999): the reference agrees over 12 steps', () => {
    const steps = Array.from({ length: 12 }, (_, k) => [Math.sin(k + 1), Math.cos(2 * k)]);
    const o = { lr: 0.01, b1: 0.9, b2: 0.999, eps: 1e-8, wd: 0, decoupled: false };
    const trajectory = stepsOf('radam', 'torch', { learningRate: 0.01 }, p0, steps.slice(0, 6));
    const unrectified = radamByHand(steps.slice(0, 6), { ...o, b2: 0.5 }); // ρ∞ = 3: never rectified; m̂ does not depend on β2
    for (let k = 0; k < 5; k++) expectAllClose(trajectory[k]!, unrectified[k]!, 1e-12);
    expect(Math.abs(trajectory[5]![0]! - unrectified[5]![0]!)).toBeGreaterThan(1e-6);
    stepsOf('radam', 'torch', { learningRate: 0.01 }, p0, steps).forEach((s, k) => expectAllClose(s, radamByHand(steps, o)[k]!, 1e-12));
  });

  it('torch ≥ 2.0 decoupledWeightDecay: p ← p·(1 − lr·wd) before the moments, worked by hand for two steps', () => {
    const options = { learningRate: 0.1, weightDecay: 0.5, decoupledWeightDecay: true };
    const [step1, step2] = stepsOf('radam', 'torch', options, p0, grads);
    // step 1: p·0.95, then − lr·g (the decay does not enter g)
    expectAllClose(step1!, [0.95 - 0.05, -1.9 + 0.1]);
    // step 2: p1·0.95, then − lr·m̂ with m̂ = (0.9·g1 + g2)/1.9
    expectAllClose(step2!, [0.9 * 0.95 - 0.1 * ((0.45 - 0.25) / 1.9), -1.8 * 0.95 - 0.1 * ((-0.9 + 0.1) / 1.9)]);
    // with L2 (1.13's only form) the decay enters m instead: step 1 moves by lr·(g + wd·p)
    const [l2] = stepsOf('radam', 'torch', { ...options, decoupledWeightDecay: false }, p0, grads);
    expectAllClose(l2!, [1 - 0.1 * (0.5 + 0.5), -2 - 0.1 * (-1 - 1)]);
  });

  it('decoupledWeightDecay agrees with the reference over 20 rectified and unrectified steps', () => {
    const steps = Array.from({ length: 20 }, (_, k) => [Math.sin(3 * k + 1), Math.cos(k) / 2]);
    const o = { lr: 0.01, b1: 0.9, b2: 0.999, eps: 1e-8, wd: 0.1, decoupled: true };
    stepsOf('radam', 'torch', { learningRate: 0.01, weightDecay: 0.1, decoupledWeightDecay: true }, p0, steps).forEach((s, k) =>
      expectAllClose(s, radamByHand(steps, o)[k]!, 1e-12),
    );
  });

  it('is refused in the keras convention, naming the convention it has', () => {
    expect(() => createOptimizer('radam', { params: [] })).toThrow("radam is not offered in the keras convention (RAdam exists only in the torch convention); use convention 'torch'");
  });
});

describe('radam properties', () => {
  it('before the rectification threshold it is SGD with a bias-corrected momentum; with β1 = 0 it is torch SGD to the bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (steps, beta1) => {
          // β2 = 0.6: ρ∞ = 4 < 5, so no step is ever rectified
          const radam = stepsOf('radam', 'torch', { learningRate: 0.02, beta1, beta2: 0.6 }, p0, steps);
          let m = [0, 0];
          let p = [...p0];
          radam.forEach((s, k) => {
            m = m.map((mi, i) => beta1 * mi + (1 - beta1) * steps[k]![i]!);
            p = p.map((pi, i) => pi - (0.02 * m[i]!) / (1 - beta1 ** (k + 1)));
            expectAllClose(s, p, 1e-10);
          });
          expect(stepsOf('radam', 'torch', { learningRate: 0.02, beta1: 0, beta2: 0.6 }, p0, steps)).toEqual(stepsOf('sgd', 'torch', { learningRate: 0.02 }, p0, steps));
        },
      ),
    );
  });
});

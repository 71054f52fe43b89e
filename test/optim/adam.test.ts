import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOptimizer } from '../../src/optim/index.ts';
import { elementwiseByHand, expectAllClose, stepsOf } from './helpers.ts';

const p0 = [1, -2];
const g1 = [0.5, -1];
const g2 = [0.01, 2]; // element 0's v falls on step 2, so AMSGrad's max matters there

/** Keras Adam worked from docs/optimizers.md §2 in Keras's own written form, two steps. */
function kerasAdamByHand(amsgrad: boolean, lr = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7, weightDecay = 0): number[][] {
  return elementwiseByHand(p0, [g1, g2], () => {
    let m = 0, v = 0, vhat = 0;
    return (p, g, t) => {
      p = p - p * weightDecay * lr;
      m = m + (g - m) * (1 - beta1);
      v = v + (g * g - v) * (1 - beta2);
      vhat = Math.max(vhat, v);
      const a = (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
      return p - (a * m) / (Math.sqrt(amsgrad ? vhat : v) + epsilon);
    };
  });
}

describe('adam, keras convention, worked by hand', () => {
  it('step 1 of element 0: m = 0.05, v = 2.5e-4, α = 0.001·√0.001/0.1, p = 1 − α·m/(√v + 1e-7)', () => {
    const [step1] = stepsOf('adam', 'keras', {}, p0, [g1]);
    const alpha = (0.001 * Math.sqrt(0.001)) / 0.1;
    expect(step1![0]).toBeCloseTo(1 - (alpha * 0.05) / (Math.sqrt(2.5e-4) + 1e-7), 15);
    expect(step1![0]).toBeCloseTo(0.999000006325, 12);
  });

  it('matches the spec for two steps with the defaults', () => {
    const steps = stepsOf('adam', 'keras', {}, p0, [g1, g2]);
    const expected = kerasAdamByHand(false);
    steps.forEach((s, k) => expectAllClose(s, expected[k]!));
  });

  it('AMSGrad uses max(v̂, v) of the uncorrected v for two steps', () => {
    const steps = stepsOf('adam', 'keras', { amsgrad: true }, p0, [g1, g2]);
    const expected = kerasAdamByHand(true);
    steps.forEach((s, k) => expectAllClose(s, expected[k]!));
    expect(steps[1]![0]).not.toBe(kerasAdamByHand(false)[1]![0]);
  });

  it('AdamW decays p by p·wd·lr before the Adam update (default wd 0.004)', () => {
    const steps = stepsOf('adamw', 'keras', {}, p0, [g1, g2]);
    const expected = kerasAdamByHand(false, 0.001, 0.9, 0.999, 1e-7, 0.004);
    steps.forEach((s, k) => expectAllClose(s, expected[k]!));
  });
});

describe('adam properties', () => {
  const gradient = fc.double({ min: 1e-3, max: 1e3, noNaN: true }).chain((m) => fc.constantFrom(m, -m));
  const rate = fc.double({ min: 1e-5, max: 0.5, noNaN: true });
  const beta = fc.double({ min: 0, max: 0.999, noNaN: true });
  const eps = fc.double({ min: 0, max: 1e-2, noNaN: true });

  it('keras: the first step has magnitude lr·|g|/(|g| + ε̂), ε̂ = ε/√(1 − β2)', () => {
    fc.assert(
      fc.property(gradient, rate, beta, beta, eps, (g, lr, beta1, beta2, epsilon) => {
        const [[p]] = stepsOf('adam', 'keras', { learningRate: lr, beta1, beta2, epsilon }, [0], [[g]]) as [[number]];
        const epsilonHat = epsilon / Math.sqrt(1 - beta2);
        expectAllClose([Math.abs(p)], [(lr * Math.abs(g)) / (Math.abs(g) + epsilonHat)], 1e-12);
        expect(Math.sign(p)).toBe(-Math.sign(g));
      }),
    );
  });

  it('torch: the first step has magnitude lr·|g|/(|g| + ε)', () => {
    fc.assert(
      fc.property(gradient, rate, beta, beta, eps, (g, lr, beta1, beta2, epsilon) => {
        const [[p]] = stepsOf('adam', 'torch', { learningRate: lr, beta1, beta2, epsilon }, [0], [[g]]) as [[number]];
        expectAllClose([Math.abs(p)], [(lr * Math.abs(g)) / (Math.abs(g) + epsilon)], 1e-12);
      }),
    );
  });

  it('with ε = 0 the trajectory is invariant to scaling the gradients (both conventions, with and without AMSGrad)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(gradient, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.constantFrom('keras' as const, 'torch' as const),
        fc.boolean(),
        (grads, scale, convention, amsgrad) => {
          const options = { epsilon: 0, amsgrad, learningRate: 0.01 };
          const a = stepsOf('adam', convention, options, [0.5, -1, 2], grads);
          const b = stepsOf('adam', convention, options, [0.5, -1, 2], grads.map((g) => g.map((x) => x * scale)));
          a.forEach((s, k) => expectAllClose(b[k]!, s, 1e-11));
        },
      ),
    );
  });

  it('AdamW with weightDecay 0 equals Adam to the bit, in both conventions', () => {
    fc.assert(
      fc.property(fc.array(fc.array(gradient, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }), fc.boolean(), (grads, amsgrad) => {
        for (const convention of ['keras', 'torch'] as const) {
          const adam = stepsOf('adam', convention, { amsgrad }, [0.3, -0.7], grads);
          const adamw = stepsOf('adamw', convention, { amsgrad, weightDecay: 0 }, [0.3, -0.7], grads);
          expect(adamw).toEqual(adam);
        }
      }),
    );
  });

  it('AMSGrad’s v̂ never decreases and never falls below v', () => {
    fc.assert(
      fc.property(fc.array(fc.array(gradient, { minLength: 4, maxLength: 4 }), { minLength: 2, maxLength: 15 }), fc.constantFrom('keras' as const, 'torch' as const), (grads, convention) => {
        const params = [{ name: 'p', shape: [4], data: new Float64Array(4) }];
        const opt = createOptimizer('adam', { convention, options: { amsgrad: true }, params });
        let previous = new Float64Array(4);
        for (const g of grads) {
          opt.step({ p: Float64Array.from(g) });
          const { v, vHat } = opt.state('p');
          vHat!.forEach((x, i) => {
            expect(x).toBeGreaterThanOrEqual(previous[i]!);
            expect(x).toBeGreaterThanOrEqual(v![i]!);
          });
          previous = Float64Array.from(vHat!);
        }
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOptimizer } from '../../src/optim/index.ts';
import { elementwiseByHand, expectAllClose, stepsOf, startAndGradients } from './helpers.ts';

interface FtrlOptions {
  readonly learningRate: number;
  readonly learningRatePower: number;
  readonly initialAccumulatorValue: number;
  readonly l1RegularizationStrength: number;
  readonly l2RegularizationStrength: number;
  readonly l2ShrinkageRegularizationStrength: number;
  readonly beta: number;
  readonly weightDecay: number;
}

const DEFAULTS: FtrlOptions = {
  learningRate: 0.001, learningRatePower: -0.5, initialAccumulatorValue: 0.1, l1RegularizationStrength: 0,
  l2RegularizationStrength: 0, l2ShrinkageRegularizationStrength: 0, beta: 0, weightDecay: 0,
};

/** An independent float64 FTRL from keras/src/optimizers/ftrl.py's update_step (and its generic decay first), one element. */
function ftrlStepper(o: FtrlOptions): () => (p: number, g: number) => number {
  return () => {
    let n = o.initialAccumulatorValue;
    let z = 0;
    return (p, g) => {
      const lr = o.learningRate;
      if (o.weightDecay > 0) p = p - p * o.weightDecay * lr;
      const l2 = o.l2RegularizationStrength + o.beta / (2 * lr);
      const gShrunk = g + 2 * o.l2ShrinkageRegularizationStrength * p;
      const nNew = n + g * g;
      z = z + (gShrunk - ((nNew ** -o.learningRatePower - n ** -o.learningRatePower) / lr) * p);
      const quadratic = nNew ** -o.learningRatePower / lr + 2 * l2;
      const l1 = o.l1RegularizationStrength;
      n = nNew;
      return (Math.min(Math.max(z, -l1), l1) - z) / quadratic;
    };
  };
}

const reference = (o: FtrlOptions, p0: readonly number[], grads: readonly (readonly number[])[]): number[][] => {
  const make = ftrlStepper(o);
  return elementwiseByHand(p0, grads, () => {
    const step = make();
    return (p, g) => step(p, g);
  });
};

/** |a − e| ≤ tol·(|e| + scale): p = (clip(z) − z)/q cancels near |z| = λ1, so a relative test alone would ask too much. */
function expectNear(actual: readonly number[], expected: readonly number[], tol: number, scale: number): void {
  actual.forEach((a, i) => {
    const e = expected[i]!;
    if (!(Math.abs(a - e) <= tol * (Math.abs(e) + scale))) throw new Error(`element ${i}: got ${a}, expected ${e}`);
  });
}

describe('ftrl, keras convention, worked by hand', () => {
  it('step 1 at the defaults: n = 0.1 → 0.35, σ = (√0.35 − √0.1)/lr, z = g − σ·p, p = −z·lr/√0.35', () => {
    const sigma = (Math.sqrt(0.35) - Math.sqrt(0.1)) / 0.001;
    const z = 0.5 - sigma * 1;
    const [step1] = stepsOf('ftrl', 'keras', {}, [1], [[0.5]]);
    expectAllClose(step1!, [-z / (Math.sqrt(0.35) / 0.001)], 1e-14);
    // The old p enters only through σ·p: −z·lr/√0.35 = (σ·lr − 0.001·0.5)/√0.35 = 1 − (√0.1 + 0.0005)/√0.35.
    expect(step1![0]).toBeCloseTo(1 - (Math.sqrt(0.1) + 0.0005) / Math.sqrt(0.35), 12);
  });

  it('step 2 with every regularisation on: z gains g + 2·λ2s·p − σ·p, and |z| ≤ λ1 sets p to 0', () => {
    const o: FtrlOptions = { ...DEFAULTS, learningRate: 0.1, l1RegularizationStrength: 0.3, l2RegularizationStrength: 0.2, l2ShrinkageRegularizationStrength: 0.05, beta: 0.5 };
    // Step 1 from p = 0: σ·p = 0 and g' = g = 0.25, so z = 0.25 ≤ λ1 = 0.3: p stays 0 (L1 sparsity).
    // Step 2, g = 0.5: n = 0.1625 → 0.4125; z = 0.25 + 0.5 = 0.75 > λ1;
    // p = (0.3 − 0.75)/(√0.4125/0.1 + 2·(0.2 + 0.5/0.2)) = −0.45/(√0.4125·10 + 5.4).
    const steps = stepsOf('ftrl', 'keras', o, [0], [[0.25], [0.5]]);
    expect(steps[0]).toEqual([0]);
    expectAllClose(steps[1]!, [-0.45 / (Math.sqrt(0.4125) * 10 + 5.4)], 1e-14);
    expectAllClose(steps[1]!, reference(o, [0], [[0.25], [0.5]])[1]!, 1e-14);
  });

  it('fills the accumulator with initialAccumulatorValue on step 1 and adds g² after', () => {
    const params = [{ name: 'p', shape: [2], data: Float64Array.from([1, -1]) }];
    const opt = createOptimizer('ftrl', { options: { initialAccumulatorValue: 0.5 }, params });
    opt.step({ p: Float64Array.from([1, -2]) });
    expect(Array.from(opt.state('p').accumulator!)).toEqual([1.5, 4.5]);
  });
});

describe('ftrl against an independent float64 reference', () => {
  it('agrees over up to 40 steps with random options (every regularisation, lr power, β, Keras weight decay) and gradients', () => {
    const options = fc.record({
      learningRate: fc.double({ min: 1e-4, max: 1, noNaN: true }),
      learningRatePower: fc.oneof(fc.constant(-0.5), fc.constant(0), fc.double({ min: -2, max: 0, noNaN: true })),
      initialAccumulatorValue: fc.oneof(fc.constant(0.1), fc.double({ min: 1e-3, max: 2, noNaN: true })),
      l1RegularizationStrength: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
      l2RegularizationStrength: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
      l2ShrinkageRegularizationStrength: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
      beta: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
      weightDecay: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    });
    fc.assert(
      fc.property(
        options,
        startAndGradients(),
        (o, [start, grads]) => {
          const actual = stepsOf('ftrl', 'keras', o, start, grads);
          const expected = reference(o, start, grads);
          actual.forEach((s, k) => expectNear(s, expected[k]!, 1e-10, 1e-6));
        },
      ),
    );
  });
});

describe('ftrl properties', () => {
  const gradients = fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 });

  it('L1 makes exact zeros: p = 0 exactly where |z| ≤ λ1; elsewhere p has the sign of −z (or is 0 where z − λ1 underflows)', () => {
    fc.assert(
      fc.property(gradients, fc.double({ min: 0, max: 2, noNaN: true }), (grads, l1) => {
        const params = [{ name: 'p', shape: [3], data: Float64Array.from([0.5, -1, 0]) }];
        const opt = createOptimizer('ftrl', { options: { learningRate: 0.1, l1RegularizationStrength: l1 }, params });
        for (const g of grads) {
          opt.step({ p: Float64Array.from(g) });
          const z = opt.state('p').linear!;
          params[0]!.data.forEach((p, i) => {
            if (Math.abs(z[i]!) <= l1) expect(Math.abs(p)).toBe(0);
            else expect(p * z[i]!).toBeLessThanOrEqual(0);
          });
        }
      }),
    );
  });

  it('the accumulator never decreases', () => {
    fc.assert(
      fc.property(gradients, (grads) => {
        const params = [{ name: 'p', shape: [3], data: Float64Array.from([0.5, -1, 0]) }];
        const opt = createOptimizer('ftrl', { params });
        let previous = [0, 0, 0];
        for (const g of grads) {
          opt.step({ p: Float64Array.from(g) });
          const n = Array.from(opt.state('p').accumulator!);
          n.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(previous[i]!));
          previous = n;
        }
      }),
    );
  });

  it('at learningRatePower 0 without regularisation it is gradient descent from the origin: p = −lr·Σ g, whatever p started at', () => {
    fc.assert(
      fc.property(gradients, fc.double({ min: 1e-3, max: 1, noNaN: true }), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }), (grads, learningRate, start) => {
        const steps = stepsOf('ftrl', 'keras', { learningRate, learningRatePower: 0 }, start, grads);
        const sums = [0, 0, 0];
        grads.forEach((g, s) => {
          g.forEach((x, i) => (sums[i]! += x));
          expectNear(steps[s]!, sums.map((x) => -learningRate * x), 1e-12, 1e-12);
        });
      }),
    );
  });

  it('refuses learningRate 0 (it divides by it), a positive learningRatePower, and the torch convention', () => {
    expect(() => createOptimizer('ftrl', { options: { learningRate: 0 }, params: [] })).toThrow('ftrl (keras convention): learningRate must be > 0 (FTRL divides by it), got 0');
    expect(() => createOptimizer('ftrl', { options: { learningRatePower: 0.5 }, params: [] })).toThrow('ftrl (keras convention): learningRatePower must be a number <= 0, got 0.5');
    expect(() => createOptimizer('ftrl', { convention: 'torch', params: [] })).toThrow(/ftrl is not offered in the torch convention .*keras/);
  });
});

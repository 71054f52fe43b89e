import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOptimizer } from '../../src/optim/index.ts';
import { expectAllClose, stepsOf } from './helpers.ts';

const p0 = [1, -2];
const g1 = [0.5, -1];
const g2 = [-0.25, 0.1]; // on step 2 the argument β1·m + (1 − β1)·g changes sign in both elements

interface LionOptions {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly weightDecay: number;
}

/**
 * An independent float64 Lion, written from keras/src/optimizers/lion.py (generic decay
 * p − p·wd·lr first) and google/automl lion/lion_pytorch.py (p·(1 − lr·wd) first): the
 * whole trajectory of several parameters, elementwise.
 */
function lionReference(convention: 'keras' | 'torch', o: LionOptions, start: readonly number[], grads: readonly (readonly number[])[]): number[][] {
  const p = [...start];
  const m = start.map(() => 0);
  return grads.map((g) => {
    for (let i = 0; i < p.length; i++) {
      if (o.weightDecay !== 0) p[i] = convention === 'keras' ? p[i]! - p[i]! * o.weightDecay * o.learningRate : p[i]! * (1 - o.learningRate * o.weightDecay);
      const c = m[i]! * o.beta1 + g[i]! * (1 - o.beta1);
      p[i] = p[i]! - o.learningRate * (c > 0 ? 1 : c < 0 ? -1 : 0);
      m[i] = m[i]! * o.beta2 + g[i]! * (1 - o.beta2);
    }
    return [...p];
  });
}

describe('lion, worked by hand', () => {
  it('keras, two steps: step 1 moves by lr against sign(g); step 2 against sign(0.9·m1 + 0.1·g2), which flips both', () => {
    // Step 1: m = 0, so c = 0.1·g and p1 = (1 − 0.001, −2 + 0.001); m1 = 0.01·g1 = (0.005, −0.01).
    // Step 2: c = 0.9·m1 + 0.1·g2 = (0.0045 − 0.025, −0.009 + 0.01) = (−0.0205, 0.001): p2 = p1 + (0.001, −0.001).
    const [step1, step2] = stepsOf('lion', 'keras', {}, p0, [g1, g2]);
    expect(step1).toEqual([1 - 0.001, -2 + 0.001]);
    expect(step2).toEqual([1 - 0.001 + 0.001, -2 + 0.001 - 0.001]);
    const params = [{ name: 'p', shape: [2], data: Float64Array.from(p0) }];
    const opt = createOptimizer('lion', { params });
    opt.step({ p: Float64Array.from(g1) });
    opt.step({ p: Float64Array.from(g2) });
    // m2 = 0.99·m1 + 0.01·g2 = (0.00495 − 0.0025, −0.0099 + 0.001)
    expectAllClose(Array.from(opt.state('p').m!), [0.00245, -0.0089], 1e-13);
  });

  it('torch, two steps with λ = 0.5: p ← p·(1 − 1e-4·0.5), then the sign step of lr 1e-4', () => {
    const decay = 1 - 1e-4 * 0.5;
    const [step1, step2] = stepsOf('lion', 'torch', { weightDecay: 0.5 }, p0, [g1, g2]);
    expect(step1).toEqual([1 * decay - 1e-4, -2 * decay + 1e-4]);
    expect(step2).toEqual([step1![0]! * decay + 1e-4, step1![1]! * decay - 1e-4]);
  });

  it('keras weight decay is its generic p − p·wd·lr, before the sign step', () => {
    const [step1] = stepsOf('lion', 'keras', { weightDecay: 0.2 }, p0, [g1]);
    expect(step1).toEqual([1 - 1 * 0.2 * 0.001 - 0.001, -2 - -2 * 0.2 * 0.001 + 0.001]);
  });
});

describe('lion against an independent float64 reference', () => {
  const gradient = fc.double({ min: -10, max: 10, noNaN: true });
  const options = fc.record({
    learningRate: fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
    beta1: fc.double({ min: 0.01, max: 0.999, noNaN: true }),
    beta2: fc.double({ min: 0, max: 0.999, noNaN: true }),
    weightDecay: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
  });

  it('agrees over up to 40 steps, random options and gradients, in both conventions', () => {
    fc.assert(
      fc.property(
        options,
        fc.constantFrom('keras' as const, 'torch' as const),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 4 }).chain((start) =>
          fc.tuple(fc.constant(start), fc.array(fc.array(gradient, { minLength: start.length, maxLength: start.length }), { minLength: 1, maxLength: 40 })),
        ),
        (o, convention, [start, grads]) => {
          const actual = stepsOf('lion', convention, o, start, grads);
          const expected = lionReference(convention, o, start, grads);
          actual.forEach((s, k) => expectAllClose(s, expected[k]!, 1e-12));
        },
      ),
    );
  });
});

describe('lion properties', () => {
  it('without weight decay every element moves by exactly lr, unless its argument c is 0 (float64, dyadic values: no rounding)', () => {
    // Parameters and lr on the grid 2^-20 with |p| < 2^10: p ± lr is exact, so |Δp| = lr holds to the bit.
    const dyadic = (max: number) => fc.integer({ min: -max, max }).map((k) => k / 2 ** 20);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 14 }).map((k) => k / 2 ** 20),
        fc.double({ min: 0.01, max: 0.999, noNaN: true }), // β1 = 1 is Keras's but not the reference's
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.constantFrom('keras' as const, 'torch' as const),
        fc.array(dyadic(2 ** 29), { minLength: 3, maxLength: 3 }),
        fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: -5, max: 5, noNaN: true })), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }),
        (learningRate, beta1, beta2, convention, start, grads) => {
          const params = [{ name: 'p', shape: [3], data: Float64Array.from(start) }];
          const opt = createOptimizer('lion', { convention, options: { learningRate, beta1, beta2 }, params });
          for (const g of grads) {
            const before = Array.from(params[0]!.data);
            const m = Array.from(opt.state('p').m!);
            opt.step({ p: Float64Array.from(g) });
            before.forEach((x, i) => {
              const c = m[i]! * beta1 + g[i]! * (1 - beta1);
              expect(Math.abs(params[0]!.data[i]! - x)).toBe(c === 0 ? 0 : learningRate);
            });
          }
        },
      ),
    );
  });

  it('is invariant to any positive scale of the gradients, to the bit (sign(s·c) = sign(c))', () => {
    fc.assert(
      fc.property(
        // Magnitudes away from the subnormals, where a scale could round a gradient to 0.
        fc.array(fc.array(fc.double({ min: 1e-3, max: 10, noNaN: true }).chain((x) => fc.constantFrom(x, -x)), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: -20, max: 20 }).map((e) => 2 ** e),
        fc.constantFrom('keras' as const, 'torch' as const),
        (grads, scale, convention) => {
          const a = stepsOf('lion', convention, {}, [0.5, -1], grads);
          const b = stepsOf('lion', convention, {}, [0.5, -1], grads.map((g) => g.map((x) => x * scale)));
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it('refuses β1 = 0 in Keras and β1 or β2 = 1 in torch, as the two sources do', () => {
    const make = (convention: 'keras' | 'torch', options: Record<string, number>) => () => createOptimizer('lion', { convention, options, params: [] });
    expect(make('keras', { beta1: 0 })).toThrow('lion (keras convention): beta1 must be in (0, 1] (Keras refuses 0: Lion would degenerate to signSGD), got 0');
    expect(make('keras', { beta1: 1, beta2: 1 })).not.toThrow();
    expect(make('torch', { beta1: 0 })).not.toThrow();
    expect(make('torch', { beta1: 1 })).toThrow('lion (torch convention): beta1 must be in [0, 1), got 1');
    expect(make('torch', { beta2: 1 })).toThrow('lion (torch convention): beta2 must be in [0, 1), got 1');
    expect(make('torch', { epsilon: 1e-8 })).toThrow(/lion \(torch convention\): .*epsilon.*accepted: learningRate, beta1, beta2, weightDecay$/);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { elementwiseByHand, expectAllClose, stepsOf } from './helpers.ts';

const p0 = [1, -2];
const grads = [[0.5, -1], [-0.25, 0.1]];

describe('rmsprop, keras convention, worked by hand', () => {
  it('step 1 of element 0: v = 0.1·0.25 = 0.025, p = 1 − 0.001·0.5/√(0.025 + 1e-7)', () => {
    const [step1] = stepsOf('rmsprop', 'keras', {}, p0, [grads[0]!]);
    expect(step1![0]).toBeCloseTo(1 - (0.001 * 0.5) / Math.sqrt(0.025 + 1e-7), 15);
  });

  it('two steps, plain, centered, with momentum, and both (ε inside the sqrt, lr inside the buffer)', () => {
    for (const [centered, momentum] of [[false, 0], [true, 0], [false, 0.8], [true, 0.8]] as const) {
      const expected = elementwiseByHand(p0, grads, () => {
        let v = 0, a = 0, b = 0;
        return (p, g) => {
          v = 0.9 * v + (1 - 0.9) * g * g;
          if (centered) a = 0.9 * a + (1 - 0.9) * g;
          const step = (0.001 * g) / Math.sqrt(centered ? v - a * a + 1e-7 : v + 1e-7);
          if (momentum === 0) return p - step;
          b = momentum * b + step;
          return p - b;
        };
      });
      stepsOf('rmsprop', 'keras', { centered, momentum }, p0, grads).forEach((s, k) => expectAllClose(s, expected[k]!));
    }
  });

  it('torch: ε outside the sqrt, buffer of g/D times lr at the end, α = 0.99, lr = 1e-2', () => {
    const expected = elementwiseByHand(p0, grads, () => {
      let v = 0, a = 0, b = 0;
      return (p, g) => {
        v = 0.99 * v + 0.01 * g * g;
        a = 0.99 * a + 0.01 * g;
        b = 0.5 * b + g / (Math.sqrt(v - a * a) + 1e-8);
        return p - 0.01 * b;
      };
    });
    stepsOf('rmsprop', 'torch', { centered: true, momentum: 0.5 }, p0, grads).forEach((s, k) => expectAllClose(s, expected[k]!));
  });

  it('with ε = 0 the step is invariant to scaling the gradients, and keras equals torch for a constant lr', () => {
    const gradient = fc.double({ min: 1e-3, max: 1e3, noNaN: true }).chain((m) => fc.constantFrom(m, -m));
    fc.assert(
      fc.property(fc.array(fc.array(gradient, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.constantFrom(0, 0.9), (gs, scale, momentum) => {
        const options = { epsilon: 0, momentum, rho: 0.9, learningRate: 0.001 };
        const keras = stepsOf('rmsprop', 'keras', options, [0.5, -1], gs);
        const scaled = stepsOf('rmsprop', 'keras', options, [0.5, -1], gs.map((g) => g.map((x) => x * scale)));
        const torch = stepsOf('rmsprop', 'torch', options, [0.5, -1], gs);
        keras.forEach((s, k) => {
          expectAllClose(scaled[k]!, s, 1e-11);
          expectAllClose(torch[k]!, s, 1e-11);
        });
      }),
    );
  });
});

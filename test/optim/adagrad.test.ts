import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/optim/index.ts';
import { elementwiseByHand, expectAllClose, stepsOf } from './helpers.ts';

const p0 = [1, -2];
const grads = [[0.5, -1], [-0.25, 0.1]];

/** An independent float64 Adagrad: s starts at s0, s ← s + g², then Keras's or torch's step. */
function adagradByHand(form: 'keras' | 'torch', lr: number, s0: number, epsilon: number, lrDecay = 0): number[][] {
  return elementwiseByHand(p0, grads, () => {
    let s = s0;
    return (p, g, t) => {
      s += g * g;
      const lrT = lr / (1 + (t - 1) * lrDecay);
      return form === 'keras' ? p - (lrT * g) / Math.sqrt(s + epsilon) : p - (lrT * g) / (Math.sqrt(s) + epsilon);
    };
  });
}

describe('adagrad, keras convention, worked by hand (keras/src/optimizers/adagrad.py: ε inside the root)', () => {
  it('step 1 of element 0: s = 0.1 + 0.25 = 0.35, p = 1 − 0.001·0.5/√(0.35 + 1e-7)', () => {
    const [step1] = stepsOf('adagrad', 'keras', {}, p0, [grads[0]!]);
    expect(step1![0]).toBeCloseTo(1 - 0.0005 / Math.sqrt(0.3500001), 15);
    expect(step1![0]).toBeCloseTo(0.99915485, 8); // √0.35 = 0.59160798, 0.0005/0.59160798 = 0.00084515
  });

  it('step 2 of element 1: s = 0.1 + 1 + 0.01 = 1.11, p = p1 − 0.001·0.1/√(1.11 + 1e-7)', () => {
    const [, step2] = stepsOf('adagrad', 'keras', {}, p0, grads);
    const p1 = -2 + 0.001 / Math.sqrt(1.1000001); // g = −1, s = 1.1
    expect(step2![1]).toBeCloseTo(p1 - 0.0001 / Math.sqrt(1.1100001), 15);
  });

  it('two steps of the reference, and with other options', () => {
    stepsOf('adagrad', 'keras', {}, p0, grads).forEach((s, k) => expectAllClose(s, adagradByHand('keras', 0.001, 0.1, 1e-7)[k]!));
    const options = { learningRate: 0.3, initialAccumulatorValue: 0.5, epsilon: 0.01 };
    stepsOf('adagrad', 'keras', options, p0, grads).forEach((s, k) => expectAllClose(s, adagradByHand('keras', 0.3, 0.5, 0.01)[k]!));
  });
});

describe('adagrad, torch convention, worked by hand (ε outside the root, lr decayed by t)', () => {
  it('step 1 of element 0 at the defaults: s = 0.25, p = 1 − 0.01·0.5/(0.5 + 1e-10)', () => {
    const [step1] = stepsOf('adagrad', 'torch', {}, p0, [grads[0]!]);
    expect(step1![0]).toBeCloseTo(1 - 0.005 / (0.5 + 1e-10), 15);
  });

  it('step 2 uses lr/(1 + lrDecay): with lrDecay 0.5, lr 0.1 becomes 0.1/1.5', () => {
    const [step1, step2] = stepsOf('adagrad', 'torch', { learningRate: 0.1, lrDecay: 0.5, epsilon: 0 }, p0, grads);
    expect(step1![0]).toBeCloseTo(1 - 0.1, 15); // g/√(g²) = 1
    expect(step2![0]).toBeCloseTo(0.9 - ((0.1 / 1.5) * -0.25) / Math.sqrt(0.3125), 15);
    const reference = adagradByHand('torch', 0.1, 0, 0, 0.5);
    [step1!, step2!].forEach((s, k) => expectAllClose(s, reference[k]!));
  });

  it('equals the keras rule when ε = 0 (the two differ only in where ε sits)', () => {
    const options = { learningRate: 0.05, initialAccumulatorValue: 0.2, epsilon: 0 };
    const keras = stepsOf('adagrad', 'keras', options, p0, grads);
    stepsOf('adagrad', 'torch', options, p0, grads).forEach((s, k) => expectAllClose(s, keras[k]!, 1e-15));
  });
});

describe('adagrad properties', () => {
  it('the accumulator never decreases and starts at initialAccumulatorValue + g₁², in both conventions', () => {
    const gradient = fc.double({ min: -1e3, max: 1e3, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.array(gradient, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.constantFrom('keras' as const, 'torch' as const),
        (steps, initialAccumulatorValue, convention) => {
          const params = [{ name: 'p', shape: [3], data: new Float64Array([0.1, -0.2, 0.3]) }];
          const opt = createOptimizer('adagrad', { convention, options: { initialAccumulatorValue }, params });
          let previous: number[] | null = null;
          for (const [k, g] of steps.entries()) {
            opt.step({ p: Float64Array.from(g) });
            const now = Array.from(opt.state('p')['accumulator']!);
            if (k === 0) now.forEach((s, i) => expect(s).toBe(initialAccumulatorValue + g[i]! * g[i]!));
            else now.forEach((s, i) => expect(s).toBeGreaterThanOrEqual(previous![i]!));
            previous = now;
          }
        },
      ),
    );
  });

  it('the steps shrink under a constant gradient: |Δp_t| = lr·|g|/√(s0 + t·g²) falls with t', () => {
    const trajectory = stepsOf('adagrad', 'torch', { learningRate: 0.1, epsilon: 0 }, [0], Array.from({ length: 5 }, () => [2]));
    const moves = trajectory.map((s, k) => Math.abs(s[0]! - (k === 0 ? 0 : trajectory[k - 1]![0]!)));
    moves.forEach((move, k) => expect(move).toBeCloseTo(0.1 / Math.sqrt(k + 1), 14)); // lr·2/√(4(k+1))
  });
});

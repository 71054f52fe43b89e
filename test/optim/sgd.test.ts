import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOptimizer } from '../../src/optim/index.ts';
import { elementwiseByHand, expectAllClose, stepsOf } from './helpers.ts';

const p0 = [1, -2];
const grads = [[0.5, -1], [-0.25, 0.1]];

describe('sgd, keras convention, worked by hand', () => {
  it('plain: p ← p − 0.01·g; step 1 gives [0.995, −1.99], step 2 [0.9975, −1.991]', () => {
    const steps = stepsOf('sgd', 'keras', {}, p0, grads);
    expectAllClose(steps[0]!, [1 - 0.01 * 0.5, -2 - 0.01 * -1]);
    expectAllClose(steps[1]!, [1 - 0.01 * 0.5 - 0.01 * -0.25, -2 + 0.01 - 0.01 * 0.1]);
    expect(steps[0]![0]).toBeCloseTo(0.995, 15);
  });

  it('momentum 0.9: b ← μb − lr·g, p ← p + b', () => {
    const expected = elementwiseByHand(p0, grads, () => {
      let b = 0;
      return (p, g) => {
        b = 0.9 * b - 0.01 * g;
        return p + b;
      };
    });
    stepsOf('sgd', 'keras', { momentum: 0.9 }, p0, grads).forEach((s, k) => expectAllClose(s, expected[k]!));
    // element 0: b1 = −0.005, p1 = 0.995; b2 = −0.0045 + 0.0025 = −0.002, p2 = 0.993
    expectAllClose([stepsOf('sgd', 'keras', { momentum: 0.9 }, p0, grads)[1]![0]!], [0.993], 1e-14);
  });

  it('nesterov: p ← p + μb − lr·g', () => {
    const expected = elementwiseByHand(p0, grads, () => {
      let b = 0;
      return (p, g) => {
        b = 0.9 * b - 0.01 * g;
        return p + 0.9 * b - 0.01 * g;
      };
    });
    stepsOf('sgd', 'keras', { momentum: 0.9, nesterov: true }, p0, grads).forEach((s, k) => expectAllClose(s, expected[k]!));
  });

  it('nesterov with momentum 0 is plain SGD in keras, and an error in torch', () => {
    expect(stepsOf('sgd', 'keras', { nesterov: true }, p0, grads)).toEqual(stepsOf('sgd', 'keras', {}, p0, grads));
    expect(() => createOptimizer('sgd', { convention: 'torch', options: { nesterov: true }, params: [] })).toThrow(/nesterov needs momentum > 0 and dampening = 0; got momentum 0, dampening 0/);
    expect(() => createOptimizer('sgd', { convention: 'torch', options: { nesterov: true, momentum: 0.9, dampening: 0.1 }, params: [] })).toThrow(/dampening = 0/);
  });

  it('torch: the buffer starts as g itself, then b ← μb + (1 − dampening)·g', () => {
    const expected = elementwiseByHand(p0, grads, () => {
      let b = 0;
      return (p, g, t) => {
        b = t === 1 ? g : 0.9 * b + (1 - 0.5) * g;
        return p - 0.01 * b;
      };
    });
    stepsOf('sgd', 'torch', { learningRate: 0.01, momentum: 0.9, dampening: 0.5 }, p0, grads).forEach((s, k) => expectAllClose(s, expected[k]!));
  });

  it('keras and torch momentum give the same trajectory for a constant lr and no dampening (spec pitfall 10)', () => {
    const gradient = fc.double({ min: -10, max: 10, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.array(gradient, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 10 }), fc.boolean(), (gs, nesterov) => {
        const options = { learningRate: 0.01, momentum: 0.9, nesterov };
        const keras = stepsOf('sgd', 'keras', options, [0.5, -1], gs);
        const torch = stepsOf('sgd', 'torch', options, [0.5, -1], gs);
        keras.forEach((s, k) => s.forEach((x, i) => expect(Math.abs(x - torch[k]![i]!)).toBeLessThan(1e-12)));
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOptimizer } from '../../src/optim/index.ts';
import { elementwiseByHand, expectAllClose, stepsOf, startAndGradients } from './helpers.ts';

interface AdoptOptions {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  readonly decouple: boolean;
}

/**
 * An independent float64 ADOPT for one element, from iShohei220/adopt's
 * `_single_tensor_adopt`: `step` counts the steps before this one; at step 0 only
 * exp_avg_sq is set; later the decoupled decay, the clamp of g/max(√v, eps) to
 * ±step^0.25, the lerp into exp_avg, p − lr·exp_avg, then exp_avg_sq.
 */
function adoptStepper(o: AdoptOptions): () => (p: number, g: number, t: number) => number {
  return () => {
    let expAvg = 0;
    let expAvgSq = 0;
    return (p, g, t) => {
      const step = t - 1;
      const grad = o.weightDecay !== 0 && !o.decouple ? g + o.weightDecay * p : g;
      if (step === 0) {
        expAvgSq += grad * grad;
        return p;
      }
      if (o.weightDecay !== 0 && o.decouple) p = p - o.learningRate * o.weightDecay * p;
      const clip = step ** 0.25;
      const normed = Math.min(clip, Math.max(-clip, grad / Math.max(Math.sqrt(expAvgSq), o.epsilon)));
      const w = 1 - o.beta1;
      expAvg = w < 0.5 ? expAvg + w * (normed - expAvg) : normed - (normed - expAvg) * (1 - w);
      p = p - o.learningRate * expAvg;
      expAvgSq = expAvgSq * o.beta2 + (1 - o.beta2) * grad * grad;
      return p;
    };
  };
}

describe('adopt, torch convention, worked by hand', () => {
  it('step 1 only sets v = g²; step 2 moves by lr·0.1·clamp(g2/√v1, ±1)', () => {
    const [step1, step2] = stepsOf('adopt', 'torch', {}, [1, -2], [[0.5, -1], [-0.25, 0.1]]);
    expect(step1).toEqual([1, -2]);
    // n = (−0.25/0.5, 0.1/1) = (−0.5, 0.1); m = 0.1·n = (−0.05, 0.01); p = p − 0.001·m.
    expectAllClose(step2!, [1.00005, -2.00001], 1e-15);
    const params = [{ name: 'p', shape: [2], data: Float64Array.from([1, -2]) }];
    const opt = createOptimizer('adopt', { convention: 'torch', params });
    opt.step({ p: Float64Array.from([0.5, -1]) });
    expect(Array.from(opt.state('p').v!)).toEqual([0.25, 1]);
    expect(Array.from(opt.state('p').m!)).toEqual([0, 0]);
    opt.step({ p: Float64Array.from([-0.25, 0.1]) });
    // v = 0.9999·v1 + 0.0001·g2²
    expectAllClose(Array.from(opt.state('p').v!), [0.24998125, 0.999901], 1e-14);
  });

  it('clips the normalised gradient at (t − 1)^¼: 1 on step 2, 2^¼ on step 3', () => {
    // g2/√v1 = 50 is clipped to 1: m = 0.1, p = 1 − 1e-4. Step 3: g3/√v2 is huge, clipped to 2^¼.
    const steps = stepsOf('adopt', 'torch', {}, [1], [[0.1], [5], [1e3]]);
    expectAllClose(steps[1]!, [1 - 0.001 * 0.1], 1e-15);
    const m3 = 0.1 + 0.1 * (2 ** 0.25 - 0.1);
    expectAllClose(steps[2]!, [1 - 0.001 * 0.1 - 0.001 * m3], 1e-14);
  });

  it('L2 (decouple false) enters v on step 1 too; decoupled decay starts on step 2', () => {
    const [l2Step1] = stepsOf('adopt', 'torch', { weightDecay: 0.5 }, [1], [[0.5]]);
    expect(l2Step1).toEqual([1]);
    const params = [{ name: 'p', shape: [1], data: Float64Array.from([1]) }];
    const opt = createOptimizer('adopt', { convention: 'torch', options: { weightDecay: 0.5 }, params });
    opt.step({ p: Float64Array.from([0.5]) });
    expect(Array.from(opt.state('p').v!)).toEqual([1]); // (0.5 + 0.5·1)²
    const [decoupled1, decoupled2] = stepsOf('adopt', 'torch', { weightDecay: 0.5, decouple: true }, [1], [[0.5], [0.5]]);
    expect(decoupled1).toEqual([1]); // no decay on the step that only sets v
    expectAllClose(decoupled2!, [1 - 0.001 * 0.5 * 1 - 0.001 * 0.1 * 1], 1e-15);
  });
});

describe('adopt against an independent float64 reference', () => {
  it('agrees over up to 40 steps with random options (L2 or decoupled decay) and gradients', () => {
    const options = fc.record({
      learningRate: fc.double({ min: 1e-5, max: 0.5, noNaN: true }),
      beta1: fc.double({ min: 0, max: 0.999, noNaN: true }),
      beta2: fc.double({ min: 0, max: 0.99999, noNaN: true }),
      epsilon: fc.double({ min: 1e-12, max: 1e-2, noNaN: true }),
      weightDecay: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
      decouple: fc.boolean(),
    });
    fc.assert(
      fc.property(
        options,
        startAndGradients(),
        (o, [start, grads]) => {
          const actual = stepsOf('adopt', 'torch', o, start, grads);
          const expected = elementwiseByHand(start, grads, adoptStepper(o));
          actual.forEach((s, k) => expectAllClose(s, expected[k]!, 1e-11));
        },
      ),
    );
  });
});

describe('adopt properties', () => {
  const gradient = fc.double({ min: 1e-3, max: 1e3, noNaN: true }).chain((x) => fc.constantFrom(x, -x));
  const gradients = fc.array(fc.array(gradient, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 30 });

  it('the clipping bounds every step: |Δp| ≤ lr·(t − 1)^¼ without weight decay, whatever the gradients', () => {
    fc.assert(
      fc.property(gradients, fc.double({ min: 0, max: 0.999, noNaN: true }), (grads, beta1) => {
        const params = [{ name: 'p', shape: [3], data: Float64Array.from([0.5, -1, 2]) }];
        const opt = createOptimizer('adopt', { convention: 'torch', options: { beta1, learningRate: 0.01 }, params });
        grads.forEach((g, s) => {
          const before = Array.from(params[0]!.data);
          opt.step({ p: Float64Array.from(g) });
          const bound = 0.01 * (s + 1 - 1) ** 0.25;
          params[0]!.data.forEach((x, i) => expect(Math.abs(x - before[i]!)).toBeLessThanOrEqual(bound * (1 + 1e-12)));
        });
      }),
    );
  });

  it('with ε = 0 the trajectory is invariant to scaling the gradients (g/√v does not change)', () => {
    fc.assert(
      fc.property(gradients, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (grads, scale) => {
        const a = stepsOf('adopt', 'torch', { epsilon: 0 }, [0.5, -1, 2], grads);
        const b = stepsOf('adopt', 'torch', { epsilon: 0 }, [0.5, -1, 2], grads.map((g) => g.map((x) => x * scale)));
        a.forEach((s, k) => expectAllClose(b[k]!, s, 1e-11));
      }),
    );
  });

  it('exists only in the torch convention, and refuses options it lacks', () => {
    expect(() => createOptimizer('adopt', { params: [] })).toThrow(/adopt is not offered in the keras convention .*torch/);
    expect(() => createOptimizer('adopt', { convention: 'torch', options: { amsgrad: true } as never, params: [] })).toThrow(/adopt \(torch convention\): .*amsgrad.*accepted: learningRate, beta1, beta2, epsilon, weightDecay, decouple$/);
    expect(() => createOptimizer('adopt', { convention: 'torch', options: { decouple: 'yes' } as never, params: [] })).toThrow('adopt (torch convention): decouple must be true or false, got "yes"');
  });
});

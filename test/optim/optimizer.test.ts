import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOptimizer, type OptimizerKernels } from '../../src/optim/index.ts';
import { createJsBackend } from '../../src/backend/js/index.ts';
import { expectAllClose, stepsOf } from './helpers.ts';

const norm = (xs: readonly number[]): number => Math.sqrt(xs.reduce((s, x) => s + x * x, 0));

describe('order of operations (docs/optimizers.md §1)', () => {
  it('keras: clip, then decoupled decay p − p·wd·lr, then the update', () => {
    // p = 2, g = 1, clipValue 0.3, wd 0.5, lr 0.1: decay to 2 − 2·0.5·0.1 = 1.9, then 1.9 − 0.1·0.3 = 1.87.
    // (Decay after the update would give 1.97 − 1.97·0.05 = 1.8715; L2 would give 2 − 0.1·(0.3 + 1) = 1.87 too, so also check wd alone.)
    expectAllClose(stepsOf('sgd', 'keras', { learningRate: 0.1, weightDecay: 0.5, clipValue: 0.3 }, [2], [[1]])[0]!, [1.87]);
    // wd alone with g = 0: decoupled decay moves p by p·wd·lr = 0.1.
    expectAllClose(stepsOf('sgd', 'keras', { learningRate: 0.1, weightDecay: 0.5 }, [2], [[0]])[0]!, [1.9]);
  });

  it('keras Adam decays before the update, which then sees the decayed p only through the decay', () => {
    const [step1] = stepsOf('adam', 'keras', { learningRate: 0.1, weightDecay: 0.5 }, [2], [[1]]);
    const decayed = 2 - 2 * 0.5 * 0.1;
    expectAllClose(step1!, [decayed - ((0.1 * Math.sqrt(0.001)) / 0.1) * 0.1 / (Math.sqrt(0.001) + 1e-7)]);
  });

  it('torch: L2 folds wd·p into the gradient for SGD: g = 1 + 0.5·2 = 2, p = 2 − 0.1·2 = 1.8', () => {
    expectAllClose(stepsOf('sgd', 'torch', { learningRate: 0.1, weightDecay: 0.5 }, [2], [[1]])[0]!, [1.8]);
  });

  it('torch AdamW: p·(1 − lr·wd) first, the gradient unchanged', () => {
    const [step1] = stepsOf('adamw', 'torch', { learningRate: 0.1, weightDecay: 0.5 }, [2], [[1]]);
    // first Adam step on g = 1 moves by lr·|g|/(|g| + ε) = 0.1/(1 + 1e-8)
    expectAllClose(step1!, [2 * (1 - 0.1 * 0.5) - 0.1 / (1 + 1e-8)]);
  });

  it('keras adafactor decays with the raw learningRate, not ρ_t', () => {
    const [step1] = stepsOf('adafactor', 'keras', { learningRate: 0.5, weightDecay: 0.1 }, [2, 2], [[0, 0]]);
    // g = 0 → U = 0: only the decay acts, 2 − 2·0.1·0.5 = 1.9
    expectAllClose(step1!, [1.9, 1.9]);
  });
});

describe('keras clipping', () => {
  // Subnormal gradients are left out: g·c underflows before the division, in Keras's formula too.
  const element = fc.double({ min: -100, max: 100, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-200);
  const gradients = fc.array(fc.array(element, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 });
  const bound = fc.double({ min: 1e-3, max: 10, noNaN: true });

  // With plain SGD, lr = 1 and p = 0, the step is exactly −(the applied gradient).
  function appliedGradients(options: Record<string, number>, grads: number[][]): number[][] {
    const params = [{ name: 'a', shape: [2], data: new Float64Array(2) }, { name: 'b', shape: [1], data: new Float64Array(1) }];
    const opt = createOptimizer('sgd', { options: { learningRate: 1, ...options }, params });
    return grads.map((g) => {
      params.forEach((p) => p.data.fill(0));
      opt.step({ a: Float64Array.from(g.slice(0, 2)), b: Float64Array.from(g.slice(2)) });
      return [...params[0]!.data, ...params[1]!.data].map((x) => -x);
    });
  }

  it('clipNorm never lets a parameter’s applied gradient norm exceed the bound, and leaves smaller ones alone', () => {
    fc.assert(
      fc.property(gradients, bound, (grads, c) => {
        appliedGradients({ clipNorm: c }, grads).forEach((applied, s) => {
          const a = applied.slice(0, 2), given = grads[s]!.slice(0, 2);
          expect(norm(a)).toBeLessThanOrEqual(c * (1 + 1e-15));
          if (norm(given) <= c) expectAllClose(a, given, 1e-15);
          expect(Math.abs(applied[2]!)).toBeLessThanOrEqual(c * (1 + 1e-15));
        });
      }),
    );
  });

  it('globalClipNorm bounds the norm over all parameters together', () => {
    fc.assert(
      fc.property(gradients, bound, (grads, c) => {
        appliedGradients({ globalClipNorm: c }, grads).forEach((applied, s) => {
          expect(norm(applied)).toBeLessThanOrEqual(c * (1 + 1e-15));
          if (norm(grads[s]!) <= c) expectAllClose(applied, grads[s]!, 1e-15);
        });
      }),
    );
  });

  it('clipValue clamps each element to [−c, c]', () => {
    fc.assert(
      fc.property(gradients, bound, (grads, c) => {
        appliedGradients({ clipValue: c }, grads).forEach((applied, s) => applied.forEach((a, i) => expect(a + 0).toBe(Math.min(Math.max(grads[s]![i]!, -c), c) + 0)));
      }),
    );
  });

  it('a clip value of 0 or below turns the option off', () => {
    expect(appliedGradients({ clipNorm: 0 }, [[30, 40, 5]])).toEqual([[30, 40, 5]]);
    expect(appliedGradients({ clipValue: -1 }, [[30, 40, 5]])).toEqual([[30, 40, 5]]);
  });
});

describe('step() input checks', () => {
  const params = (): { name: string; shape: number[]; data: Float64Array }[] => [
    { name: 'w', shape: [2, 3], data: new Float64Array(6) },
    { name: 'b', shape: [3], data: new Float64Array(3) },
  ];

  it('takes gradients as a Map or a record keyed by name, with the same result', () => {
    const a = params(), b = params();
    const optA = createOptimizer('adam', { params: a });
    const optB = createOptimizer('adam', { params: b });
    optA.step({ w: new Float64Array(6).fill(0.5), b: new Float64Array(3).fill(-1) });
    optB.step(new Map([['b', new Float64Array(3).fill(-1)], ['w', new Float64Array(6).fill(0.5)]]));
    expect(a).toEqual(b);
    expect(optA.stepCount).toBe(1);
  });

  it('names the parameter and both sizes when a gradient is missing or the wrong size, and changes nothing', () => {
    const ps = params();
    const opt = createOptimizer('sgd', { params: ps });
    expect(() => opt.step({ w: new Float64Array(6) })).toThrow("step: no gradient for parameter 'b' (shape [3], 3 values)");
    expect(() => opt.step({ w: new Float64Array(5), b: new Float64Array(3) })).toThrow("step: the gradient for 'w' has 5 values, the parameter has 6 (shape [2, 3])");
    expect(() => opt.step({ w: [1, 2, 3, 4, 5, 6] as unknown as Float64Array, b: new Float64Array(3) })).toThrow(/'w' must be a Float32Array or Float64Array/);
    expect(opt.stepCount).toBe(0);
  });

  it('rejects bad parameters at construction', () => {
    expect(() => createOptimizer('sgd', { params: [{ name: 'w', shape: [2, 2], data: new Float64Array(3) }] })).toThrow("parameter 'w': shape [2, 2] holds 4 values but data has 3");
    expect(() => createOptimizer('sgd', { params: [...params(), ...params()] })).toThrow("parameter name 'w' is used twice");
  });

  it('exposes the named state of each parameter and refuses unknown names', () => {
    const opt = createOptimizer('rmsprop', { options: { centered: true, momentum: 0.5 }, params: params() });
    expect(Object.keys(opt.state('w'))).toEqual(['v', 'meanGradient', 'momentumBuffer']);
    expect(() => opt.state('x')).toThrow("no parameter named 'x'; parameters: w, b");
    expect(Object.keys(createOptimizer('sgd', { params: params() }).state('b'))).toEqual([]);
    expect(Object.keys(createOptimizer('adam', { options: { amsgrad: true }, params: params() }).state('b'))).toEqual(['m', 'v', 'vHat']);
    expect(Object.keys(createOptimizer('adamax', { params: params() }).state('b'))).toEqual(['m', 'u']);
    expect(Object.keys(createOptimizer('adadelta', { params: params() }).state('b'))).toEqual(['squaredGradientAverage', 'squaredDeltaAverage']);
  });

  it('state arrays take the parameter’s dtype', () => {
    const opt = createOptimizer('adam', { params: [{ name: 'w', shape: [2], data: new Float32Array(2) }] });
    expect(opt.state('w')['m']).toBeInstanceOf(Float32Array);
  });
});

const adamKernelBackend = createJsBackend(1);
afterAll(() => adamKernelBackend.close());

describe('fused kernels (OptimizerConfig.kernels)', () => {
  // The backend's Adam as the fused kernel; `calls` records the form of each call.
  const run = (name: 'adam' | 'adamw' | 'sgd', options: Record<string, unknown>, convention: 'keras' | 'torch', data: Float32Array | Float64Array, fused: boolean) => {
    const calls: string[] = [];
    const adam: NonNullable<OptimizerKernels['adam']> = (p, g, m, v, step) => {
      calls.push(step.form);
      adamKernelBackend.adamUpdate(p, g, m, v, step);
    };
    const optimizer = createOptimizer(name, { convention, options, params: [{ name: 'w', shape: [data.length], data }], kernels: fused ? { adam } : undefined });
    for (let t = 1; t <= 3; t++) optimizer.step({ w: data.map((x, i) => Math.sin(x * 3 + i + t)) });
    return calls;
  };

  it("runs the fused Adam for adam and adamw without AMSGrad on float32, with the rule's bits", () => {
    for (const [name, convention, options] of [['adam', 'keras', {}], ['adam', 'torch', {}], ['adamw', 'torch', { weightDecay: 0.1 }], ['adamw', 'keras', { weightDecay: 0.1 }]] as const) {
      const plain = Float32Array.from([0.5, -1, 2, 0]);
      const fused = plain.slice();
      run(name, options, convention, plain, false);
      expect(run(name, options, convention, fused, true)).toEqual([convention, convention, convention]);
      expect([...fused]).toEqual([...plain]);
    }
  });

  it("gives the rule's bits through the fused Adam for any β1, β2, ε, lr and step t (adam and adamw, both conventions)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom('adam' as const, 'adamw' as const), fc.constantFrom('keras' as const, 'torch' as const),
        fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.99999, noNaN: true }), fc.double({ min: 0, max: 1e-3, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 40 }),
        (name, convention, beta1, beta2, epsilon, learningRate, firstStep, n) => {
          const options = { beta1, beta2, epsilon, learningRate };
          const start = Float32Array.from({ length: n }, (_, i) => Math.cos(i * 1.7 + firstStep));
          const calls: string[] = [];
          const adam: NonNullable<OptimizerKernels['adam']> = (p, g, m, v, step) => {
            calls.push(step.form);
            adamKernelBackend.adamUpdate(p, g, m, v, step);
          };
          const [plain, fused] = [start.slice(), start.slice()];
          const optimizers = [plain, fused].map((data, k) => createOptimizer(name, { convention, options, params: [{ name: 'w', shape: [n], data }], kernels: k === 1 ? { adam } : undefined }));
          // Start at step t = firstStep: a state dict with the step count before it.
          const dict = { ...optimizers[0]!.stateDict(), stepCount: firstStep - 1 };
          for (const optimizer of optimizers) optimizer.loadStateDict(dict);
          for (let s = 0; s < 3; s++) for (const optimizer of optimizers) optimizer.step({ w: start.map((x, i) => Math.sin(x * 3 + i + s)) });
          return calls.length === 3 && Buffer.from(fused.buffer).equals(Buffer.from(plain.buffer));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the rule for AMSGrad, float64 parameters and other optimizers', () => {
    expect(run('adam', { amsgrad: true }, 'keras', Float32Array.from([1, 2]), true)).toEqual([]);
    expect(run('adam', {}, 'keras', Float64Array.from([1, 2]), true)).toEqual([]);
    expect(run('sgd', {}, 'keras', Float32Array.from([1, 2]), true)).toEqual([]);
  });
});

/**
 * Adafactor in the torch convention: torch >= 2.5's torch.optim.Adafactor, which Debian's
 * torch 1.13 does not have, so there is no golden run: an independent float64 reference
 * written from torch's documented algorithm, steps worked by hand, and properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/optim/index.ts';
import { expectAllClose, stepsOf } from './helpers.ts';

interface TorchAdafactorSettings {
  readonly lr?: number;
  readonly beta2Decay?: number;
  readonly epsilon1?: number;
  readonly epsilon2?: number;
  readonly d?: number;
  readonly weightDecay?: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const rms = (xs: readonly number[]): number => Math.sqrt(mean(xs.map((x) => x * x)));

/**
 * torch.optim.Adafactor's algorithm (its docstring and _single_tensor_adafactor) for a
 * float64 parameter of shape [M, N] or [N], on nested arrays, with the textbook
 * interpolation a + w·(b − a): the reference the engine is held to.
 */
function torchAdafactorByHand(shape: readonly number[], p0: readonly number[], grads: readonly (readonly number[])[], s: TorchAdafactorSettings): number[][] {
  const { lr = 0.01, beta2Decay = -0.8, epsilon1 = 2 ** -52, epsilon2 = 1e-3, d = 1, weightDecay = 0 } = s;
  const factored = shape.length === 2;
  const [M, N] = factored ? [shape[0]!, shape[1]!] : [1, shape[0]!];
  let p = [...p0];
  let R = new Array<number>(M).fill(0);
  let C = new Array<number>(N).fill(0);
  let v = new Array<number>(N).fill(0);
  return grads.map((g, s0) => {
    const t = s0 + 1;
    const w = t ** beta2Decay;
    const alpha = Math.max(epsilon2, rms(p)) * Math.min(lr, 1 / Math.sqrt(t));
    p = p.map((x) => x * (1 - lr * weightDecay));
    let V: number[];
    if (factored) {
      const row = (i: number): number[] => g.slice(i * N, (i + 1) * N);
      const column = (j: number): number[] => Array.from({ length: M }, (_, i) => g[i * N + j]!);
      R = R.map((r, i) => r + w * (mean(row(i).map((x) => x * x)) - r));
      C = C.map((c, j) => c + w * (mean(column(j).map((x) => x * x)) - c));
      const meanR = Math.max(mean(R), epsilon1);
      V = g.map((_, k) => (R[Math.floor(k / N)]! * C[k % N]!) / meanR);
    } else {
      v = v.map((x, i) => x + w * (g[i]! * g[i]! - x));
      V = v;
    }
    const U = g.map((x, k) => x / Math.sqrt(Math.max(V[k]!, epsilon1 * epsilon1)));
    const denominator = Math.max(1, rms(U) / d);
    p = p.map((x, k) => x - (alpha / denominator) * U[k]!);
    return [...p];
  });
}

const vector = [1, -2];
const vectorGrads = [[0.5, -1], [-0.25, 0.1]];

describe('adafactor, torch convention (torch >= 2.5), worked by hand', () => {
  it('step 1 of a vector: v = g², U = sign(g), α = RMS(p)·min(lr, 1) = √2.5·0.01', () => {
    const [step1] = stepsOf('adafactor', 'torch', {}, vector, [vectorGrads[0]!]);
    const alpha = Math.sqrt(2.5) * 0.01;
    expectAllClose(step1!, [1 - alpha, -2 + alpha]);
  });

  it('step 2 of a vector: w = 2^−0.8, v = v + w(g² − v), U = g/√v clipped by RMS(U)', () => {
    const [p1, p2] = stepsOf('adafactor', 'torch', {}, vector, vectorGrads);
    const w = 2 ** -0.8; // 0.574349
    const v = [0.25 + w * (0.0625 - 0.25), 1 + w * (0.01 - 1)];
    const U = [-0.25 / Math.sqrt(v[0]!), 0.1 / Math.sqrt(v[1]!)];
    const alpha = rms(p1!) * 0.01; // min(0.01, 1/√2) = 0.01
    const clip = Math.max(1, rms(U));
    expect(clip).toBe(1); // U = [−0.66, 0.15]: RMS(U) = 0.48 < d = 1, no clipping
    expectAllClose(p2!, p1!.map((x, i) => x - (alpha / clip) * U[i]!), 1e-14);
  });

  it('step 1 of a [2, 2] matrix whose g² has rank one: V = R·C/mean(R) is g² itself, so every element moves by α', () => {
    const p0 = [1, 2, 3, 4];
    const [step1] = stepsOf('adafactor', 'torch', {}, p0, [[1, 2, 2, 4]], [2, 2]);
    // R = [2.5, 10], C = [2.5, 10], mean(R) = 6.25: V = [[1, 4], [4, 16]] = g², U = 1
    const alpha = Math.sqrt(7.5) * 0.01;
    expectAllClose(step1!, p0.map((x) => x - alpha));
  });

  it('takes α from p before its weight decay p ← p·(1 − lr·wd) (Keras takes it after its decay)', () => {
    const [step1] = stepsOf('adafactor', 'torch', { learningRate: 0.1, weightDecay: 2 }, vector, [vectorGrads[0]!]);
    const alpha = Math.sqrt(2.5) * 0.1; // RMS of the undecayed p
    expectAllClose(step1!, [1 * 0.8 - alpha, -2 * 0.8 + alpha]);
  });
});

describe('adafactor, torch convention, against the reference', () => {
  const uniform = (seed: number): (() => number) => {
    let x = seed;
    return () => ((x = (x * 16807) % 2147483647) / 2147483647) * 2 - 1;
  };

  it.each([
    ['a [3, 4] matrix at the defaults', [3, 4], {}],
    ['a [3, 4] matrix with weight decay, ε1 1e-3, ε2 0.1, d 1.5 and lr 0.5', [3, 4], { lr: 0.5, weightDecay: 0.1, epsilon1: 1e-3, epsilon2: 0.1, d: 1.5 }],
    ['a vector of 5 with beta2Decay −0.5', [5], { beta2Decay: -0.5, lr: 0.05 }],
  ] as const)('%s, 30 steps', (_name, shape, settings: TorchAdafactorSettings) => {
    const next = uniform(7);
    const size = shape.reduce((a, b) => a * b, 1);
    const p0 = Array.from({ length: size }, next);
    const grads = Array.from({ length: 30 }, () => Array.from({ length: size }, next));
    const options = {
      ...(settings.lr !== undefined ? { learningRate: settings.lr } : {}),
      ...(settings.beta2Decay !== undefined ? { beta2Decay: settings.beta2Decay } : {}),
      ...(settings.epsilon1 !== undefined ? { epsilon1: settings.epsilon1 } : {}),
      ...(settings.epsilon2 !== undefined ? { epsilon2: settings.epsilon2 } : {}),
      ...(settings.d !== undefined ? { clipThreshold: settings.d } : {}),
      ...(settings.weightDecay !== undefined ? { weightDecay: settings.weightDecay } : {}),
    };
    const expected = torchAdafactorByHand(shape, p0, grads, settings);
    stepsOf('adafactor', 'torch', options, p0, grads, shape).forEach((s, k) => expectAllClose(s, expected[k]!, 1e-12));
  });

  it('equals the Keras rule at the same lr without weight decay and with a negligible ε1; differs with either', () => {
    const steps = Array.from({ length: 8 }, (_, k) => [Math.sin(k + 1), Math.cos(k) / 3, 0.5 - k / 10, 0.2]);
    for (const shape of [[4], [2, 2]]) {
      const keras = stepsOf('adafactor', 'keras', { learningRate: 0.01 }, [1, -2, 0.5, 3], steps, shape);
      const torch = stepsOf('adafactor', 'torch', {}, [1, -2, 0.5, 3], steps, shape);
      torch.forEach((s, k) => expectAllClose(s, keras[k]!, 1e-12));
      // weight decay: Keras takes α from the decayed p, torch from p before its decay
      const kerasDecay = stepsOf('adafactor', 'keras', { learningRate: 0.01, weightDecay: 5 }, [1, -2, 0.5, 3], steps, shape);
      const torchDecay = stepsOf('adafactor', 'torch', { weightDecay: 5 }, [1, -2, 0.5, 3], steps, shape);
      expect(Math.abs(torchDecay[0]![0]! - kerasDecay[0]![0]!)).toBeGreaterThan(1e-5);
      // ε1 = 0.1: Keras adds it to every g², torch only floors V at ε1²
      const kerasEps = stepsOf('adafactor', 'keras', { learningRate: 0.01, epsilon1: 0.1 }, [1, -2, 0.5, 3], steps, shape);
      const torchEps = stepsOf('adafactor', 'torch', { epsilon1: 0.1 }, [1, -2, 0.5, 3], steps, shape);
      expect(Math.abs(torchEps[1]![0]! - kerasEps[1]![0]!)).toBeGreaterThan(1e-5);
    }
  });
});

describe('adafactor, torch convention, options and properties', () => {
  it('epsilon1 None (null, the default) is the dtype’s machine epsilon: 2⁻⁵² for float64, 2⁻²³ for float32', () => {
    const grads = [[1e-9, 0], [0, 2e-9]];
    expect(stepsOf('adafactor', 'torch', {}, vector, grads)).toEqual(stepsOf('adafactor', 'torch', { epsilon1: 2 ** -52 }, vector, grads));
    expect(stepsOf('adafactor', 'torch', {}, vector, grads)).not.toEqual(stepsOf('adafactor', 'torch', { epsilon1: 2 ** -23 }, vector, grads));
    const run32 = (epsilon1: number | null): number[] => {
      const params = [{ name: 'p', shape: [2], data: Float32Array.from(vector) }];
      const opt = createOptimizer('adafactor', { convention: 'torch', options: { epsilon1 }, params });
      for (const g of grads) opt.step({ p: Float32Array.from(g) });
      return Array.from(params[0]!.data);
    };
    expect(run32(null)).toEqual(run32(2 ** -23));
    expect(run32(null)).not.toEqual(run32(2 ** -52));
  });

  it('refuses clipThreshold (torch’s d) below 1 and relativeStep, which torch does not have', () => {
    expect(() => createOptimizer('adafactor', { convention: 'torch', options: { clipThreshold: 0.5 }, params: [] })).toThrow(
      "adafactor (torch convention): clipThreshold (torch's d) must be a number >= 1 in the torch convention, got 0.5",
    );
    expect(() => createOptimizer('adafactor', { convention: 'torch', options: { relativeStep: false }, params: [] })).toThrow(/relativeStep is not an option of this optimizer in the torch convention \(it exists in the keras convention\)/);
  });

  it('with ε1 = 0 the trajectory does not change when every gradient is scaled by c > 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }).chain((x) => fc.constantFrom(x, -x)), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.constantFrom([6], [2, 3], [3, 2]),
        (grads, scale, shape) => {
          const p0 = [0.5, -1, 2, -0.25, 1.5, 0.75];
          const a = stepsOf('adafactor', 'torch', { epsilon1: 0 }, p0, grads, shape);
          const b = stepsOf('adafactor', 'torch', { epsilon1: 0 }, p0, grads.map((g) => g.map((x) => x * scale)), shape);
          a.forEach((s, k) => expectAllClose(b[k]!, s, 1e-11));
        },
      ),
    );
  });

  it('on step 1 every element of a vector moves by exactly α = max(ε2, RMS(p))·min(lr, 1), whatever the gradient', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }).chain((x) => fc.constantFrom(x, -x)), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 1e-4, max: 2, noNaN: true }),
        (g, lr) => {
          const p0 = g.map((_, i) => (i % 3) - 1.25);
          const [step1] = stepsOf('adafactor', 'torch', { learningRate: lr }, p0, [g]);
          const alpha = Math.max(1e-3, rms(p0)) * Math.min(lr, 1);
          step1!.forEach((x, i) => expect(Math.abs(Math.abs(x - p0[i]!) - alpha)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(p0[i]!))));
        },
      ),
    );
  });
});

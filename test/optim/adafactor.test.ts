import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOptimizer } from '../../src/optim/index.ts';
import { expectAllClose, stepsOf } from './helpers.ts';

interface AdafactorSettings {
  readonly lr: number;
  readonly weightDecay?: number;
  readonly beta2Decay?: number;
  readonly epsilon1?: number;
  readonly epsilon2?: number;
  readonly clipThreshold?: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const rms = (xs: readonly number[]): number => Math.sqrt(mean(xs.map((x) => x * x)));

/**
 * docs/optimizers.md §2's Adafactor written out plainly for a parameter of shape [B, M, N] (B = 1 for
 * rank 2) or [N] (rank 1), on nested arrays: the reference the engine is held to.
 */
function adafactorByHand(shape: readonly number[], p0: readonly number[], grads: readonly (readonly number[])[], s: AdafactorSettings): number[][] {
  const { lr, weightDecay = 0, beta2Decay = -0.8, epsilon1 = 1e-30, epsilon2 = 1e-3, clipThreshold = 1 } = s;
  const factored = shape.length >= 2;
  const [M, N] = factored ? [shape[shape.length - 2]!, shape[shape.length - 1]!] : [1, shape[0]!];
  const B = p0.length / (M * N);
  const at = (b: number, i: number, j: number): number => (b * M + i) * N + j;
  let p = [...p0];
  const R = Array.from({ length: B }, () => new Array<number>(M).fill(0));
  const C = Array.from({ length: B }, () => new Array<number>(N).fill(0));
  let Vflat = new Array<number>(p0.length).fill(0);
  const out: number[][] = [];
  grads.forEach((g, step) => {
    const t = step + 1;
    p = p.map((x) => x - x * weightDecay * lr);
    const rhoT = Math.min(Math.min(lr, 1 / Math.sqrt(t)), 1 / Math.sqrt(t));
    const alphaT = Math.max(epsilon2, rms(p)) * rhoT;
    const G = g.map((x) => x * x + epsilon1);
    const bt = 1 - t ** beta2Decay;
    let V: number[];
    if (factored) {
      V = new Array<number>(p.length);
      for (let b = 0; b < B; b++) {
        for (let i = 0; i < M; i++) R[b]![i] = bt * R[b]![i]! + (1 - bt) * mean(Array.from({ length: N }, (_, j) => G[at(b, i, j)]!));
        for (let j = 0; j < N; j++) C[b]![j] = bt * C[b]![j]! + (1 - bt) * mean(Array.from({ length: M }, (_, i) => G[at(b, i, j)]!));
        const meanR = mean(R[b]!);
        for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) V[at(b, i, j)] = (R[b]![i]! / meanR) * C[b]![j]!;
      }
    } else {
      Vflat = Vflat.map((v, k) => bt * v + (1 - bt) * G[k]!);
      V = Vflat;
    }
    const U = g.map((x, k) => x / Math.sqrt(V[k]!));
    const Uc = U.map((u) => u / Math.max(1, rms(U) / clipThreshold));
    p = p.map((x, k) => x - alphaT * Uc[k]!);
    out.push([...p]);
  });
  return out;
}

const grads2x2 = [[0.5, -1, 2, 0.25], [-0.3, 0.8, 1.5, -0.6], [0.1, 0.2, -0.4, 1.1]];
const p2x2 = [1, -2, 0.5, 3];

describe('adafactor worked by hand (keras convention)', () => {
  it('rank 1, step 1: V = g² + ε1 (β̂1 = 0), U ≈ sign(g), α = √2.5·0.001', () => {
    const [step1] = stepsOf('adafactor', 'keras', {}, [1, -2], [[0.5, -1]]);
    const alpha = Math.sqrt(2.5) * 0.001;
    expectAllClose(step1!, [1 - alpha, -2 + alpha], 1e-15);
  });

  it('rank 1, three steps of the spec rule', () => {
    const expected = adafactorByHand([4], p2x2, grads2x2, { lr: 0.001 });
    stepsOf('adafactor', 'keras', {}, p2x2, grads2x2).forEach((s, k) => expectAllClose(s, expected[k]!, 1e-13));
  });

  it('rank 2, three steps: R and C averaged, V = R/mean(R)·C recomputed each step', () => {
    const expected = adafactorByHand([2, 2], p2x2, grads2x2, { lr: 0.001 });
    stepsOf('adafactor', 'keras', {}, p2x2, grads2x2, [2, 2]).forEach((s, k) => expectAllClose(s, expected[k]!, 1e-13));
  });

  it('rank 3 normalises R within each leading index (flattening to [B·M, N] gives another answer)', () => {
    const p0 = [1, -2, 0.5, 3, -1, 0.7, 0.2, -0.4, 1.2, 0.9, -0.8, 0.3];
    const grads = [[0.5, -1, 2, 0.25, 0.3, -0.7, 1.1, 0.4, -0.2, 0.6, 0.9, -1.3], [0.2, 0.1, -0.5, 1.4, -0.6, 0.8, 0.3, -0.9, 1.0, 0.05, -0.35, 0.45]];
    const expected = adafactorByHand([2, 2, 3], p0, grads, { lr: 0.5 });
    const actual = stepsOf('adafactor', 'keras', { learningRate: 0.5 }, p0, grads, [2, 2, 3]);
    actual.forEach((s, k) => expectAllClose(s, expected[k]!, 1e-13));
    const flattened = stepsOf('adafactor', 'keras', { learningRate: 0.5 }, p0, grads, [4, 3]);
    expect(flattened[1]).not.toEqual(actual[1]);
    const params = [{ name: 'k', shape: [2, 2, 3], data: Float64Array.from(p0) }];
    const opt = createOptimizer('adafactor', { params });
    expect(Object.keys(opt.state('k'))).toEqual(['rowFactor', 'columnFactor']);
    expect(opt.state('k')['rowFactor']!.length).toBe(4);
    expect(opt.state('k')['columnFactor']!.length).toBe(6);
  });

  it('large lr with relativeStep false, weight decay and clipThreshold: ρ_t = min(lr, 1/√t) still applies, decay uses the raw lr', () => {
    const settings = { lr: 0.5, weightDecay: 0.1, clipThreshold: 0.5 };
    const grads = Array.from({ length: 8 }, (_, s) => grads2x2[s % 3]!.map((x) => x * (1 + s / 4)));
    const expected = adafactorByHand([2, 2], p2x2, grads, settings);
    const options = { learningRate: 0.5, relativeStep: false, weightDecay: 0.1, clipThreshold: 0.5 };
    stepsOf('adafactor', 'keras', options, p2x2, grads, [2, 2]).forEach((s, k) => expectAllClose(s, expected[k]!, 1e-12));
  });
});

describe('adafactor properties and pitfalls', () => {
  const positive = fc.double({ min: 0.05, max: 2, noNaN: true });

  it('the factored estimate equals the full one for rank-1 gradients g_t = c_t·u·vᵀ', () => {
    fc.assert(
      fc.property(
        fc.array(positive, { minLength: 2, maxLength: 4 }),
        fc.array(positive, { minLength: 2, maxLength: 4 }),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }).filter((c) => Math.abs(c) > 0.1), { minLength: 1, maxLength: 6 }),
        (u, v, scales) => {
          const M = u.length, N = v.length;
          const p0 = Array.from({ length: M * N }, (_, k) => Math.cos(k + 1));
          const grads = scales.map((c) => Array.from({ length: M * N }, (_, k) => c * u[Math.floor(k / N)]! * v[k % N]!));
          const factored = stepsOf('adafactor', 'keras', { learningRate: 0.1 }, p0, grads, [M, N]);
          const full = stepsOf('adafactor', 'keras', { learningRate: 0.1 }, p0, grads, [M * N]);
          factored.forEach((s, k) => expectAllClose(s, full[k]!, 1e-10));
        },
      ),
    );
  });

  it('[1, N] and [N, 1] parameters equal the unfactored rule for any gradients', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (grads) => {
        const p0 = [0.4, -1.1, 2.3];
        const full = stepsOf('adafactor', 'keras', {}, p0, grads, [3]);
        for (const shape of [[1, 3], [3, 1]]) stepsOf('adafactor', 'keras', {}, p0, grads, shape).forEach((s, k) => expectAllClose(s, full[k]!, 1e-10));
      }),
    );
  });

  it('relativeStep does nothing for a constant learning rate (spec pitfall 2)', () => {
    for (const learningRate of [0.001, 0.5]) {
      expect(stepsOf('adafactor', 'keras', { learningRate, relativeStep: false }, p2x2, grads2x2, [2, 2])).toEqual(
        stepsOf('adafactor', 'keras', { learningRate, relativeStep: true }, p2x2, grads2x2, [2, 2]),
      );
    }
  });

  it('a zero-initialised parameter moves by ε2·ρ_t = 1e-6 per element on step 1 (spec pitfall 3)', () => {
    const [step1] = stepsOf('adafactor', 'keras', {}, [0, 0, 0], [[0.3, -2, 5]]);
    expectAllClose(step1!, [-1e-6, 1e-6, -1e-6], 1e-12);
  });

  it('float32: an entry whose gradient row and column are both zero makes V underflow and the tensor NaN; float64 keeps it finite (spec pitfall 6)', () => {
    const g = [0, 0, 0, 1];
    for (const dtype of ['float32', 'float64'] as const) {
      const data = dtype === 'float32' ? Float32Array.from(p2x2) : Float64Array.from(p2x2);
      const params = [{ name: 'w', shape: [2, 2], data }];
      const opt = createOptimizer('adafactor', { params });
      opt.step({ w: dtype === 'float32' ? Float32Array.from(g) : Float64Array.from(g) });
      if (dtype === 'float32') expect(Array.from(data).every(Number.isNaN)).toBe(true);
      else {
        expect(Array.from(data).every(Number.isFinite)).toBe(true);
        expect(data[0]).toBe(1); // U = 0 there and there is no weight decay: unchanged
      }
    }
  });
});

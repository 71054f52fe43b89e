/**
 * Every kernel of every backend against a plain float64 reference loop, on random shapes
 * (odd sizes, size 1, and large ones whose loops pass gpu.js's loopMaxIterations of 1000):
 * within 1e-5 relative in float32. The backends: js on one thread (with its WebAssembly
 * matmul, and with the TypeScript loop), js on three threads,
 * gpujs in webasm mode on this thread, and gpujs webasm hosted in a worker (the plumbing
 * the WebGPU mode uses).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createJsBackend } from '../../src/backend/js/index.ts';
import { createGpujsBackend } from '../../src/backend/gpujs/index.ts';
import type { KernelBackend } from '../../src/backend/types.ts';
import { randomFloats, referenceMatmul, worstRelativeError } from './reference.ts';

const backends: [string, KernelBackend][] = [
  ['js, 1 thread', createJsBackend(1)],
  ['js, TypeScript matmul, 1 thread', createJsBackend(1, { matmulKernel: 'typescript' })],
  ['js, 3 threads', createJsBackend(3)],
  ['gpujs webasm', createGpujsBackend({ mode: 'webasm' })],
  ['gpujs webasm in a worker', createGpujsBackend({ mode: 'webasm', inWorker: true })],
];
afterAll(async () => {
  for (const [, b] of backends) await b.close();
});

const TOLERANCE = 1e-5;
const dim = fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 37 }));
const matmulCase = fc.record({ m: dim, k: dim, n: dim, tA: fc.boolean(), tB: fc.boolean(), seed: fc.integer({ min: 1, max: 1e6 }) });

function checkMatmul(backend: KernelBackend, { m, k, n, tA, tB, seed }: { m: number; k: number; n: number; tA: boolean; tB: boolean; seed: number }): number {
  const a = randomFloats(m * k, seed);
  const b = randomFloats(k * n, seed + 1);
  const c = new Float32Array(m * n).fill(NaN);
  backend.matmul(a, b, c, m, k, n, tA, tB);
  const ref = referenceMatmul(a, b, m, k, n, tA, tB);
  return worstRelativeError(c, ref.value, ref.scale);
}

describe.each(backends)('%s', (_, backend) => {
  it('matmul (every transpose mix) matches float64 within 1e-5 relative on random shapes', () => {
    fc.assert(fc.property(matmulCase, (c) => checkMatmul(backend, c) <= TOLERANCE), { numRuns: 25 });
  });

  it('matmul matches on large shapes, with k past loopMaxIterations (1000)', () => {
    for (const [m, k, n, tA, tB] of [[67, 1031, 45, false, false], [33, 1200, 17, true, false], [129, 300, 66, false, true]] as const) {
      expect(checkMatmul(backend, { m, k, n, tA, tB, seed: m + k })).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it('gathers rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1e6 }), (rows, width, count, seed) => {
        const table = randomFloats(rows * width, seed);
        const indices = Int32Array.from(randomFloats(count, seed + 7), (x) => Math.floor(((x + 1) / 2) * rows) % rows);
        const out = new Float32Array(count * width).fill(NaN);
        backend.gatherRows(table, indices, width, out);
        for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) if (out[i * width + j] !== table[indices[i] * width + j]) return false;
        return true;
      }),
      { numRuns: 20 },
    );
  });

  it('scatter-adds rows with many duplicate indices, within 1e-5 of float64 sums', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 17 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 1e6 }), (rows, width, count, seed) => {
        const values = randomFloats(count * width, seed);
        const indices = Int32Array.from(randomFloats(count, seed + 3), (x) => Math.floor(((x + 1) / 2) * rows) % rows);
        const out = new Float32Array(rows * width);
        backend.scatterAddRows(values, indices, width, out);
        const want = new Float64Array(rows * width);
        const scale = new Float64Array(rows * width);
        for (let i = 0; i < count; i++) {
          for (let j = 0; j < width; j++) {
            want[indices[i] * width + j] += values[i * width + j];
            scale[indices[i] * width + j] += Math.abs(values[i * width + j]);
          }
        }
        return worstRelativeError(out, want, scale) <= TOLERANCE;
      }),
      { numRuns: 20 },
    );
  });

  it('dense forward: act(x·W + b), times a dropout mask or not, within 1e-5 relative, ReLU and linear', () => {
    fc.assert(
      fc.property(dim, dim, fc.oneof(dim, fc.constantFrom(4, 8, 16)), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 1e6 }), (m, k, n, relu, withMask, seed) => {
        const x = randomFloats(m * k, seed);
        const w = randomFloats(k * n, seed + 1);
        const bias = randomFloats(n, seed + 2);
        const mask = withMask ? randomFloats(m * n, seed + 3).map((u) => (u < 0 ? 0 : 2.5)) : undefined;
        const out = new Float32Array(m * n).fill(NaN);
        backend.denseForward(x, w, bias, out, m, k, n, relu, mask);
        const ref = referenceMatmul(x, w, m, k, n, false, false);
        for (let i = 0; i < m * n; i++) {
          ref.value[i] += bias[i % n];
          ref.scale[i] += Math.abs(bias[i % n]);
          if (relu && ref.value[i] < 0) ref.value[i] = 0;
          if (mask !== undefined) {
            ref.value[i] *= mask[i];
            ref.scale[i] *= mask[i];
          }
        }
        return worstRelativeError(out, ref.value, ref.scale) <= TOLERANCE;
      }),
      { numRuns: 20 },
    );
  });

  it('dense backward: dx = Gz·Wᵀ, dW = xᵀ·Gz, db = Σ Gz with Gz = G·M·[y > 0] (M a dropout mask, or 1), within 1e-5 relative', () => {
    fc.assert(
      fc.property(dim, dim, fc.oneof(dim, fc.constantFrom(4, 8, 16)), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 1e6 }), (m, k, n, relu, withMask, seed) => {
        const x = randomFloats(m * k, seed);
        const w = randomFloats(k * n, seed + 1);
        const g = randomFloats(m * n, seed + 2);
        const mask = withMask ? randomFloats(m * n, seed + 4).map((u) => (u < 0 ? 0 : 2.5)) : undefined;
        const y = randomFloats(m * n, seed + 3).map((v, i) => Math.max(v, 0) * (mask?.[i] ?? 1));
        const [dx, dw, db] = [new Float32Array(m * k).fill(NaN), new Float32Array(k * n).fill(NaN), new Float32Array(n).fill(NaN)];
        backend.denseBackward(x, w, g, y, dx, dw, db, m, k, n, relu, mask);
        const gz = g.map((v, i) => (relu && !(y[i] > 0) ? 0 : v * (mask?.[i] ?? 1)));
        const dxRef = referenceMatmul(gz, w, m, n, k, false, true);
        const dwRef = referenceMatmul(x, gz, k, m, n, true, false);
        const dbRef = new Float64Array(n);
        const dbScale = new Float64Array(n);
        gz.forEach((v, i) => {
          dbRef[i % n] += v;
          dbScale[i % n] += Math.abs(v);
        });
        return Math.max(worstRelativeError(dx, dxRef.value, dxRef.scale), worstRelativeError(dw, dwRef.value, dwRef.scale), worstRelativeError(db, dbRef, dbScale)) <= TOLERANCE;
      }),
      { numRuns: 20 },
    );
  });

  it('gives the same bits on a second call (run-to-run determinism)', () => {
    const [m, k, n] = [45, 77, 23];
    const a = randomFloats(m * k, 5);
    const b = randomFloats(k * n, 6);
    const first = new Float32Array(m * n);
    const second = new Float32Array(m * n);
    backend.matmul(a, b, first, m, k, n, false, true);
    backend.matmul(a, b, second, m, k, n, false, true);
    expect(second).toEqual(first);
  });
});

/**
 * gpu.js rounds every multiply and add to float32 in k-ascending order, as the js backend's
 * default float32 sums do: in webasm mode the two give the same bits, kernel by kernel (and
 * so a training run: docs/performance.md, "Numerics").
 */
describe('gpujs webasm and js with float32 sums', () => {
  const [, js] = backends[0]!;
  const [, gpujs] = backends[3]!;
  const sameBits = (a: Float32Array, b: Float32Array) => a.every((v, i) => Object.is(v, b[i]));

  it('give the same matmul bits, every transpose mix, k past 1000 included', () => {
    const cases = fc.sample(matmulCase, { numRuns: 25, seed: 5 }).concat([{ m: 67, k: 1031, n: 45, tA: false, tB: false, seed: 1 }, { m: 33, k: 1200, n: 17, tA: true, tB: true, seed: 2 }]);
    for (const { m, k, n, tA, tB, seed } of cases) {
      const a = randomFloats(m * k, seed);
      const b = randomFloats(k * n, seed + 1);
      const [viaJs, viaGpujs] = [new Float32Array(m * n), new Float32Array(m * n)];
      js.matmul(a, b, viaJs, m, k, n, tA, tB);
      gpujs.matmul(a, b, viaGpujs, m, k, n, tA, tB);
      expect(sameBits(viaJs, viaGpujs), `${m}×${k}×${n} ${tA} ${tB}`).toBe(true);
    }
  });

  it('give the same dense forward and backward bits, with a dropout mask', () => {
    for (const [m, k, n, seed] of [[64, 32, 16, 3], [37, 29, 24, 4], [128, 64, 32, 5]] as const) {
      const [x, w, bias, g] = [randomFloats(m * k, seed), randomFloats(k * n, seed + 1), randomFloats(n, seed + 2), randomFloats(m * n, seed + 3)];
      const mask = randomFloats(m * n, seed + 4).map((u) => (u < -0.1 ? 0 : 1 / 0.6));
      const run = (backend: KernelBackend) => {
        const out = { y: new Float32Array(m * n), dx: new Float32Array(m * k), dw: new Float32Array(k * n), db: new Float32Array(n) };
        backend.denseForward(x, w, bias, out.y, m, k, n, true, mask);
        backend.denseBackward(x, w, g, out.y, out.dx, out.dw, out.db, m, k, n, true, mask);
        return out;
      };
      const [a, b] = [run(js), run(gpujs)];
      for (const key of ['y', 'dx', 'dw', 'db'] as const) expect(sameBits(a[key], b[key]), `${key}, ${m}×${k}×${n}`).toBe(true);
    }
  });
});

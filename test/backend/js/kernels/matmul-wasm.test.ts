/**
 * The WebAssembly SIMD matmul gives the TypeScript loop's bits, on one thread and split
 * across workers, for both accumulations: matmulInto's float64 k-ascending sum of exact
 * products rounded once ('float64', the module's `rows`), and its float32 k-ascending sum
 * of float32 products ('float32', `rows32`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsBackend } from '../../../../src/backend/js/index.ts';
import { ACCUMULATIONS, type Accumulation } from '../../../../src/backend/types.ts';
import { matmulInto, matmulLayout } from '../../../../src/backend/js/kernels/matmul.ts';
import { addBiasActivation } from '../../../../src/backend/js/kernels/dense.ts';
import { denseBackwardByParts, multiplyInPlace, scratchArrays } from '../../../../src/backend/dense-backward.ts';
import { kernelModule } from '../../../../src/backend/js/wasm-module.ts';
import { randomFloats, shared } from '../../reference.ts';

const pools = Object.fromEntries(
  ACCUMULATIONS.map((accumulation) => [
    accumulation,
    {
      one: new JsBackend(1, { accumulation }),
      two: new JsBackend(2, { minParallelWork: 0, accumulation }),
      typescriptOnly: new JsBackend(1, { matmulKernel: 'typescript', accumulation }),
    },
  ]),
) as Record<Accumulation, { one: JsBackend; two: JsBackend; typescriptOnly: JsBackend }>;
afterAll(async () => {
  for (const pool of Object.values(pools)) await Promise.all(Object.values(pool).map((backend) => backend.close()));
});

function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

describe.each(ACCUMULATIONS)('the WebAssembly matmul kernel, %s accumulation', (accumulation) => {
  const { one, two, typescriptOnly } = pools[accumulation];
  const float32 = accumulation === 'float32';

  it('compiles on this engine, so the pools below really run it', () => {
    expect(kernelModule()).not.toBeNull();
    expect(one.info.matmul).toBe('wasm-simd');
    expect(one.info.accumulation).toBe(accumulation);
    expect(typescriptOnly.info.matmul).toBe('typescript');
  });

  it('equals the TypeScript loop bit for bit on random shapes and transposes, on 1 and 2 threads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 45 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 23 }),
        fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 1e6 }),
        (m, k, n, tA, tB, parallel, seed) => {
          const a = randomFloats(m * k, seed);
          const b = randomFloats(k * n, seed + 1);
          const want = new Float32Array(m * n);
          matmulInto(a, b, want, m, k, n, tA, tB, float32);
          const got = shared(new Float32Array(m * n).fill(NaN));
          (parallel ? two : one).matmul(shared(a), b, got, m, k, n, tA, tB);
          return sameBits(got, want);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('computes a one-column product (the head\'s layer, matvec32 where the sums are float32) with the loop\'s bits, C in its memory or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 300 }), fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 1e6 }),
        (m, k, tA, tB, residentC, seed) => {
          const a = randomFloats(m * k, seed);
          const b = randomFloats(k, seed + 1);
          a[seed % a.length] = seed % 3 === 0 ? NaN : a[seed % a.length]!;
          const want = new Float32Array(m);
          matmulInto(a, b, want, m, k, 1, tA, tB, float32);
          const got = residentC ? (one.allocateParameter('float32', m) as Float32Array) : new Float32Array(m);
          got.fill(NaN);
          one.matmul(a, b, got, m, k, 1, tA, tB);
          const same = sameBits(got, want);
          if (residentC) one.releaseParameter(got);
          return same;
        },
      ),
      { numRuns: 100 },
    );
  });

  it('adds the bias and applies ReLU in its store with the bits of matmul then addBiasActivation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 21 }),
        fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 1e6 }),
        (m, k, n, relu, parallel, seed) => {
          const x = randomFloats(m * k, seed);
          const w = randomFloats(k * n, seed + 1);
          const bias = randomFloats(n, seed + 2);
          // Some cells exactly cancelled by the bias: z = 0 must come out +0 under ReLU, as in the loop.
          if (n > 1) bias[1] = 0;
          const want = new Float32Array(m * n);
          matmulInto(x, w, want, m, k, n, false, false, float32);
          addBiasActivation(want, bias, m, n, relu);
          const got = shared(new Float32Array(m * n).fill(NaN));
          (parallel ? two : one).denseForward(shared(x), w, bias, got, m, k, n, relu);
          return sameBits(got, want);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('multiplies by a dropout mask in its store with the bits of the separate product', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.integer({ min: 1, max: 1e6 }), (m, k, n4, parallel, seed) => {
        const n = 4 * n4;
        const x = randomFloats(m * k, seed);
        const w = randomFloats(k * n, seed + 1);
        const bias = randomFloats(n, seed + 2);
        const mask = randomFloats(m * n, seed + 3).map((u) => (u < -0.2 ? 0 : 1 / 0.6));
        const want = new Float32Array(m * n);
        matmulInto(x, w, want, m, k, n, false, false, float32);
        addBiasActivation(want, bias, m, n, true);
        multiplyInPlace(want, mask);
        const got = new Float32Array(m * n).fill(NaN);
        (parallel ? two : one).denseForward(x, w, bias, got, m, k, n, true, mask);
        return sameBits(got, want);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps NaN through the fused ReLU, maps z <= 0 to +0 and keeps z > 0', () => {
    const x = Float32Array.from([NaN, 1, 1, -1, 0, 0, 1, -3, 2, 0.5]); // rows [NaN, 1], [1, −1], [0, 0], [1, −3], [2, 0.5]
    const w = Float32Array.from([1, 1]); // one column: z = the row's sum
    const out = new Float32Array(5);
    one.denseForward(x, w, Float32Array.from([0]), out, 5, 2, 1, true);
    expect(Number.isNaN(out[0])).toBe(true);
    expect([1, 2, 3].map((i) => Object.is(out[i], 0))).toEqual([true, true, true]);
    expect(out[4]).toBe(2.5);
  });

  it('computes the dense backward (dropout and ReLU masks, column sums, both products) with the bits of the loops by parts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }),
        fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 1e6 }),
        (m, k, n4, relu, withMask, parallel, seed) => {
          const n = 4 * n4;
          const x = randomFloats(m * k, seed);
          const w = randomFloats(k * n, seed + 1);
          const g = randomFloats(m * n, seed + 2);
          // y as a ReLU output: zero where the draw is negative, with a NaN now and then.
          const y = randomFloats(m * n, seed + 3).map((v, i) => (i % 17 === 5 ? NaN : Math.max(v, 0)));
          const mask = withMask ? randomFloats(m * n, seed + 4).map((u) => (u < 0 ? 0 : 1 / 0.6)) : undefined;
          const want = { dx: new Float32Array(m * k), dw: new Float32Array(k * n), db: new Float32Array(n) };
          denseBackwardByParts(typescriptOnly, scratchArrays(), x, w, g, y, want.dx, want.dw, want.db, m, k, n, relu, mask);
          const got = { dx: shared(new Float32Array(m * k)), dw: new Float32Array(k * n), db: new Float32Array(n).fill(7) };
          (parallel ? two : one).denseBackward(shared(x), w, g, y, got.dx, got.dw, got.db, m, k, n, relu, mask);
          const same = (a: Float32Array, b: Float32Array) => a.every((v, i) => Object.is(v, b[i]));
          return same(got.dx, want.dx) && same(got.dw, want.dw) && same(got.db, want.db);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads and writes arrays resident in its memory in place, with the bits of ordinary arrays, forward and backward', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 1e6 }), (m4, k, n8, ragged, parallel, seed) => {
        // m a multiple of 4 and n of 8 let the kernels write in place; `ragged` breaks both.
        const [m, n] = ragged ? [4 * m4 - 1, 8 * n8 - 4] : [4 * m4, 8 * n8];
        const backend = parallel ? two : one;
        const resident = (values: Float32Array) => {
          const array = backend.allocateParameter('float32', values.length) as Float32Array;
          array.set(values);
          expect(backend.isResident(array)).toBe(true);
          return array;
        };
        const x = randomFloats(m * k, seed);
        const w = randomFloats(k * n, seed + 1);
        const bias = randomFloats(n, seed + 2);
        const mask = randomFloats(m * n, seed + 3).map((u) => (u < -0.2 ? 0 : 1 / 0.6));
        const g = randomFloats(m * n, seed + 4);
        const want = { y: new Float32Array(m * n), dx: new Float32Array(m * k), dw: new Float32Array(k * n), db: new Float32Array(n) };
        backend.denseForward(x, w, bias, want.y, m, k, n, true, mask);
        backend.denseBackward(x, w, g, want.y, want.dx, want.dw, want.db, m, k, n, true, mask);
        const [rx, rw, rbias, rmask, rg] = [x, w, bias, mask, g].map(resident);
        const got = { y: resident(new Float32Array(m * n).fill(NaN)), dx: resident(new Float32Array(m * k).fill(NaN)), dw: resident(new Float32Array(k * n).fill(NaN)), db: new Float32Array(n) };
        const memory = backend.wasm!;
        const copyOut = memory.copyOut;
        let copiedOut = 0;
        memory.copyOut = (...args) => (copiedOut++, copyOut.apply(memory, args));
        backend.denseForward(rx!, rw!, rbias!, got.y, m, k, n, true, rmask);
        memory.copyOut = copyOut;
        if (copiedOut !== (ragged ? 1 : 0)) return false; // the output was written in place exactly where it can be
        backend.denseBackward(rx!, rw!, rg!, got.y, got.dx, got.dw, got.db, m, k, n, true, rmask);
        const ok = sameBits(got.y, want.y) && sameBits(got.dx, want.dx) && sameBits(got.dw, want.dw) && sameBits(got.db, want.db) && sameBits(rg!, g); // g is not overwritten
        for (const array of [rx, rw, rbias, rmask, rg, got.y, got.dx, got.dw]) backend.releaseParameter(array!);
        return ok;
      }),
      { numRuns: 40 },
    );
  });

  it('carries NaN and infinities where the TypeScript loop does', () => {
    const [m, k, n] = [9, 6, 7];
    const a = randomFloats(m * k, 5);
    const b = randomFloats(k * n, 6);
    a[3] = NaN;
    a[20] = Infinity;
    b[10] = -Infinity;
    b[11] = 0;
    const want = new Float32Array(m * n);
    matmulInto(a, b, want, m, k, n, false, false, float32);
    const got = new Float32Array(m * n);
    one.matmul(a, b, got, m, k, n, false, false);
    expect([...got]).toEqual([...want]);
    expect(got.some(Number.isNaN)).toBe(true);
  });

  it('keeps working after its memory grows, and for a later smaller call', () => {
    for (const [m, k, n] of [[8, 8, 8], [300, 257, 129], [5, 3, 2]] as const) {
      const a = randomFloats(m * k, m);
      const b = randomFloats(k * n, n);
      const want = new Float32Array(m * n);
      matmulInto(a, b, want, m, k, n, false, true, float32);
      const got = new Float32Array(m * n);
      two.matmul(a, b, got, m, k, n, false, true);
      expect(sameBits(got, want)).toBe(true);
    }
  });

});

describe('the WebAssembly matmul layout and options', () => {
  it('lays out every array 16-byte aligned and apart, the mask only when asked', () => {
    const L = matmulLayout(5, 3, 7, 2, true);
    expect([L.a, L.b, L.bias, L.pb, L.c, L.mask, L.pa].every((x) => x % 16 === 0)).toBe(true);
    expect(L.b - L.a).toBeGreaterThanOrEqual(4 * 5 * 3);
    expect(L.bias - L.b).toBeGreaterThanOrEqual(4 * 3 * 7);
    expect(L.pb - L.bias).toBeGreaterThanOrEqual(4 * 8); // 7 bias values padded to 8
    expect(L.c - L.pb).toBeGreaterThanOrEqual(8 * 8 * 3); // 7 columns padded to 8
    expect(L.mask - L.c).toBeGreaterThanOrEqual(4 * 8 * 8); // 5 rows padded to 8
    expect(L.pa - L.mask).toBeGreaterThanOrEqual(4 * 8 * 8);
    expect(L.bytes).toBe(L.pa + 2 * 32 * 3);
    const noMask = matmulLayout(5, 3, 7, 2);
    expect(noMask.pa).toBe(noMask.mask);
  });

  it('lays out rows32 calls with float32 panels and rows of n rounded up to 8', () => {
    const L = matmulLayout(5, 3, 9, 2, true, 0, true);
    expect([L.a, L.b, L.bias, L.pb, L.c, L.mask, L.pa].every((x) => x % 16 === 0)).toBe(true);
    expect(L.stride).toBe(16);
    expect(L.pb - L.bias).toBeGreaterThanOrEqual(4 * 16); // 9 bias values padded to 16
    expect(L.c - L.pb).toBeGreaterThanOrEqual(4 * 16 * 3); // float32 panels of 16 columns
    expect(L.mask - L.c).toBeGreaterThanOrEqual(4 * 8 * 16); // 5 rows padded to 8
    expect(L.bytes).toBe(L.pa + 2 * 16 * 3);
  });

  it('refuses an unknown accumulation', () => {
    expect(() => new JsBackend(1, { accumulation: 'float16' as never })).toThrow("js backend: accumulation must be 'float32' or 'float64', got 'float16'");
  });

  it('refuses an unknown kernel name', () => {
    expect(() => new JsBackend(1, { matmulKernel: 'simd' as never })).toThrow(/matmulKernel must be 'wasm-simd' or 'typescript', got 'simd'/);
  });
});

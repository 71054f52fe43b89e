/**
 * Worker-parallel matmul gives the single-thread result to the bit, for any thread count
 * and any input memory, with the WebAssembly kernels (float32 arrays, both accumulations)
 * and with the TypeScript loops on the workers (forced, and for float64).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsBackend } from '../../../src/backend/js/index.ts';
import { matmulInto } from '../../../src/backend/js/kernels/matmul.ts';
import { randomFloats, shared } from '../reference.ts';

const pools = [
  new JsBackend(2, { minParallelWork: 0 }),
  new JsBackend(4, { minParallelWork: 0, accumulation: 'float64' }),
  new JsBackend(2, { minParallelWork: 0, matmulKernel: 'typescript' }),
  new JsBackend(3, { minParallelWork: 0, matmulKernel: 'typescript', accumulation: 'float64' }),
  new JsBackend(2, { minParallelWork: 0, accumulation: 'float64' }),
  new JsBackend(3, { minParallelWork: 0 }),
];
/** Whether the pool's float32 products sum in float32 (matmulInto's last argument). */
const float32 = (pool: JsBackend) => pool.accumulation === 'float32';
afterAll(async () => {
  for (const p of pools) await p.close();
});

describe('the thread pool, through the js backend', () => {
  it('equals the one-thread loop bit for bit on random shapes, shared or ordinary memory', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 40 }),
        fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: pools.length - 1 }), fc.integer({ min: 1, max: 1e6 }),
        (m, k, n, tA, tB, useShared, which, seed) => {
          const a0 = randomFloats(m * k, seed);
          const b0 = randomFloats(k * n, seed + 1);
          const [a, b] = useShared ? [shared(a0), shared(b0)] : [a0, b0];
          const c = useShared ? shared(new Float32Array(m * n)) : new Float32Array(m * n);
          const single = new Float32Array(m * n);
          pools[which].matmul(a, b, c, m, k, n, tA, tB);
          matmulInto(a0, b0, single, m, k, n, tA, tB, float32(pools[which]));
          return Buffer.from(c.buffer, c.byteOffset, c.byteLength).equals(Buffer.from(single.buffer));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('equals the one-thread loop on the NeuMF shapes at batch 2048, many times over', () => {
    for (const [m, k, n, tA, tB] of [[2048, 32, 64, false, false], [32, 2048, 64, true, false], [2048, 64, 32, false, true]] as const) {
      const a = shared(randomFloats(m * k, m));
      const b = shared(randomFloats(k * n, n));
      // The one-thread reference once per accumulation (the float32 one rounds in a slow TypeScript loop).
      const singles = new Map<boolean, Float32Array>();
      for (const pool of [pools[0], pools[5], pools[1], pools[4]]) {
        let single = singles.get(float32(pool));
        if (single === undefined) {
          singles.set(float32(pool), (single = new Float32Array(m * n)));
          matmulInto(a, b, single, m, k, n, tA, tB, float32(pool));
        }
        for (let run = 0; run < 2; run++) {
          const c = shared(new Float32Array(m * n));
          pool.matmul(a, b, c, m, k, n, tA, tB);
          const same = Buffer.from(c.buffer, c.byteOffset, c.byteLength).equals(Buffer.from(single.buffer)); // toEqual walks 131,072 cells slowly
          expect(same, `${pool.threads} threads, ${pool.accumulation} accumulation`).toBe(true);
        }
      }
    }
  });

  it('splits float64 calls across the workers with the TypeScript loop, bit for bit', () => {
    const [m, k, n] = [67, 45, 23];
    const a = Float64Array.from(randomFloats(m * k, 3), (x) => x / 3);
    const b = Float64Array.from(randomFloats(k * n, 4), (x) => x / 7);
    const single = new Float64Array(m * n);
    matmulInto(a, b, single, m, k, n, false, true);
    for (const pool of [pools[0], pools[2]]) {
      const before = pool.counters().splitCalls;
      const c = new Float64Array(m * n);
      pool.matmul(a, b, c, m, k, n, false, true);
      expect(pool.counters().splitCalls).toBe(before + 1);
      expect(Buffer.from(c.buffer).equals(Buffer.from(single.buffer))).toBe(true);
    }
  });

  it('refuses a bad thread count', () => {
    expect(() => new JsBackend(0)).toThrow(/js backend: threads must be an integer from 1 to 16, got 0/);
  });
});

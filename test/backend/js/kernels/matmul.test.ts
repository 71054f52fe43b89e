/**
 * The js matmul's two accumulations, against references written here: 'float64' rounds once
 * per cell (the float64 sum rounded to float32); 'float32' rounds every product and partial
 * sum in ascending k, and stays within Higham's bound γ_k·Σ|a·b| of the exact sum.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matmulInto } from '../../../../src/backend/js/kernels/matmul.ts';
import { randomFloats, referenceMatmul } from '../../reference.ts';

describe('matmulInto', () => {
  it('equals Math.fround of the float64 k-ascending sum, cell by cell', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 23 }), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 1e6 }), (m, k, n, tA, tB, seed) => {
        const a = randomFloats(m * k, seed);
        const b = randomFloats(k * n, seed + 1);
        const c = new Float32Array(m * n);
        matmulInto(a, b, c, m, k, n, tA, tB);
        const ref = referenceMatmul(a, b, m, k, n, tA, tB);
        return c.every((v, i) => v === Math.fround(ref.value[i]));
      }),
      { numRuns: 60 },
    );
  });

  it('with float32 accumulation, equals the k-ascending float32 recurrence s = fl(s + fl(a·b)), cell by cell', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 23 }), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 1e6 }), (m, k, n, tA, tB, seed) => {
        const a = randomFloats(m * k, seed);
        const b = randomFloats(k * n, seed + 1);
        const c = new Float32Array(m * n);
        matmulInto(a, b, c, m, k, n, tA, tB, true);
        const product = new Float32Array(1);
        const sum = new Float32Array(1);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            sum[0] = 0;
            for (let p = 0; p < k; p++) {
              product[0] = a[tA ? p * m + i : i * k + p] * b[tB ? j * k + p : p * n + j]; // stored to float32: rounded
              sum[0] = sum[0] + product[0];
            }
            if (!Object.is(c[i * n + j], sum[0])) return false;
          }
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('with float32 accumulation, stays within γ_k·Σ|a_p·b_p| of the exact sum (Higham eq. 3.5), and is often not the rounded exact sum', () => {
    let differs = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 1e6 }), (m, k, n, seed) => {
        const a = randomFloats(m * k, seed);
        const b = randomFloats(k * n, seed + 1);
        const c = new Float32Array(m * n);
        matmulInto(a, b, c, m, k, n, false, false, true);
        const u = 2 ** -24;
        const gamma = (k * u) / (1 - k * u);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let exact = 0; // float64: each product exact, the sum's own error far below the bound
            let magnitude = 0;
            for (let p = 0; p < k; p++) {
              exact += a[i * k + p] * b[p * n + j];
              magnitude += Math.abs(a[i * k + p] * b[p * n + j]);
            }
            if (Math.abs(c[i * n + j] - exact) > gamma * magnitude) return false;
            if (c[i * n + j] !== Math.fround(exact)) differs++;
          }
        }
        return true;
      }),
      { numRuns: 60 },
    );
    expect(differs).toBeGreaterThan(0); // the float32 path really is a different computation
  });

  it('works in float64 too (the reference dtype)', () => {
    const a = Float64Array.from(randomFloats(12, 3));
    const b = Float64Array.from(randomFloats(12, 4));
    const c = new Float64Array(9);
    matmulInto(a, b, c, 3, 4, 3, false, false);
    const ref = referenceMatmul(a, b, 3, 4, 3, false, false);
    if (!c.every((v, i) => v === ref.value[i])) throw new Error(`float64 matmul differs: ${c} vs ${ref.value}`);
  });
});

/** The js matmul rounds once per cell: it is the float64 sum rounded to float32, so within half an ulp of float32 of it. */
import { describe, it } from 'vitest';
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

  it('works in float64 too (the reference dtype)', () => {
    const a = Float64Array.from(randomFloats(12, 3));
    const b = Float64Array.from(randomFloats(12, 4));
    const c = new Float64Array(9);
    matmulInto(a, b, c, 3, 4, 3, false, false);
    const ref = referenceMatmul(a, b, 3, 4, 3, false, false);
    if (!c.every((v, i) => v === ref.value[i])) throw new Error(`float64 matmul differs: ${c} vs ${ref.value}`);
  });
});

/**
 * The js backend's SparseAdam (kernels/sparse-adam.ts through the backend) gives src/optim's
 * sparseAdamUpdate bits over the touched rows, on one thread and split across threads, for
 * any β1, β2, ε, lr and t; rows it cannot take (unsorted, out of the table, odd widths,
 * arrays outside its memory) are left to the rule's loop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsBackend } from '../../../../src/backend/js/index.ts';
import { sparseAdamStep, sparseAdamUpdate } from '../../../../src/optim/sparseadam.ts';
import { randomFloats } from '../../reference.ts';

const pools = [new JsBackend(1), new JsBackend(2, { minParallelWork: 0 })];
beforeAll(() => pools[1]!.ready());
afterAll(async () => {
  for (const p of pools) await p.close();
});

const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('the js backend SparseAdam update', () => {
  it('equals sparseAdamUpdate bit for bit over several steps, on one thread or split, any β1, β2, ε, lr and t', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 1e6 }),
        fc.record({
          beta1: fc.double({ min: 0, max: 0.999, noNaN: true }),
          beta2: fc.double({ min: 0, max: 0.99999, noNaN: true }),
          epsilon: fc.double({ min: 0, max: 1e-3, noNaN: true }),
          learningRate: fc.double({ min: 1e-6, max: 1, noNaN: true }),
        }),
        fc.integer({ min: 1, max: 100_000 }),
        (tableRows, halfWidth, which, seed, hp, firstStep) => {
          const pool = pools[which]!;
          const width = 2 * halfWidth;
          const n = tableRows * width;
          const start = randomFloats(n, seed);
          start[0] = NaN; // row 0, when touched, carries a NaN through
          const reference = { p: start.slice(), m: new Float32Array(n), v: new Float32Array(n) };
          const resident = (values: Float32Array) => {
            const array = pool.allocateParameter('float32', values.length) as Float32Array;
            array.set(values);
            return array;
          };
          const fused = { p: resident(start), m: resident(new Float32Array(n)), v: resident(new Float32Array(n)), g: resident(new Float32Array(n)) };
          let same = true;
          for (let t = firstStep; t < firstStep + 4; t++) {
            const g = randomFloats(n, seed + t);
            // Touched rows: every third, shifted by the step, ascending and distinct.
            const rows = Int32Array.from({ length: tableRows }, (_, r) => r).filter((r) => (r + t) % 3 !== 0);
            sparseAdamUpdate(reference.p, g, reference, hp, t, rows, width);
            fused.g.set(g);
            same &&= pool.sparseAdamUpdate(fused.p, fused.g, fused.m, fused.v, rows, width, sparseAdamStep(hp, t));
          }
          same &&= bits(fused.p).equals(bits(reference.p)) && bits(fused.m).equals(bits(reference.m)) && bits(fused.v).equals(bits(reference.v));
          for (const array of Object.values(fused)) pool.releaseParameter(array);
          return same;
        },
      ),
      { numRuns: 80 },
    );
  });

  it('leaves to the loop what it cannot take: rows out of order, repeated or past the table, an odd width, arrays outside its memory', () => {
    const pool = pools[1]!;
    const [p, g, m, v] = [0, 1, 2, 3].map(() => pool.allocateParameter('float32', 12) as Float32Array);
    const step = sparseAdamStep({ beta1: 0.9, beta2: 0.999, epsilon: 1e-8, learningRate: 1e-3 }, 1);
    g.fill(1);
    expect(pool.sparseAdamUpdate(p, g, m, v, Int32Array.of(2, 1), 4, step)).toBe(false);
    expect(pool.sparseAdamUpdate(p, g, m, v, Int32Array.of(1, 1), 4, step)).toBe(false);
    expect(pool.sparseAdamUpdate(p, g, m, v, Int32Array.of(0, 3), 4, step)).toBe(false); // 3 rows of 4
    expect(pool.sparseAdamUpdate(p, g, m, v, Int32Array.of(0, 1), 3, step)).toBe(false);
    expect(pool.sparseAdamUpdate(p, new Float32Array(12).fill(1), m, v, Int32Array.of(0), 4, step)).toBe(false);
    expect([...p, ...m, ...v].every((x) => x === 0)).toBe(true); // nothing written by the refusals
    expect(pool.sparseAdamUpdate(p, g, m, v, Int32Array.of(0, 2), 4, step)).toBe(true);
    expect([...m]).toEqual([...new Float32Array([0.1, 0.1, 0.1, 0.1, 0, 0, 0, 0, 0.1, 0.1, 0.1, 0.1])]); // m = 0 + (g − 0)·(1 − β1) = 0.1 on the rows given, 0 and 2 (by hand)
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { add, gather, mul, sum, touchedRows } from '../../src/autograd/index.ts';
import { tensor } from '../../src/tensor/create.ts';

const table = () => tensor([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]], undefined, { dtype: 'float64', requiresGrad: true });

describe('touched rows of an embedding lookup’s gradient', () => {
  it('are the rows gather read, sorted and unique, whatever their gradient values', () => {
    const w = table();
    // Row 1 is read twice; row 4's gradient is zero (its lookup is multiplied by 0), yet touched.
    const rows = gather(w, [3, 1, 4, 1]);
    sum(mul(rows, tensor([[1, 1], [1, 1], [0, 0], [1, 1]], undefined, { dtype: 'float64' }))).backward();
    expect(Array.from(touchedRows(w.grad)!)).toEqual([1, 3, 4]);
    expect(Array.from(w.grad!.data)).toEqual([0, 0, 2, 2, 0, 0, 1, 1, 0, 0]);
  });

  it('are the distinct rows, ascending, of any lookups into a table of up to 200 rows (word edges 31, 32, 63 … included)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(fc.nat(), { minLength: 1, maxLength: 80 }), fc.array(fc.nat(), { minLength: 1, maxLength: 80 }), (rows, a, b) => {
        const w = tensor(Array.from({ length: rows }, (_, r) => [r]), undefined, { dtype: 'float64', requiresGrad: true });
        const [first, second] = [a.map((i) => i % rows), b.map((i) => i % rows)];
        add(sum(gather(w, first)), sum(gather(w, second))).backward();
        const want = [...new Set([...first, ...second])].sort((x, y) => x - y);
        expect(Array.from(touchedRows(w.grad)!)).toEqual(want);
      }),
      { numRuns: 100 },
    );
  });

  it('are the union over two lookups of one table, and over two backward passes', () => {
    const w = table();
    sum(mul(gather(w, [0]), gather(w, [2]))).backward();
    expect(Array.from(touchedRows(w.grad)!)).toEqual([0, 2]);
    sum(gather(w, [4, 2])).backward();
    expect(Array.from(touchedRows(w.grad)!)).toEqual([0, 2, 4]);
  });

  it('are absent (a dense gradient) where the table is also used densely, or reaches the lookup through another op', () => {
    const dense = table();
    sum(mul(gather(dense, [1]), 2)).backward();
    sum(mul(dense, dense)).backward();
    expect(touchedRows(dense.grad)).toBeNull();
    const scaled = table();
    sum(gather(mul(scaled, 2), [1])).backward();
    expect(touchedRows(scaled.grad)).toBeNull();
    expect(touchedRows(null)).toBeNull();
  });
});

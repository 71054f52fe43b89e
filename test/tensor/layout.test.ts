import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/create.ts';
import { concatKernel, gatherRowsKernel, resolveReshape, resolveSlice, scatterAddRowsKernel, sliceKernel, transposeKernel, unsliceKernel } from '../../src/tensor/layout.ts';

describe('layout kernels', () => {
  it('resolves reshapes with one inferred dimension', () => {
    expect(resolveReshape([2, 6], [3, -1])).toEqual([3, 4]);
    expect(() => resolveReshape([2, 6], [5, -1])).toThrow('reshape: [2, 6] (12 elements) cannot be reshaped to [5, -1]');
    expect(() => resolveReshape([2, 6], [-1, -1])).toThrow(/cannot be reshaped/);
  });

  it('permutes axes', () => {
    const t = tensor([[[1, 2], [3, 4], [5, 6]]]); // [1, 3, 2]
    expect(transposeKernel(t, [2, 1, 0]).toArray()).toEqual([[[1], [3], [5]], [[2], [4], [6]]]);
    expect(transposeKernel(t, [0, 2, 1]).toArray()).toEqual([[[1, 3, 5], [2, 4, 6]]]);
  });

  it('concatenates along any axis', () => {
    const a = tensor([[1, 2], [3, 4]]);
    const b = tensor([[5], [6]]);
    expect(concatKernel([a, b], 1).toArray()).toEqual([[1, 2, 5], [3, 4, 6]]);
    expect(concatKernel([a, tensor([[7, 8]])], 0).toArray()).toEqual([[1, 2], [3, 4], [7, 8]]);
    expect(() => concatKernel([a, b], 0)).toThrow('concat: [2, 2] and [2, 1] differ outside axis 0');
  });

  it('concatenates long rows (copied as blocks) the same way as short ones (copied in a loop)', () => {
    for (const width of [3, 300]) {
      const left = Array.from({ length: 2 }, (_, r) => Array.from({ length: width }, (_, c) => r * 1000 + c));
      const right = Array.from({ length: 2 }, (_, r) => Array.from({ length: 2 }, (_, c) => -(r * 10 + c)));
      expect(concatKernel([tensor(left), tensor(right)], 1).toArray()).toEqual(left.map((row, r) => [...row, ...right[r]]));
    }
  });

  it('slices a box and adds a box back into zeros', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    const size = resolveSlice(t.shape, [1, 1], [-1, 2]);
    expect(size).toEqual([2, 2]);
    const box = sliceKernel(t, [1, 1], size);
    expect(box.toArray()).toEqual([[5, 6], [8, 9]]);
    expect(unsliceKernel(box, [3, 3], [1, 1]).toArray()).toEqual([[0, 0, 0], [0, 5, 6], [0, 8, 9]]);
    expect(() => resolveSlice(t.shape, [2, 0], [2, 1])).toThrow('slice: begin [2, 0] size [2, 1] on [3, 3]: axis 0 would read [2, 4) of 3');
  });

  it('gathers rows and scatter-adds them back, accumulating duplicates', () => {
    const table = tensor([[1, 2], [3, 4], [5, 6]]);
    expect(gatherRowsKernel(table, [2, 0, 2]).toArray()).toEqual([[5, 6], [1, 2], [5, 6]]);
    expect(scatterAddRowsKernel(tensor([[1, 1], [2, 2], [3, 3]]), [2, 0, 2], [3, 2]).toArray()).toEqual([[2, 2], [0, 0], [4, 4]]);
    expect(() => gatherRowsKernel(table, [3])).toThrow('gather: index 3 at position 0 is out of range for a table of 3 rows');
  });
});

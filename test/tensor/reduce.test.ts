import { describe, expect, it } from 'vitest';
import { maxAxes, sumAxes } from '../../src/tensor/reduce.ts';
import { tensor } from '../../src/tensor/create.ts';

const t = tensor([[[1, 5], [3, 2]], [[0, 4], [7, 6]]]);

describe('reductions', () => {
  it('sums over chosen axes, negative axes and all axes, with keepdims', () => {
    expect(sumAxes(t).toArray()).toBe(28);
    expect(sumAxes(t, 0).toArray()).toEqual([[1, 9], [10, 8]]);
    expect(sumAxes(t, [-1]).toArray()).toEqual([[6, 5], [4, 13]]);
    expect(sumAxes(t, [0, 2], true).shape).toEqual([1, 2, 1]);
    expect(sumAxes(t, [0, 2], true).toArray()).toEqual([[[10], [18]]]);
    expect(() => sumAxes(t, 3)).toThrow('sum: axis 3 is out of range for shape [2, 2, 2] (allowed -3..2)');
  });

  it('finds maxima and the first position that holds each', () => {
    const { values, argmax } = maxAxes(t, 1);
    expect(values.toArray()).toEqual([[3, 5], [7, 6]]);
    expect(Array.from(argmax)).toEqual([2, 1, 6, 7]);
    expect(Array.from(maxAxes(tensor([2, 2, 1]), 0).argmax)).toEqual([0]);
  });

  it('reduces an empty tensor over non-empty axes to an empty result, and refuses an empty axis (as PyTorch amax)', () => {
    const empty = tensor(new Float32Array(0), [0, 3]);
    expect(maxAxes(empty, 1).values.shape).toEqual([0]);
    expect(() => maxAxes(empty, 0)).toThrow('max: cannot reduce an empty axis of shape [0, 3]');
    expect(() => maxAxes(empty)).toThrow('max: cannot reduce an empty axis of shape [0, 3]');
    expect(maxAxes(tensor(new Float32Array(0), [0, 3, 0]), 1).values.shape).toEqual([0, 0]);
  });
});

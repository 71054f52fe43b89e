import { describe, expect, it } from 'vitest';
import { binaryOp, broadcastShapes, broadcastTo, reduceToShape } from '../../src/tensor/broadcast.ts';
import { tensor } from '../../src/tensor/create.ts';

describe('broadcasting', () => {
  it('follows the NumPy rule', () => {
    expect(broadcastShapes('add', [2, 3], [3])).toEqual([2, 3]);
    expect(broadcastShapes('add', [2, 1, 4], [3, 1])).toEqual([2, 3, 4]);
    expect(broadcastShapes('add', [], [2, 2])).toEqual([2, 2]);
    expect(() => broadcastShapes('add', [2, 3], [2])).toThrow('add: [2, 3] and [2] cannot be broadcast: axis 1 has sizes 3 and 2');
  });

  it('applies a function over broadcast operands', () => {
    const column = tensor([[10], [20]]);
    const row = tensor([1, 2, 3]);
    expect(binaryOp('add', column, row, (x, y) => x + y).toArray()).toEqual([[11, 12, 13], [21, 22, 23]]);
    expect(binaryOp('sub', row, tensor(1), (x, y) => x - y).toArray()).toEqual([0, 1, 2]);
    expect(() => binaryOp('add', row, tensor([1], undefined, { dtype: 'float64' }), (x, y) => x + y)).toThrow('add: dtypes differ: float32 and float64');
  });

  it('copies along broadcast axes and sums them back (the adjoint)', () => {
    expect(broadcastTo(tensor([1, 2]), [2, 2]).toArray()).toEqual([[1, 2], [1, 2]]);
    const grad = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(reduceToShape(grad, [3]).toArray()).toEqual([5, 7, 9]);
    expect(reduceToShape(grad, [2, 1]).toArray()).toEqual([[6], [15]]);
    expect(reduceToShape(grad, []).toArray()).toBe(21);
    expect(() => reduceToShape(grad, [2])).toThrow(/cannot be broadcast/);
  });
});

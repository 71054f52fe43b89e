import { describe, expect, it } from 'vitest';
import { arange, cast, full, ones, randomNormal, randomUniform, scalar, tensor, zeros } from '../../src/tensor/create.ts';
import { createRng } from '../../src/random.ts';

describe('tensor creation', () => {
  it('builds from nested arrays in row-major order, float32 by default', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('builds from flat arrays with a shape, typed arrays (without copying) and single numbers', () => {
    expect(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }).toArray()).toEqual([[1, 2], [3, 4]]);
    const data = new Float64Array([1, 2]);
    const t = tensor(data);
    expect(t.data).toBe(data);
    expect(t.dtype).toBe('float64');
    expect(tensor(5).shape).toEqual([]);
    expect(scalar(2.5, 'float64').item()).toBe(2.5);
  });

  it('rounds to float32 and keeps float64 exact', () => {
    expect(tensor([0.1]).data[0]).toBe(Math.fround(0.1));
    expect(tensor([0.1], undefined, { dtype: 'float64' }).data[0]).toBe(0.1);
    expect(cast(tensor([0.1], undefined, { dtype: 'float64' }), 'float32').data[0]).toBe(Math.fround(0.1));
  });

  it('makes constants and ranges', () => {
    expect(Array.from(zeros([2, 2]).data)).toEqual([0, 0, 0, 0]);
    expect(Array.from(ones([3]).data)).toEqual([1, 1, 1]);
    expect(Array.from(full([2], 7, { dtype: 'float64' }).data)).toEqual([7, 7]);
    expect(Array.from(arange(0, 5).data)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(arange(1, 2, 0.25, { dtype: 'float64' }).data)).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(3, 1).size).toBe(0);
  });

  it('draws seeded random tensors reproducibly and within range', () => {
    const a = randomUniform([100], createRng(3), -0.05, 0.05);
    const b = randomUniform([100], createRng(3), -0.05, 0.05);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Math.max(...a.data)).toBeLessThan(0.05);
    expect(Math.min(...a.data)).toBeGreaterThanOrEqual(-0.05);
    expect(Array.from(randomNormal([4], createRng(3)).data)).toEqual(Array.from(randomNormal([4], createRng(3)).data));
  });

  it('rejects ragged arrays, wrong sizes and bad shapes with the shapes in the message', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow('tensor: ragged nested array: values[1] has shape [1], values[0] has [2]');
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow('tensor: 3 values cannot have shape [2, 2]');
    expect(() => zeros([2, -1])).toThrow(/invalid dimension -1/);
    expect(() => tensor([1], undefined, { dtype: 'int8' as 'float32' })).toThrow(/dtype must be 'float32' or 'float64'/);
    expect(() => tensor(new Float32Array(2), undefined, { dtype: 'float64' })).toThrow(/convert it with cast/);
  });

  it('prints readably, eliding the middle of long axes', () => {
    expect(tensor([[1, 2], [3, 4]]).toString()).toBe('Tensor(float32, [2, 2])\n[[1, 2],\n [3, 4]]');
    expect(arange(0, 10).toString()).toBe('Tensor(float32, [10])\n[0, 1, 2, ..., 7, 8, 9]');
    expect(scalar(0.5).toString()).toBe('Tensor(float32, []) 0.5');
  });
});

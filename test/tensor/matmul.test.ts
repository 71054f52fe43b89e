import { describe, expect, it } from 'vitest';
import { matmulKernel } from '../../src/tensor/matmul.ts';
import { tensor } from '../../src/tensor/create.ts';
import { transposeKernel } from '../../src/tensor/layout.ts';

const a = tensor([[1, 2, 3], [4, 5, 6]]);
const b = tensor([[7, 8], [9, 10], [11, 12]]);

describe('matmul', () => {
  it('multiplies 2-D matrices (worked by hand)', () => {
    // [1 2 3]·[7 9 11]ᵀ = 58, ·[8 10 12]ᵀ = 64; [4 5 6]· = 139, 154
    expect(matmulKernel(a, b).toArray()).toEqual([[58, 64], [139, 154]]);
  });

  it('uses transposes without copying them, equal to transposing first', () => {
    const at = transposeKernel(a, [1, 0]);
    const bt = transposeKernel(b, [1, 0]);
    expect(matmulKernel(at, b, { transposeA: true }).toArray()).toEqual([[58, 64], [139, 154]]);
    expect(matmulKernel(a, bt, { transposeB: true }).toArray()).toEqual([[58, 64], [139, 154]]);
    expect(matmulKernel(at, bt, { transposeA: true, transposeB: true }).toArray()).toEqual([[58, 64], [139, 154]]);
  });

  it('names both shapes when they do not fit', () => {
    expect(() => matmulKernel(tensor(new Float32Array(2048 * 32), [2048, 32]), tensor(new Float32Array(16 * 64), [16, 64]))).toThrow(
      'matmul: [2048, 32] x [16, 64]: inner dimensions 32 and 16 differ',
    );
    expect(() => matmulKernel(a, b, { transposeB: true })).toThrow('matmul (Bᵀ): [2, 3] x [3, 2]: inner dimensions 3 and 2 differ');
    expect(() => matmulKernel(tensor([1, 2]), b)).toThrow('matmul: [2] x [3, 2]: both operands must be 2-D');
  });
});

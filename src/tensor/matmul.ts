/**
 * 2-D matrix product with transpose flags: op(A)·op(B), op(X) = X or Xᵀ: shape checks
 * here, the loop in src/backend. Accumulates in float64 whatever the dtype, in a fixed
 * order, so results are reproducible to the bit.
 */
import { allocate } from './dtype.ts';
import { formatShape } from './shape.ts';
import { Tensor } from './tensor.ts';
import { matmulInto } from '../backend/js/matmul.ts';

export interface MatmulFlags {
  transposeA?: boolean;
  transposeB?: boolean;
}

/** [rows, inner, cols] of op(A)·op(B), or an error naming both shapes. */
export function matmulDims(a: Tensor, b: Tensor, flags: MatmulFlags = {}): [number, number, number] {
  const name = `matmul${flags.transposeA ? ' (Aᵀ)' : ''}${flags.transposeB ? ' (Bᵀ)' : ''}`;
  if (a.rank !== 2 || b.rank !== 2) {
    throw new Error(`${name}: ${formatShape(a.shape)} x ${formatShape(b.shape)}: both operands must be 2-D`);
  }
  if (a.dtype !== b.dtype) throw new Error(`${name}: dtypes differ: ${a.dtype} and ${b.dtype}`);
  const [m, ka] = flags.transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [kb, n] = flags.transposeB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (ka !== kb) {
    throw new Error(`${name}: ${formatShape(a.shape)} x ${formatShape(b.shape)}: inner dimensions ${ka} and ${kb} differ`);
  }
  return [m, ka, n];
}

export function matmulKernel(a: Tensor, b: Tensor, flags: MatmulFlags = {}): Tensor {
  const [m, k, n] = matmulDims(a, b, flags);
  const out = allocate(a.dtype, m * n);
  matmulInto(a.data, b.data, out, m, k, n, flags.transposeA ?? false, flags.transposeB ?? false);
  return new Tensor(out, [m, n]);
}

/**
 * 2-D matrix product with transpose flags: op(A)·op(B), op(X) = X or Xᵀ: shape checks
 * here, the loop in the active backend (src/backend). The js backend accumulates in
 * float64 in a fixed order; every backend is reproducible to the bit run to run.
 */
import { allocateUninitialized } from './dtype.ts';
import { Tensor } from './tensor.ts';
import { activeBackend } from '../backend/select.ts';
import { formatShape } from '../describe.ts';

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
  const out = allocateUninitialized(a.dtype, m * n);
  activeBackend().matmul(a.data, b.data, out, m, k, n, flags.transposeA ?? false, flags.transposeB ?? false);
  return new Tensor(out, [m, n]);
}

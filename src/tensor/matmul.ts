/**
 * 2-D matrix product with transpose flags: op(A)·op(B), op(X) = X or Xᵀ.
 * Accumulates in float64 whatever the dtype, in a fixed order, so results are
 * reproducible to the bit. (The tuned kernels live in src/backend; this is the plain one.)
 */
import { allocate } from './dtype.ts';
import { formatShape } from './shape.ts';
import { Tensor } from './tensor.ts';

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
  const A = a.data;
  const B = b.data;
  const out = allocate(a.dtype, m * n);
  // Element (i, p) of op(A) and (p, j) of op(B) as strides into the stored arrays.
  const aRow = flags.transposeA ? 1 : k;
  const aCol = flags.transposeA ? m : 1;
  const bRow = flags.transposeB ? 1 : n;
  const bCol = flags.transposeB ? k : 1;
  const acc = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    for (let p = 0; p < k; p++) {
      const aip = A[i * aRow + p * aCol];
      const bBase = p * bRow;
      for (let j = 0; j < n; j++) acc[j] += aip * B[bBase + j * bCol];
    }
    out.set(acc, i * n);
  }
  return new Tensor(out, [m, n]);
}

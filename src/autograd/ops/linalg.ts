/** matmul: the 2-D product op(A)·op(B) with transpose flags. */
import fc from 'fast-check';
import type { Tensor } from '../../tensor/tensor.ts';
import { matmulDims, matmulKernel, type MatmulFlags } from '../../tensor/matmul.ts';
import { applyOp, simplePrimitive } from '../op.ts';
import { registerOp } from '../op-table.ts';
import { tensorArb } from '../fuzz/arbitraries.ts';
import { expectTensor } from './operand.ts';

const mm = (a: Tensor, b: Tensor, transposeA = false, transposeB = false) => matmulKernel(a, b, { transposeA, transposeB });

/**
 * With C = op(A)·op(B) and G = dL/dC (matrix calculus, e.g. Giles 2008, §2.3.1):
 *   C = A·B    : dA = G·Bᵀ,   dB = Aᵀ·G
 *   C = Aᵀ·B   : dA = B·Gᵀ,   dB = A·G
 *   C = A·Bᵀ   : dA = G·B,    dB = Gᵀ·A
 *   C = Aᵀ·Bᵀ  : dA = Bᵀ·Gᵀ,  dB = Gᵀ·Aᵀ
 */
const matmulOp = simplePrimitive<Required<MatmulFlags>>(
  'matmul',
  ([a, b], flags) => matmulKernel(a, b, flags),
  (g, { inputs: [a, b], attrs: { transposeA, transposeB } }) => {
    if (!transposeA && !transposeB) return [mm(g, b, false, true), mm(a, g, true, false)];
    if (transposeA && !transposeB) return [mm(b, g, false, true), mm(a, g)];
    if (!transposeA && transposeB) return [mm(g, b), mm(g, a, true, false)];
    return [mm(b, g, true, true), mm(g, a, true, true)];
  },
);

/** op(a)·op(b) for 2-D tensors; `transposeA`/`transposeB` use the transpose without copying it. */
export function matmul(a: Tensor, b: Tensor, flags: MatmulFlags = {}): Tensor {
  expectTensor('matmul', a, 'the first argument');
  expectTensor('matmul', b, 'the second argument');
  const attrs = { transposeA: flags.transposeA ?? false, transposeB: flags.transposeB ?? false };
  matmulDims(a, b, attrs);
  return applyOp(matmulOp, [a, b], attrs);
}

registerOp({
  name: 'matmul',
  family: 'linalg',
  generate: fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.boolean())
    .chain(([m, k, n, ta, tb]) =>
      fc.tuple(tensorArb(ta ? [k, m] : [m, k]), tensorArb(tb ? [n, k] : [k, n])).map(([x, y]) => ({
        inputs: [x, y],
        run: ([a, b]) => matmul(a, b, { transposeA: ta, transposeB: tb }),
        code: ([a, b]) => `matmul(${a}, ${b}, { transposeA: ${ta}, transposeB: ${tb} })`,
      })),
    ),
});

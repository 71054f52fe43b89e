/** matmul: the 2-D product op(A)·op(B) with transpose flags. */
import type { Tensor } from '../../tensor/tensor.ts';
import { matmulDims, matmulKernel, type MatmulFlags } from '../../tensor/matmul.ts';
import { defineOp } from '../define-op.ts';
import * as draw from '../input-spec.ts';
import { call } from '../graph-step.ts';
import { expectTensor } from './operand.ts';
import { addSameShape } from '../../tensor/elementwise.ts';

const mm = (a: Tensor, b: Tensor, transposeA = false, transposeB = false) => matmulKernel(a, b, { transposeA, transposeB });

/**
 * op(a)·op(b) for 2-D tensors; `transposeA`/`transposeB` use the transpose without copying it.
 * With C = op(A)·op(B) and G = dL/dC (matrix calculus, e.g. Giles 2008, §2.3.1):
 *   C = A·B    : dA = G·Bᵀ,   dB = Aᵀ·G
 *   C = Aᵀ·B   : dA = B·Gᵀ,   dB = A·G
 *   C = A·Bᵀ   : dA = G·B,    dB = Gᵀ·A
 *   C = Aᵀ·Bᵀ  : dA = Bᵀ·Gᵀ,  dB = Gᵀ·Aᵀ
 */
export const matmul = defineOp({
  name: 'matmul',
  family: 'linalg',
  prepare: (a: Tensor, b: Tensor, flags: MatmulFlags = {}) => {
    expectTensor('matmul', a, 'the first argument');
    expectTensor('matmul', b, 'the second argument');
    const attrs: Required<MatmulFlags> = { transposeA: flags.transposeA ?? false, transposeB: flags.transposeB ?? false };
    matmulDims(a, b, attrs);
    return { inputs: [a, b], attrs };
  },
  forward: ([a, b], flags) => matmulKernel(a, b, flags),
  backward: (g, { inputs: [a, b], attrs: { transposeA, transposeB } }) => {
    if (!transposeA && !transposeB) return [mm(g, b, false, true), mm(a, g, true, false)];
    if (transposeA && !transposeB) return [mm(b, g, false, true), mm(a, g)];
    if (!transposeA && transposeB) return [mm(g, b), mm(g, a, true, false)];
    return [mm(b, g, true, true), mm(g, a, true, true)];
  },
  // Ċ = op(Ȧ)·op(B) + op(A)·op(Ḃ): the product rule, with the same flags.
  jvp: ([da, db], { inputs: [a, b], attrs: flags }) => addSameShape(matmulKernel(da, b, flags), matmulKernel(a, db, flags)),
  // The same products with the op, so that they record a graph.
  differentiableBackward: (g, { inputs: [a, b], attrs: { transposeA, transposeB } }): Tensor[] => {
    if (!transposeA && !transposeB) return [matmul(g, b, { transposeB: true }), matmul(a, g, { transposeA: true })];
    if (transposeA && !transposeB) return [matmul(b, g, { transposeB: true }), matmul(a, g)];
    if (!transposeA && transposeB) return [matmul(g, b), matmul(g, a, { transposeA: true })];
    return [matmul(b, g, { transposeA: true, transposeB: true }), matmul(g, a, { transposeA: true, transposeB: true })];
  },
  arbitraryInputs: draw.chain(
    draw.tuple(draw.integer(1, 5), draw.integer(1, 5), draw.integer(1, 5), draw.boolean(), draw.boolean()),
    ([m, k, n, ta, tb]) => draw.map(draw.tuple(draw.tensor(ta ? [k, m] : [m, k]), draw.tensor(tb ? [n, k] : [k, n])), ([x, y]) => [x, y, { transposeA: ta, transposeB: tb }]),
  ),
  graphSteps: [
    { arity: 2, expression: ([a, b]) => call('matmul', a, b) },
    { arity: 2, expression: ([a, b]) => call('matmul', a, b, { transposeA: true }) },
    { arity: 2, expression: ([a, b]) => call('matmul', a, b, { transposeB: true }) },
  ],
});

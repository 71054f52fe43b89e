/** Ops that rearrange elements: reshape, transpose, concat, slice. */
import { Tensor } from '../../tensor/tensor.ts';
import { concatKernel, resolvePermutation, resolveReshape, resolveSlice, sliceKernel, transposeKernel, unsliceKernel } from '../../tensor/layout.ts';
import { normalizeAxes } from '../../tensor/shape.ts';
import { copyData } from '../../tensor/dtype.ts';
import { defineOp } from '../define-op.ts';
import * as draw from '../input-spec.ts';
import { call } from '../graph-step.ts';
import { expectNumbers, expectTensor } from './operand.ts';
import { describeArgument } from '../../describe.ts';
import { unslice } from '../adjoints.ts';

const family = 'shape';

/** Same elements, new shape; one dimension may be -1 (inferred). */
export const reshape = defineOp({
  name: 'reshape',
  family,
  prepare: (a: Tensor, shape: readonly number[]) => {
    expectTensor('reshape', a, 'the first argument');
    expectNumbers('reshape', shape, 'the shape');
    return { inputs: [a], attrs: resolveReshape(a.shape, shape) };
  },
  forward: ([a], shape) => new Tensor(copyData(a.data), shape),
  backward: (g, { inputs: [a] }) => [new Tensor(g.data, a.shape)],
  jvp: ([da], { output }) => new Tensor(copyData(da.data), output.shape),
  differentiableBackward: (g, { inputs: [a] }): Tensor[] => [reshape(g, a.shape)],
  // Same size, other shape: the dimensions shuffled, one of them possibly inferred, plus a size-1 axis.
  arbitraryInputs: draw.map(
    draw.chain(draw.shape(0, 3), (shape) => draw.tuple(draw.tensor(shape), draw.permutation(shape), draw.boolean())),
    ([x, permuted, infer]) => [x, [...permuted, 1].map((d, i) => (infer && i === 0 ? -1 : d))],
  ),
  graphSteps: [{ arity: 1, expression: ([a], n) => call('reshape', call('transpose', call('reshape', a, [n, n, 1]), [1, 0, 2]), [n, n]) }],
});

/** Permutes the axes (reverses them when `perm` is omitted). */
export const transpose = defineOp({
  name: 'transpose',
  family,
  prepare: (a: Tensor, perm?: readonly number[]) => {
    expectTensor('transpose', a, 'the first argument');
    if (perm !== undefined) expectNumbers('transpose', perm, 'the permutation');
    return { inputs: [a], attrs: resolvePermutation(a.shape, perm) };
  },
  forward: ([a], perm) => transposeKernel(a, perm),
  // The inverse permutation carries the gradient back: axis perm[i] of the input is axis i of the output.
  backward: (g, { attrs: perm }) => {
    const inverse = new Array<number>(perm.length);
    perm.forEach((axis, i) => (inverse[axis] = i));
    return [transposeKernel(g, inverse)];
  },
  jvp: ([da], { attrs: perm }) => transposeKernel(da, perm),
  differentiableBackward: (g, { attrs: perm }): Tensor[] => {
    const inverse = new Array<number>(perm.length);
    perm.forEach((axis, i) => (inverse[axis] = i));
    return [transpose(g, inverse)];
  },
  arbitraryInputs: draw.chain(draw.shape(1, 4), (shape) => draw.tuple(draw.tensor(shape), draw.permutation([...shape.keys()]))),
  graphSteps: [{ arity: 1, expression: ([a]) => call('transpose', a) }],
});

/** Joins tensors along `axis`; all other dimensions must agree. */
export const concat = defineOp({
  name: 'concat',
  family,
  prepare: (parts: readonly Tensor[], axis: number = 0) => {
    if (!Array.isArray(parts)) throw new TypeError(`concat: the first argument must be a list of Tensors, got ${describeArgument(parts)}`);
    parts.forEach((t, i) => expectTensor('concat', t, `parts[${i}]`));
    if (parts.length === 0) throw new Error('concat: needs at least one tensor');
    const [normalized] = normalizeAxes('concat', parts[0].shape, axis);
    return { inputs: parts, attrs: normalized };
  },
  forward: (parts, axis) => concatKernel(parts, axis),
  backward: (g, { inputs, attrs: axis }) => {
    let offset = 0;
    return inputs.map((part) => {
      const begin = g.shape.map((_, i) => (i === axis ? offset : 0));
      offset += part.shape[axis];
      return sliceKernel(g, begin, part.shape);
    });
  },
  jvp: (tangents, { attrs: axis }) => concatKernel(tangents, axis),
  differentiableBackward: (g, { inputs, attrs: axis }): Tensor[] => {
    let offset = 0;
    return inputs.map((part) => {
      const begin = g.shape.map((_, i) => (i === axis ? offset : 0));
      offset += part.shape[axis];
      return slice(g, begin, part.shape);
    });
  },
  arbitraryInputs: draw.chain(draw.tuple(draw.shape(1, 3), draw.integer(0, 0x7fffffff), draw.array(draw.integer(1, 3), 1, 3)), ([shape, axisSeed, widths]) => {
    const axis = axisSeed % shape.length;
    return draw.map(draw.tuple(...widths.map((w) => draw.tensor(shape.map((d, i) => (i === axis ? w : d))))), (parts) => [parts, axis]);
  }),
});

/** The box starting at `begin` with `size` per axis (size -1: to the end), as tf.slice. */
export const slice = defineOp({
  name: 'slice',
  family,
  prepare: (a: Tensor, begin: readonly number[], size: readonly number[]) => {
    expectTensor('slice', a, 'the first argument');
    expectNumbers('slice', begin, 'begin');
    expectNumbers('slice', size, 'size');
    return { inputs: [a], attrs: { begin, size: resolveSlice(a.shape, begin, size) } };
  },
  forward: ([a], { begin, size }) => sliceKernel(a, begin, size),
  backward: (g, { inputs: [a], attrs: { begin } }) => [unsliceKernel(g, a.shape, begin)],
  jvp: ([da], { attrs: { begin, size } }) => sliceKernel(da, begin, size),
  differentiableBackward: (g, { inputs: [a], attrs: { begin } }) => [unslice(g, a.shape, begin)],
  arbitraryInputs: draw.map(
    draw.chain(draw.shape(1, 3), (shape) =>
      draw.tuple(draw.tensor(shape), draw.tuple(...shape.map((d) => draw.chain(draw.integer(0, d - 1), (b) => draw.map(draw.filter(draw.integer(-1, d - b), (s) => s !== 0), (s) => [b, s]))))),
    ),
    ([x, boxes]) => [x, boxes.map(([b]) => b), boxes.map(([, s]) => s)],
  ),
  graphSteps: [
    {
      arity: 2,
      expression: ([a, b], n, extra) => call('slice', call('concat', [a, b], 1), [0, extra % (n + 1)], [n, n]),
    },
  ],
});

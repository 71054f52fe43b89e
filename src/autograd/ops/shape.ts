/** Ops that rearrange elements: reshape, transpose, concat, slice. */
import fc from 'fast-check';
import { Tensor } from '../../tensor/tensor.ts';
import { concatKernel, resolvePermutation, resolveReshape, resolveSlice, sliceKernel, transposeKernel, unsliceKernel } from '../../tensor/layout.ts';
import { normalizeAxes } from '../../tensor/shape.ts';
import { copyData } from '../../tensor/dtype.ts';


import { applyOp, simplePrimitive } from '../op.ts';
import { registerOp } from '../op-table.ts';
import { shapeArb, tensorArb } from '../fuzz/arbitraries.ts';
import { expectNumbers, expectTensor } from './operand.ts';
import { describeArgument } from '../../describe.ts';

const reshapeOp = simplePrimitive<readonly number[]>(
  'reshape',
  ([a], shape) => new Tensor(copyData(a.data), shape),
  (g, { inputs: [a] }) => [new Tensor(g.data, a.shape)],
);

// The inverse permutation carries the gradient back: axis perm[i] of the input is axis i of the output.
const transposeOp = simplePrimitive<readonly number[]>(
  'transpose',
  ([a], perm) => transposeKernel(a, perm),
  (g, { attrs: perm }) => {
    const inverse = new Array<number>(perm.length);
    perm.forEach((axis, i) => (inverse[axis] = i));
    return [transposeKernel(g, inverse)];
  },
);

const concatOp = simplePrimitive<number>(
  'concat',
  (parts, axis) => concatKernel(parts, axis),
  (g, { inputs, attrs: axis }) => {
    let offset = 0;
    return inputs.map((part) => {
      const begin = g.shape.map((_, i) => (i === axis ? offset : 0));
      offset += part.shape[axis];
      return sliceKernel(g, begin, part.shape);
    });
  },
);

const sliceOp = simplePrimitive<{ begin: readonly number[]; size: readonly number[] }>(
  'slice',
  ([a], { begin, size }) => sliceKernel(a, begin, size),
  (g, { inputs: [a], attrs: { begin } }) => [unsliceKernel(g, a.shape, begin)],
);

/** Same elements, new shape; one dimension may be -1 (inferred). */
export function reshape(a: Tensor, shape: readonly number[]): Tensor {
  expectTensor('reshape', a, 'the first argument');
  expectNumbers('reshape', shape, 'the shape');
  return applyOp(reshapeOp, [a], resolveReshape(a.shape, shape));
}

/** Permutes the axes (reverses them when `perm` is omitted). */
export function transpose(a: Tensor, perm?: readonly number[]): Tensor {
  expectTensor('transpose', a, 'the first argument');
  if (perm !== undefined) expectNumbers('transpose', perm, 'the permutation');
  return applyOp(transposeOp, [a], resolvePermutation(a.shape, perm));
}

/** Joins tensors along `axis`; all other dimensions must agree. */
export function concat(parts: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(parts)) throw new TypeError(`concat: the first argument must be a list of Tensors, got ${describeArgument(parts)}`);
  parts.forEach((t, i) => expectTensor('concat', t, `parts[${i}]`));
  if (parts.length === 0) throw new Error('concat: needs at least one tensor');
  const [normalized] = normalizeAxes('concat', parts[0].shape, axis);
  return applyOp(concatOp, parts, normalized);
}

/** The box starting at `begin` with `size` per axis (size -1: to the end), as tf.slice. */
export function slice(a: Tensor, begin: readonly number[], size: readonly number[]): Tensor {
  expectTensor('slice', a, 'the first argument');
  expectNumbers('slice', begin, 'begin');
  expectNumbers('slice', size, 'size');
  return applyOp(sliceOp, [a], { begin, size: resolveSlice(a.shape, begin, size) });
}

const family = 'shape';
registerOp({
  name: 'reshape',
  family,
  generate: shapeArb(0, 3)
    .chain((shape) => fc.tuple(tensorArb(shape), fc.shuffledSubarray(shape, { minLength: shape.length, maxLength: shape.length }), fc.boolean()))
    .map(([x, permuted, infer]) => {
      // Same size, other shape: the dimensions shuffled, one of them possibly inferred, plus a size-1 axis.
      const target = [...permuted, 1].map((d, i) => (infer && i === 0 ? -1 : d));
      return { inputs: [x], run: ([a]) => reshape(a, target), code: ([a]) => `reshape(${a}, [${target.join(', ')}])` };
    }),
});
registerOp({
  name: 'transpose',
  family,
  generate: shapeArb(1, 4)
    .chain((shape) => fc.tuple(tensorArb(shape), fc.shuffledSubarray([...shape.keys()], { minLength: shape.length, maxLength: shape.length })))
    .map(([x, perm]) => ({ inputs: [x], run: ([a]) => transpose(a, perm), code: ([a]) => `transpose(${a}, [${perm.join(', ')}])` })),
});
registerOp({
  name: 'concat',
  family,
  generate: fc
    .tuple(shapeArb(1, 3), fc.nat(), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }))
    .chain(([shape, axisSeed, widths]) => {
      const axis = axisSeed % shape.length;
      return fc.tuple(...widths.map((w) => tensorArb(shape.map((d, i) => (i === axis ? w : d))))).map((parts) => ({
        inputs: parts,
        run: (xs: readonly Tensor[]) => concat(xs, axis),
        code: (names: readonly string[]) => `concat([${names.join(', ')}], ${axis})`,
      }));
    }),
});
registerOp({
  name: 'slice',
  family,
  generate: shapeArb(1, 3)
    .chain((shape) =>
      fc.tuple(tensorArb(shape), fc.tuple(...shape.map((d) => fc.integer({ min: 0, max: d - 1 }).chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: -1, max: d - b }).filter((s) => s !== 0)))))),
    )
    .map(([x, boxes]) => {
      const begin = boxes.map(([b]) => b);
      const size = boxes.map(([, s]) => s);
      return { inputs: [x], run: ([a]) => slice(a, begin, size), code: ([a]) => `slice(${a}, [${begin.join(', ')}], [${size.join(', ')}])` };
    }),
});

/** Reductions over chosen axes with keepdims: sum, max (primitives) and mean (sum / count). */
import { Tensor } from '../../tensor/tensor.ts';
import { allocate } from '../../tensor/dtype.ts';
import { broadcastTo } from '../../tensor/broadcast.ts';
import { maxAxes, planReduction, sumAxes } from '../../tensor/reduce.ts';
import { normalizeAxes, stridesOf } from '../../tensor/shape.ts';
import { stridedPairs } from '../../tensor/broadcast.ts';
import { defineOp } from '../define-op.ts';
import * as draw from '../input-spec.ts';
import { call } from '../graph-step.ts';
import { div, mul } from './arithmetic.ts';
import { expand, reshape } from '../adjoints.ts';
import { expectTensor, tiesOption, type TiesOption } from './operand.ts';

export type Axes = number | readonly number[] | undefined;

/** Argument lists (x, axes, keepdims): a tensor of rank 1–3, a random subset of its axes (some negative) or all. */
const axesArguments = (values: (shape: number[]) => draw.Spec<Tensor>) =>
  draw.chain(draw.shape(1, 3), (shape) =>
    draw.tuple(
      values(shape),
      draw.option(draw.map(draw.uniqueArray(draw.integer(0, shape.length - 1), 1, shape.length), (axes) => axes.map((a) => (a % 2 === 1 ? a - shape.length : a)))),
      draw.boolean(),
    ),
  );

/** Checks the arguments of a reduction named `name`. */
function reduction(name: string) {
  return (a: Tensor, axes?: Axes, keepdims = false) => {
    expectTensor(name, a, 'the first argument');
    normalizeAxes(name, a.shape, axes);
    return { inputs: [a], attrs: { axes, keepdims } };
  };
}

/** Sum over `axes` (all when omitted); `keepdims` keeps them as size 1. */
export const sum = defineOp({
  name: 'sum',
  family: 'reduce',
  prepare: reduction('sum'),
  forward: ([a], { axes, keepdims }) => sumAxes(a, axes, keepdims),
  // The gradient of a sum is the incoming gradient copied along the summed axes.
  backward: (g, { inputs: [a], attrs: { axes } }) => {
    const kept = planReduction('sum', a.shape, axes, true).keptShape;
    return [broadcastTo(new Tensor(g.data, kept), a.shape)];
  },
  jvp: ([da], { attrs: { axes, keepdims } }) => sumAxes(da, axes, keepdims),
  differentiableBackward: (g, { inputs: [a], attrs: { axes } }) => [expand(reshape(g, planReduction('sum', a.shape, axes, true).keptShape), a.shape)],
  arbitraryInputs: axesArguments((s) => draw.tensor(s)),
  graphSteps: [{ arity: 2, expression: ([a, b]) => call('mul', a, call('sum', b, 1, true)) }],
});

/** Mean over `axes`: a composite, sum divided by the number of reduced elements. */
export const mean = defineOp({
  name: 'mean',
  family: 'reduce',
  compose: (a: Tensor, axes?: Axes, keepdims: boolean = false) => {
    expectTensor('mean', a, 'the first argument');
    const reduced = normalizeAxes('mean', a.shape, axes);
    const count = reduced.reduce((n, axis) => n * a.shape[axis], 1);
    return div(sum(a, axes, keepdims), count);
  },
  arbitraryInputs: axesArguments((s) => draw.tensor(s)),
  graphSteps: [{ arity: 2, expression: ([a, b]) => call('sub', a, call('mean', b, 0, true)) }],
});

/**
 * For each element of `a`, the flat index of the output element its slice reduces to, and
 * whether it ties the maximum (NaN ties NaN); with the count of tied elements per output element.
 */
function maximalElements(a: Tensor, axes: Axes, values: Tensor): { outputOf: Int32Array; tied: Uint8Array; counts: Int32Array } {
  const plan = planReduction('max', a.shape, axes, true);
  const outputOf = new Int32Array(a.size);
  const tied = new Uint8Array(a.size);
  const counts = new Int32Array(values.size);
  stridedPairs(a.shape, stridesOf(a.shape), plan.outStrides, (k, _, io) => {
    const x = a.data[k];
    const m = values.data[io];
    outputOf[k] = io;
    if (x === m || (Number.isNaN(x) && Number.isNaN(m))) {
      tied[k] = 1;
      counts[io]++;
    }
  });
  return { outputOf, tied, counts };
}

/**
 * Maximum over `axes`. Where several elements of a slice tie for the maximum, the
 * derivative is a subgradient: with `{ ties: 'first' }` (the default) it all goes to the
 * first maximal element in row-major order; with `{ ties: 'split' }` it is shared evenly,
 * 1/k to each of the k tied elements, as PyTorch's `amax` and full `max()` (and JAX's and
 * TensorFlow's reduce_max) do. PyTorch's `max(dim)` instead routes it to the one element
 * whose index it returns. The JVP takes the same share of the tangents.
 */
export const max = defineOp({
  name: 'max',
  family: 'reduce',
  prepare: (a: Tensor, axes?: Axes, keepdims: boolean = false, options?: TiesOption) => {
    const { inputs } = reduction('max')(a, axes, keepdims);
    return { inputs, attrs: { axes, keepdims, ties: tiesOption('max', options) } };
  },
  forward: ([a], { axes, keepdims }) => {
    const { values, argmax } = maxAxes(a, axes, keepdims);
    return { output: values, saved: argmax };
  },
  backward: (g, { inputs: [a], output, attrs: { axes, ties }, saved: argmax }) => {
    const grad = allocate(a.dtype, a.size);
    if (ties === 'first') {
      for (let i = 0; i < argmax.length; i++) grad[argmax[i]] += g.data[i];
    } else {
      const { outputOf, tied, counts } = maximalElements(a, axes, output);
      for (let k = 0; k < a.size; k++) if (tied[k] === 1) grad[k] = g.data[outputOf[k]] / counts[outputOf[k]];
    }
    return [new Tensor(grad, a.shape)];
  },
  jvp: ([da], { inputs: [a], output, attrs: { axes, ties }, saved: argmax }) => {
    const tangent = allocate(a.dtype, output.size);
    if (ties === 'first') {
      for (let i = 0; i < argmax.length; i++) tangent[i] = da.data[argmax[i]];
    } else {
      const { outputOf, tied, counts } = maximalElements(a, axes, output);
      for (let k = 0; k < a.size; k++) if (tied[k] === 1) tangent[outputOf[k]] += da.data[k];
      for (let i = 0; i < tangent.length; i++) tangent[i] /= counts[i];
    }
    return new Tensor(tangent, output.shape);
  },
  // The gradient copied along the reduced axes, times each element's (constant) share of its slice's maximum.
  differentiableBackward: (g, { inputs: [a], output, attrs: { axes, ties }, saved: argmax }) => {
    const share = allocate(a.dtype, a.size);
    if (ties === 'first') {
      for (const index of argmax) share[index] = 1;
    } else {
      const { outputOf, tied, counts } = maximalElements(a, axes, output);
      for (let k = 0; k < a.size; k++) if (tied[k] === 1) share[k] = 1 / counts[outputOf[k]];
    }
    return [mul(expand(reshape(g, planReduction('max', a.shape, axes, true).keptShape), a.shape), new Tensor(share, a.shape))];
  },
  secondOrderUndefinedAt: 'ties for the maximum within a slice, where the gradient switches element',
  // Apart from ties, where the options differ: the tie and kink fuzzer (fuzz/kinks.ts) checks those.
  arbitraryInputs: axesArguments((s) => draw.distinctTensor(s)),
  kinks: {
    statement:
      "at a tie for a slice's maximum, all to the first maximal element in row-major order with ties 'first' (the default); 1/k to each of the k tied elements with { ties: 'split' } (PyTorch's amax and max(), JAX's and TensorFlow's reduce_max; PyTorch's max(dim) gives it to the element whose index it returns)",
    // [r, c] on a three-point grid, so slices often tie; each axis choice, keepdims and ties option.
    cases: draw.chain(draw.tuple(draw.integer(1, 3), draw.integer(1, 3)), ([r, c]) =>
      draw.map(
        draw.tuple(draw.latticeTensor([r, c], [0, 1, 2]), draw.oneOf<Axes>(undefined, 0, 1, [0, 1]), draw.boolean(), draw.oneOf<TiesOption | undefined>(undefined, { ties: 'first' }, { ties: 'split' })),
        ([x, axes, keepdims, options]) => (options === undefined ? [x, axes, keepdims] : [x, axes, keepdims, options]),
      ),
    ),
    kinkPoints: ([x, axes]) => slicesOf(x as Tensor, axes as Axes).reduce((n, slice) => n + maximalIn(x as Tensor, slice).length - 1, 0),
    jacobian: ([x, axes, , options]) => {
      const t = x as Tensor;
      const split = (options as TiesOption | undefined)?.ties === 'split';
      return [
        slicesOf(t, axes as Axes).map((slice) => {
          const row = new Array<number>(t.size).fill(0);
          const tied = maximalIn(t, slice);
          if (split) for (const k of tied) row[k] = 1 / tied.length;
          else row[tied[0]] = 1;
          return row;
        }),
      ];
    },
  },
});

/** The flat indices of each slice a max over `axes` of a 2-D tensor reduces, in output order. */
function slicesOf(t: Tensor, axes: Axes): number[][] {
  const [r, c] = t.shape;
  const range = (n: number) => [...Array(n).keys()];
  if (axes === 1) return range(r).map((i) => range(c).map((j) => i * c + j));
  if (axes === 0) return range(c).map((j) => range(r).map((i) => i * c + j));
  return [range(r * c)];
}

/** The elements of `slice` equal to its maximum, in row-major order. */
function maximalIn(t: Tensor, slice: readonly number[]): number[] {
  const top = Math.max(...slice.map((k) => t.data[k]));
  return slice.filter((k) => t.data[k] === top);
}

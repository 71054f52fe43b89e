/** Reductions over chosen axes with keepdims: sum, max (primitives) and mean (sum / count). */
import fc, { type Arbitrary } from 'fast-check';
import { Tensor } from '../../tensor/tensor.ts';
import { allocate } from '../../tensor/dtype.ts';
import { broadcastTo } from '../../tensor/broadcast.ts';
import { maxAxes, planReduction, sumAxes } from '../../tensor/reduce.ts';
import { normalizeAxes } from '../../tensor/shape.ts';
import { applyOp, simplePrimitive, type Primitive } from '../op.ts';
import { registerOp, type FuzzCase } from '../op-table.ts';
import { distinctTensorArb, shapeArb, tensorArb } from '../fuzz/arbitraries.ts';
import { div } from './arithmetic.ts';
import { expectTensor } from './operand.ts';

export type Axes = number | readonly number[] | undefined;
interface ReduceAttrs {
  readonly axes: Axes;
  readonly keepdims: boolean;
}

// The gradient of a sum is the incoming gradient copied along the summed axes.
const sumOp = simplePrimitive<ReduceAttrs>(
  'sum',
  ([a], { axes, keepdims }) => sumAxes(a, axes, keepdims),
  (g, { inputs: [a], attrs: { axes } }) => {
    const kept = planReduction('sum', a.shape, axes, true).keptShape;
    return [broadcastTo(new Tensor(g.data, kept), a.shape)];
  },
);

// The gradient of a max flows only to the first maximal element of each slice.
const maxOp: Primitive<ReduceAttrs, Int32Array> = {
  name: 'max',
  forward: ([a], { axes, keepdims }) => {
    const { values, argmax } = maxAxes(a, axes, keepdims);
    return { output: values, saved: argmax };
  },
  backward: (g, { inputs: [a], saved: argmax }) => {
    const grad = allocate(a.dtype, a.size);
    for (let i = 0; i < argmax.length; i++) grad[argmax[i]] += g.data[i];
    return [new Tensor(grad, a.shape)];
  },
};

/** Sum over `axes` (all when omitted); `keepdims` keeps them as size 1. */
export function sum(a: Tensor, axes?: Axes, keepdims = false): Tensor {
  expectTensor('sum', a, 'the first argument');
  normalizeAxes('sum', a.shape, axes);
  return applyOp(sumOp, [a], { axes, keepdims });
}

/** Maximum over `axes`; the gradient goes to the first maximal element of each slice. */
export function max(a: Tensor, axes?: Axes, keepdims = false): Tensor {
  expectTensor('max', a, 'the first argument');
  normalizeAxes('max', a.shape, axes);
  return applyOp(maxOp, [a], { axes, keepdims });
}

/** Mean over `axes`: a composite, sum divided by the number of reduced elements. */
export function mean(a: Tensor, axes?: Axes, keepdims = false): Tensor {
  expectTensor('mean', a, 'the first argument');
  const reduced = normalizeAxes('mean', a.shape, axes);
  const count = reduced.reduce((n, axis) => n * a.shape[axis], 1);
  return div(sum(a, axes, keepdims), count);
}

/** A shape with at least one axis, and a random subset of its axes (some negative), or all. */
const axesCaseArb = (values: (shape: number[]) => Arbitrary<Tensor>, name: string, call: (a: Tensor, axes: Axes, keepdims: boolean) => Tensor): Arbitrary<FuzzCase> =>
  shapeArb(1, 3)
    .chain((shape) =>
      fc.tuple(
        values(shape),
        fc.option(fc.uniqueArray(fc.integer({ min: 0, max: shape.length - 1 }), { minLength: 1, maxLength: shape.length }).map((axes) => axes.map((a) => (a % 2 === 1 ? a - shape.length : a))), { nil: undefined }),
        fc.boolean(),
      ),
    )
    .map(([x, axes, keepdims]) => ({
      inputs: [x],
      run: ([a]) => call(a, axes, keepdims),
      code: ([a]) => `${name}(${a}, ${axes === undefined ? 'undefined' : `[${axes.join(', ')}]`}, ${keepdims})`,
    }));

const family = 'reduce';
registerOp({ name: 'sum', family, generate: axesCaseArb((s) => tensorArb(s), 'sum', sum) });
registerOp({ name: 'mean', family, generate: axesCaseArb((s) => tensorArb(s), 'mean', mean) });
registerOp({ name: 'max', family, generate: axesCaseArb((s) => distinctTensorArb(s), 'max', max) });

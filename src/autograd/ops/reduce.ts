/** Reductions over chosen axes with keepdims: sum, max (primitives) and mean (sum / count). */
import { Tensor } from '../../tensor/tensor.ts';
import { allocate } from '../../tensor/dtype.ts';
import { broadcastTo } from '../../tensor/broadcast.ts';
import { maxAxes, planReduction, sumAxes } from '../../tensor/reduce.ts';
import { normalizeAxes } from '../../tensor/shape.ts';
import { defineOp } from '../define-op.ts';
import * as draw from '../input-spec.ts';
import { call } from '../graph-step.ts';
import { div } from './arithmetic.ts';
import { expectTensor } from './operand.ts';

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

/** Maximum over `axes`; the gradient goes to the first maximal element of each slice. */
export const max = defineOp({
  name: 'max',
  family: 'reduce',
  prepare: reduction('max'),
  forward: ([a], { axes, keepdims }) => {
    const { values, argmax } = maxAxes(a, axes, keepdims);
    return { output: values, saved: argmax };
  },
  backward: (g, { inputs: [a], saved: argmax }) => {
    const grad = allocate(a.dtype, a.size);
    for (let i = 0; i < argmax.length; i++) grad[argmax[i]] += g.data[i];
    return [new Tensor(grad, a.shape)];
  },
  arbitraryInputs: axesArguments((s) => draw.distinctTensor(s)),
});

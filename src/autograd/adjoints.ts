/**
 * The linear maps that carry gradients back through sum, broadcasting, slice and gather
 * (copy along axes, sum over broadcast axes, pad with zeros, scatter-add rows), as
 * graph-recording functions, for the ops' differentiable backwards (second order,
 * src/autograd/grad.ts). Each is the adjoint of an op, so its own backward is that op:
 * expand ↔ sumToShape, unslice ↔ slice, scatterAddRows ↔ gather. They are not in the op
 * table (not public ops); the second-order fuzzer checks them through the ops that use them.
 * Being linear, each one's JVP is itself applied to the tangent.
 */
import type { Tensor } from '../tensor/tensor.ts';
import { broadcastShapes, broadcastTo, reduceToShape } from '../tensor/broadcast.ts';
import { sliceKernel, unsliceKernel, gatherRowsKernel, scatterAddRowsKernel } from '../tensor/layout.ts';
import { sameShape, type Shape } from '../tensor/shape.ts';
import { formatShape } from '../describe.ts';
import { applyOp, type Primitive } from './op.ts';
import { findOp } from './op-table.ts';

/**
 * The public op `name`, looked up in the op table when called. This file imports no op
 * family: the table lists the ops in the order their families are first imported
 * (ops/index.ts), and an import here from reduce.ts would register shape and gather early.
 */
const op =
  (name: string) =>
  (...args: unknown[]): Tensor =>
    findOp(name)!.call!(...args);
const sum = op('sum');
const slice = op('slice');
const gather = op('gather');

/** `t` with the same elements in `shape`, recording the graph (the reshape op). */
export const reshape = op('reshape') as (t: Tensor, shape: Shape) => Tensor;

const expandPrimitive: Primitive<Shape, undefined> = {
  name: 'expand',
  forward: ([t], shape) => ({ output: broadcastTo(t, shape), saved: undefined }),
  backward: (g, { inputs: [t] }) => [reduceToShape(g, t.shape)],
  jvp: ([dt], { attrs: shape }) => broadcastTo(dt, shape),
  differentiableBackward: (g, { inputs: [t] }) => [sumToShape(g, t.shape)],
};

/** `t` copied to `shape`, a broadcast of its shape (NumPy's rules). */
export function expand(t: Tensor, shape: Shape): Tensor {
  return sameShape(t.shape, shape) ? t : applyOp(expandPrimitive, [t], shape);
}

/**
 * `g` summed over the axes along which `shape` was broadcast to g's shape (the leading
 * axes it lacks, and its size-1 axes): reduceToShape written with sum and reshape.
 */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  if (!sameShape(broadcastShapes('sumToShape', shape, g.shape), g.shape)) throw new Error(`sumToShape: ${formatShape(g.shape)} is not a broadcast of ${formatShape(shape)}`);
  const lead = g.rank - shape.length;
  const axes = g.shape.map((_, axis) => axis).filter((axis) => axis < lead || (shape[axis - lead] === 1 && g.shape[axis] !== 1));
  return reshape(axes.length === 0 ? g : sum(g, axes, true), shape);
}

interface Box {
  readonly outer: Shape;
  readonly begin: readonly number[];
}

const unslicePrimitive: Primitive<Box, undefined> = {
  name: 'unslice',
  forward: ([t], { outer, begin }) => ({ output: unsliceKernel(t, outer, begin), saved: undefined }),
  backward: (g, { inputs: [t], attrs: { begin } }) => [sliceKernel(g, begin, t.shape)],
  jvp: ([dt], { attrs: { outer, begin } }) => unsliceKernel(dt, outer, begin),
  differentiableBackward: (g, { inputs: [t], attrs: { begin } }) => [slice(g, begin, t.shape)],
};

/** `t` placed at `begin` in zeros of shape `outer`: the adjoint of slice. */
export function unslice(t: Tensor, outer: Shape, begin: readonly number[]): Tensor {
  return applyOp(unslicePrimitive, [t], { outer, begin });
}

interface Rows {
  readonly indices: Int32Array;
  readonly tableShape: Shape;
}

const scatterPrimitive: Primitive<Rows, undefined> = {
  name: 'scatterAddRows',
  forward: ([values], { indices, tableShape }) => ({ output: scatterAddRowsKernel(values, indices, tableShape), saved: undefined }),
  backward: (g, { attrs: { indices } }) => [gatherRowsKernel(g, indices)],
  jvp: ([dv], { attrs: { indices, tableShape } }) => scatterAddRowsKernel(dv, indices, tableShape),
  differentiableBackward: (g, { attrs: { indices } }) => [gather(g, indices)],
};

/** Row i of `values` added into row indices[i] of zeros of `tableShape`: the adjoint of gather. */
export function scatterAddRows(values: Tensor, indices: Int32Array, tableShape: Shape): Tensor {
  return applyOp(scatterPrimitive, [values], { indices, tableShape });
}

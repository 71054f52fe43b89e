/** Reductions over chosen axes, with keepdims: sum and max (with the winning positions). */
import { allocate } from './dtype.ts';
import { type Shape, normalizeAxes, sizeOf, stridesOf } from './shape.ts';
import { stridedPairs } from './broadcast.ts';
import { Tensor } from './tensor.ts';
import { formatShape } from '../describe.ts';

export interface Reduction {
  /** The result shape with reduced axes kept as size 1. */
  readonly keptShape: number[];
  /** The result shape as requested (reduced axes dropped unless keepdims). */
  readonly shape: number[];
  /** Strides that map an input element to its output element (0 along reduced axes). */
  readonly outStrides: number[];
}

export function planReduction(op: string, shape: Shape, axes: number | readonly number[] | undefined, keepdims: boolean): Reduction {
  const reduced = normalizeAxes(op, shape, axes);
  const keptShape = shape.map((d, i) => (reduced.includes(i) ? 1 : d));
  const kept = stridesOf(keptShape);
  return {
    keptShape,
    shape: keepdims ? keptShape : shape.filter((_, i) => !reduced.includes(i)),
    outStrides: shape.map((_, i) => (reduced.includes(i) ? 0 : kept[i])),
  };
}

export function sumAxes(t: Tensor, axes?: number | readonly number[], keepdims = false): Tensor {
  const plan = planReduction('sum', t.shape, axes, keepdims);
  const out = allocate(t.dtype, sizeOf(plan.keptShape));
  const src = t.data;
  stridedPairs(t.shape, stridesOf(t.shape), plan.outStrides, (k, _, io) => {
    out[io] += src[k];
  });
  return new Tensor(out, plan.shape);
}

/**
 * Maximum over axes, and for each output element the flat input offset of the first
 * maximal element (row-major order), which the gradient is routed to. NaN wins.
 */
export function maxAxes(t: Tensor, axes?: number | readonly number[], keepdims = false): { values: Tensor; argmax: Int32Array } {
  const plan = planReduction('max', t.shape, axes, keepdims);
  const count = sizeOf(plan.keptShape);
  // A slice with no elements has no maximum (PyTorch's amax refuses it too); an empty
  // tensor whose reduced axes are all non-empty reduces to an empty result.
  if (normalizeAxes('max', t.shape, axes).some((axis) => t.shape[axis] === 0)) throw new Error(`max: cannot reduce an empty axis of shape ${formatShape(t.shape)}`);
  const out = allocate(t.dtype, count).fill(-Infinity);
  const argmax = new Int32Array(count).fill(-1);
  const src = t.data;
  stridedPairs(t.shape, stridesOf(t.shape), plan.outStrides, (k, _, io) => {
    const v = src[k];
    if (argmax[io] < 0 || v > out[io] || (Number.isNaN(v) && !Number.isNaN(out[io]))) {
      out[io] = v;
      argmax[io] = k;
    }
  });
  return { values: new Tensor(out, plan.shape), argmax };
}

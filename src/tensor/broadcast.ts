/**
 * NumPy broadcasting, in one place: the forward rule (`broadcastShapes`, `binaryOp`,
 * `broadcastTo`) and its adjoint (`reduceToShape`, the sum over broadcast axes that every
 * op's backward applies to its gradients).
 */
import { allocate, allocateUninitialized } from './dtype.ts';
import { type Shape, sizeOf, stridesOf, sameShape } from './shape.ts';
import { Tensor } from './tensor.ts';
import { formatShape } from '../describe.ts';

/** The broadcast result shape, or an error naming the op and both shapes. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`${op}: ${formatShape(a)} and ${formatShape(b)} cannot be broadcast: axis ${i} has sizes ${da} and ${db}`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Whether `shape`, broadcast to `target`, is one contiguous block repeated ([n] in [b, n]; [1, n] too). */
function isTrailingBlock(shape: Shape, target: Shape): boolean {
  const offset = target.length - shape.length;
  let i = 0;
  while (i < shape.length && shape[i] === 1) i++;
  return offset >= 0 && shape.slice(i).every((d, k) => d === target[offset + i + k]);
}

/** Strides of `shape` read as if broadcast to `target`: 0 along broadcast axes. */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const own = stridesOf(shape);
  const offset = target.length - shape.length;
  return target.map((d, i) => (i < offset || shape[i - offset] !== d ? 0 : own[i - offset]));
}

/**
 * Visits every element of `shape` in row-major order with its offsets into two arrays of
 * the given strides. The innermost axis runs in a tight loop.
 */
export function stridedPairs(shape: Shape, stridesA: readonly number[], stridesB: readonly number[], body: (k: number, ia: number, ib: number) => void): void {
  const rank = shape.length;
  const total = sizeOf(shape);
  if (total === 0) return;
  if (rank === 0) {
    body(0, 0, 0);
    return;
  }
  const last = rank - 1;
  const inner = shape[last];
  const innerA = stridesA[last];
  const innerB = stridesB[last];
  const index = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let k = 0; k < total; k += inner) {
    for (let j = 0; j < inner; j++) body(k + j, ia + j * innerA, ib + j * innerB);
    // Advance the multi-index over the outer axes, carrying like an odometer.
    for (let axis = last - 1; axis >= 0; axis--) {
      index[axis]++;
      ia += stridesA[axis];
      ib += stridesB[axis];
      if (index[axis] < shape[axis]) break;
      ia -= stridesA[axis] * shape[axis];
      ib -= stridesB[axis] * shape[axis];
      index[axis] = 0;
    }
  }
}

/** `f(a[i], b[i])` over the broadcast of two tensors of one dtype. */
export function binaryOp(op: string, a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  if (a.dtype !== b.dtype) throw new Error(`${op}: dtypes differ: ${a.dtype} and ${b.dtype} (cast one of them)`);
  const ad = a.data;
  const bd = b.data;
  if (sameShape(a.shape, b.shape)) {
    const out = allocateUninitialized(a.dtype, ad.length);
    for (let i = 0; i < out.length; i++) out[i] = f(ad[i], bd[i]);
    return new Tensor(out, a.shape);
  }
  const shape = broadcastShapes(op, a.shape, b.shape);
  const out = allocateUninitialized(a.dtype, sizeOf(shape));
  if (b.size === 1) {
    const y = bd[0];
    for (let i = 0; i < out.length; i++) out[i] = f(ad[i % ad.length], y);
  } else if (sameShape(a.shape, shape) && isTrailingBlock(b.shape, shape)) {
    // The common bias case, [batch, n] with [n]: b repeats every b.size elements.
    const width = bd.length;
    for (let i = 0; i < out.length; i++) out[i] = f(ad[i], bd[i % width]);
  } else {
    stridedPairs(shape, broadcastStrides(a.shape, shape), broadcastStrides(b.shape, shape), (k, ia, ib) => {
      out[k] = f(ad[ia], bd[ib]);
    });
  }
  return new Tensor(out, shape);
}

/** A copy of `t` broadcast to `shape` (which must be a broadcast of t's shape). */
export function broadcastTo(t: Tensor, shape: Shape): Tensor {
  const result = broadcastShapes('broadcastTo', t.shape, shape);
  if (!sameShape(result, shape)) {
    throw new Error(`broadcastTo: ${formatShape(t.shape)} cannot be broadcast to ${formatShape(shape)}`);
  }
  if (sameShape(t.shape, shape)) return new Tensor(t.data.slice(), shape);
  const out = allocate(t.dtype, sizeOf(shape));
  const src = t.data;
  stridedPairs(shape, broadcastStrides(t.shape, shape), broadcastStrides(t.shape, shape), (k, ia) => {
    out[k] = src[ia];
  });
  return new Tensor(out, shape);
}

/**
 * The adjoint of broadcasting: sums `grad` over the axes along which `shape` was
 * broadcast (leading axes it lacks, and axes where it has size 1), giving `shape`.
 */
export function reduceToShape(grad: Tensor, shape: Shape): Tensor {
  if (sameShape(grad.shape, shape)) return grad;
  const check = broadcastShapes('reduceToShape', shape, grad.shape);
  if (!sameShape(check, grad.shape)) {
    throw new Error(`reduceToShape: gradient ${formatShape(grad.shape)} is not a broadcast of ${formatShape(shape)}`);
  }
  const out = allocate(grad.dtype, sizeOf(shape));
  const src = grad.data;
  if (isTrailingBlock(shape, grad.shape)) {
    const width = out.length;
    for (let i = 0; i < src.length; i++) out[i % width] += src[i];
    return new Tensor(out, shape);
  }
  // Walk the gradient; each element adds into the element of `shape` it was broadcast from.
  stridedPairs(grad.shape, broadcastStrides(shape, grad.shape), broadcastStrides(shape, grad.shape), (k, io) => {
    out[io] += src[k];
  });
  return new Tensor(out, shape);
}

/** Elementwise kernels without broadcasting: `f(x[i])` into a new tensor; products of same-shape tensors. */
import { allocateUninitialized, type FloatArray } from './dtype.ts';
import { formatShape, sameShape } from './shape.ts';
import { Tensor } from './tensor.ts';

export function unaryOp(t: Tensor, f: (x: number) => number): Tensor {
  const src = t.data;
  const out = allocateUninitialized(t.dtype, src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return new Tensor(out, t.shape);
}

function checkSameShape(op: string, a: Tensor, b: Tensor): void {
  if (!sameShape(a.shape, b.shape) || a.dtype !== b.dtype) {
    throw new Error(`${op}: expected one shape and dtype, got ${a.dtype} ${formatShape(a.shape)} and ${b.dtype} ${formatShape(b.shape)}`);
  }
}

/**
 * a ⊙ b for two tensors of one shape and dtype, as a loop with no callback (the hot
 * products of a training step: GMF, dropout masks, their gradients). Same bits as
 * `binaryOp(a, b, (x, y) => x * y)`.
 */
export function mulSameShape(a: Tensor, b: Tensor): Tensor {
  checkSameShape('mul', a, b);
  const ad = a.data;
  const bd = b.data;
  const out = allocateUninitialized(a.dtype, ad.length);
  for (let i = 0; i < out.length; i++) out[i] = ad[i] * bd[i];
  return new Tensor(out, a.shape);
}

/**
 * Inverted dropout in one pass: mask[i] = 0 where draws[i] < rate, else scale, and
 * out[i] = x[i]·mask[i] (the product a separate multiply by the mask would give).
 */
export function applyDropoutMask(x: FloatArray, draws: Float64Array, rate: number, scale: number, mask: FloatArray, out: FloatArray): void {
  if (x instanceof Float32Array && mask instanceof Float32Array && out instanceof Float32Array) applyDropoutMask32(x, draws, rate, scale, mask, out);
  else for (let i = 0; i < x.length; i++) out[i] = x[i] * (mask[i] = draws[i] < rate ? 0 : scale);
}

// One element type per loop, so V8 compiles each loop monomorphic.
function applyDropoutMask32(x: Float32Array, draws: Float64Array, rate: number, scale: number, mask: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    mask[i] = draws[i] < rate ? 0 : scale;
    out[i] = x[i] * mask[i];
  }
}

/** a + b for two tensors of one shape and dtype, as a loop with no callback. */
export function addSameShape(a: Tensor, b: Tensor): Tensor {
  checkSameShape('add', a, b);
  const ad = a.data;
  const bd = b.data;
  const out = allocateUninitialized(a.dtype, ad.length);
  for (let i = 0; i < out.length; i++) out[i] = ad[i] + bd[i];
  return new Tensor(out, a.shape);
}

/** Numerically stable logistic function: never evaluates exp of a large positive number. */
export function sigmoidValue(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

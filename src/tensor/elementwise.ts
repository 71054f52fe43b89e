/** Elementwise kernels without broadcasting: `f(x[i])` into a new tensor; products of same-shape tensors. */
import { activeBackend } from '../backend/select.ts';
import { allocateUninitialized, type FloatArray } from './dtype.ts';
import { sameShape } from './shape.ts';
import { Tensor } from './tensor.ts';
import { exp } from '../libm/index.ts';
import { formatShape } from '../describe.ts';

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
  multiplyInto(ad, bd, out);
  return new Tensor(out, a.shape);
}

/** out[i] = a[i]·b[i] over arrays of one length and element type (one loop per type, so V8 compiles each monomorphic). */
export function multiplyInto(a: FloatArray, b: FloatArray, out: FloatArray): void {
  if (activeBackend().multiply?.(a, b, out) === true) return; // the js backend's module, for resident arrays
  if (a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array) multiply32(a, b, out);
  else for (let i = 0; i < out.length; i++) out[i] = a[i] * b[i];
}

function multiply32(a: Float32Array, b: Float32Array, out: Float32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = a[i] * b[i];
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

/** Numerically stable logistic function: never evaluates exp of a large positive number. exp is src/libm's: the same bits on every engine. */
export function sigmoidValue(x: number): number {
  if (x >= 0) return 1 / (1 + exp(-x));
  const e = exp(x);
  return e / (1 + e);
}

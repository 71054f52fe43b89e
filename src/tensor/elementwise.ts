/** Elementwise kernels without broadcasting: `f(x[i])` into a new tensor. */
import { allocate } from './dtype.ts';
import { Tensor } from './tensor.ts';

export function unaryOp(t: Tensor, f: (x: number) => number): Tensor {
  const src = t.data;
  const out = allocate(t.dtype, src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return new Tensor(out, t.shape);
}

/** Numerically stable logistic function: never evaluates exp of a large positive number. */
export function sigmoidValue(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * Mixed dtypes, promoted as PyTorch promotes floating types: an op given float32 and
 * float64 tensors computes in float64 and returns float64. The float32 tensors are cast
 * by a recorded op, so their gradients come back cast to float32 (each input's own dtype)
 * and their tangents pass through cast up. Ops of one dtype are untouched (no cast, the
 * same bits as ever).
 */
import { Tensor } from '../tensor/tensor.ts';
import { cast } from '../tensor/create.ts';
import type { Dtype } from '../tensor/dtype.ts';
import { applyOp, type Primitive } from './op.ts';

const castOp: Primitive<Dtype, undefined> = {
  name: 'cast',
  forward: ([a], dtype) => ({ output: cast(a, dtype), saved: undefined }),
  backward: (g, { inputs: [a] }) => [cast(g, a.dtype)],
  jvp: ([t], { attrs: dtype }) => cast(t, dtype),
  // Second order (grad.ts): the gradient cast back by the recorded op, so that it is differentiable too.
  differentiableBackward: (g, { inputs: [a] }) => [g.dtype === a.dtype ? g : applyOp(castOp, [g], a.dtype)],
};

/** The tensors among `args` (and in lists among them, as concat's), each to `visit`. */
function eachTensor(args: readonly unknown[], visit: (t: Tensor) => void): void {
  for (const v of args) {
    if (v instanceof Tensor) visit(v);
    else if (Array.isArray(v)) eachTensor(v, visit);
  }
}

/** `args` with float32 tensors cast to float64 when float64 tensors are among them too; `args` itself otherwise. */
export function promoteMixedDtypes<P extends unknown[]>(args: P): P {
  let float32 = false;
  let float64 = false;
  eachTensor(args, (t) => {
    if (t.dtype === 'float32') float32 = true;
    else float64 = true;
  });
  if (!float32 || !float64) return args;
  const promote = (v: unknown): unknown => (v instanceof Tensor && v.dtype === 'float32' ? applyOp(castOp, [v], 'float64') : Array.isArray(v) ? v.map(promote) : v);
  return args.map(promote) as P;
}

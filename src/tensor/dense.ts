/**
 * A dense layer's two kernels on tensors (x [m, k], w [k, n], y [m, n]): arrays from the
 * active arena here, the loops in the active backend (KernelBackend.denseForward and
 * denseBackward, which say what they compute).
 */
import { allocateUninitialized, type FloatArray } from './dtype.ts';
import { Tensor } from './tensor.ts';
import { activeBackend } from '../backend/select.ts';

/**
 * act(x·w + b), times `dropoutMask` [m×n] when given; with `deferred`, computed when the
 * result is first read (Tensor.deferred), so that the op after it can still fuse into it.
 */
export function denseForwardKernel(x: Tensor, w: Tensor, b: Tensor, relu: boolean, dropoutMask?: FloatArray, deferred = false): Tensor {
  const [m, k] = x.shape;
  const n = w.shape[1];
  const out = allocateUninitialized(x.dtype, m * n);
  const fill = () => activeBackend().denseForward(x.data, w.data, b.data, out, m, k, n, relu, dropoutMask);
  if (deferred) return Tensor.deferred(out, [m, n], fill);
  fill();
  return new Tensor(out, [m, n]);
}

/** [dx, dw, db] for the forward's output y and the gradient g reaching it. */
export function denseBackwardKernel(x: Tensor, w: Tensor, y: Tensor, g: Tensor, relu: boolean, dropoutMask?: FloatArray): [Tensor, Tensor, Tensor] {
  const [m, n] = y.shape;
  const k = x.shape[1];
  const dx = allocateUninitialized(g.dtype, m * k);
  const dw = allocateUninitialized(g.dtype, k * n);
  const db = allocateUninitialized(g.dtype, n);
  activeBackend().denseBackward(x.data, w.data, g.data, y.data, dx, dw, db, m, k, n, relu, dropoutMask);
  return [new Tensor(dx, [m, k]), new Tensor(dw, [k, n]), new Tensor(db, [n])];
}

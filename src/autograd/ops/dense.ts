/**
 * dense: y = act(x·W + b) as one op, act = ReLU or the identity; the forward and the
 * backward are one backend kernel each (src/backend: denseForward, denseBackward). With
 * z = x·W + b and G = dL/dy (Goodfellow et al. 2016, §6.5.6):
 *   Gz = G ⊙ act'(z)          (ReLU: 1 where z > 0, else 0, the derivative at 0 taken as 0)
 *   dx = Gz·Wᵀ,   dW = xᵀ·Gz,   db = Σ_rows Gz
 * act'(z) is read off y: y > 0 exactly when z > 0. The sums run in the same order as
 * the unfused matmul → add → relu chain, so the two give the same bits on the js backend.
 */
import fc from 'fast-check';
import { Tensor } from '../../tensor/tensor.ts';
import { allocateUninitialized } from '../../tensor/dtype.ts';
import { formatShape } from '../../tensor/shape.ts';
import { activeBackend } from '../../backend/select.ts';
import { applyOp, simplePrimitive } from '../op.ts';
import { registerOp } from '../op-table.ts';
import { tensorArb } from '../fuzz/arbitraries.ts';

export type DenseActivation = 'relu' | 'linear';

const denseOp = simplePrimitive<DenseActivation>(
  'dense',
  ([x, w, b], activation) => {
    const [m, k] = x.shape;
    const n = w.shape[1];
    const out = allocateUninitialized(x.dtype, m * n);
    activeBackend().denseForward(x.data, w.data, b.data, out, m, k, n, activation === 'relu');
    return new Tensor(out, [m, n]);
  },
  (g, { inputs: [x, w], output, attrs: activation }) => {
    const [m, n] = output.shape;
    const k = x.shape[1];
    const dx = allocateUninitialized(g.dtype, m * k);
    const dw = allocateUninitialized(g.dtype, k * n);
    const db = allocateUninitialized(g.dtype, n);
    activeBackend().denseBackward(x.data, w.data, g.data, output.data, dx, dw, db, m, k, n, activation === 'relu');
    return [new Tensor(dx, [m, k]), new Tensor(dw, [k, n]), new Tensor(db, [n])];
  },
);

/** act(x·kernel + bias) for x [m, k], kernel [k, n], bias [n]: a dense layer in one op. */
export function dense(x: Tensor, kernel: Tensor, bias: Tensor, activation: DenseActivation = 'linear'): Tensor {
  const where = `dense: x ${formatShape(x.shape)}, kernel ${formatShape(kernel.shape)}, bias ${formatShape(bias.shape)}`;
  if (x.rank !== 2 || kernel.rank !== 2 || bias.rank !== 1) throw new Error(`${where}: need a 2-D x, a 2-D kernel and a 1-D bias`);
  if (x.shape[1] !== kernel.shape[0] || bias.shape[0] !== kernel.shape[1]) throw new Error(`${where}: sizes do not chain`);
  if (x.dtype !== kernel.dtype || x.dtype !== bias.dtype) throw new Error(`${where}: dtypes differ: ${x.dtype}, ${kernel.dtype}, ${bias.dtype}`);
  if (activation !== 'relu' && activation !== 'linear') throw new Error(`dense: activation must be 'relu' or 'linear', got '${activation as string}'`);
  return applyOp(denseOp, [x, kernel, bias], activation);
}

/** Pre-activations x·W + b kept at least `margin` from ReLU's kink at 0, so finite differences see one side. */
function clearOfKink(x: Tensor, w: Tensor, b: Tensor, margin: number): boolean {
  const [m, k] = x.shape;
  const n = w.shape[1];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let z = b.data[j];
      for (let p = 0; p < k; p++) z += x.data[i * k + p] * w.data[p * n + j];
      if (Math.abs(z) < margin) return false;
    }
  }
  return true;
}

registerOp({
  name: 'dense',
  family: 'dense',
  generate: fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom<DenseActivation>('relu', 'linear'))
    .chain(([m, k, n, activation]) => fc.tuple(tensorArb([m, k]), tensorArb([k, n]), tensorArb([n]), fc.constant(activation)))
    .filter(([x, w, b, activation]) => activation === 'linear' || clearOfKink(x, w, b, 0.05))
    .map(([x, w, b, activation]) => ({
      inputs: [x, w, b],
      run: ([a, k, c]) => dense(a, k, c, activation),
      code: ([a, k, c]) => `dense(${a}, ${k}, ${c}, '${activation}')`,
    })),
});

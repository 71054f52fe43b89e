/** binaryCrossEntropyWithLogits: BCE with the sigmoid folded in, finite and exact for any logit. */
import fc from 'fast-check';
import { Tensor } from '../../tensor/tensor.ts';
import { allocate, allocateUninitialized } from '../../tensor/dtype.ts';
import { formatShape, sameShape } from '../../tensor/shape.ts';
import { sigmoidValue } from '../../tensor/elementwise.ts';
import { applyOp, simplePrimitive } from '../op.ts';
import { registerOp } from '../op-table.ts';
import { exp, log1p } from '../../libm/index.ts';
import { shapeArb, tensorArb } from '../fuzz/arbitraries.ts';
import { expectTensor } from './operand.ts';

export type LossReduction = 'mean' | 'sum' | 'none';
const REDUCTIONS: readonly LossReduction[] = ['mean', 'sum', 'none'];

/**
 * Per element, with logit z and label y:
 *   ℓ = -[y·log σ(z) + (1-y)·log(1-σ(z))] = max(z, 0) - z·y + log1p(e^-|z|)
 * (the form TensorFlow documents for sigmoid_cross_entropy_with_logits): no exp of a
 * positive number, so it is finite and exact for logits up to ±1e4 and beyond.
 *   ∂ℓ/∂z = σ(z) - y,   ∂ℓ/∂y = -z
 */
const bceOp = simplePrimitive<LossReduction>(
  'binaryCrossEntropyWithLogits',
  ([z, y], reduction) => {
    // Per-element losses are kept only for 'none'; the total adds each term rounded to the
    // dtype, as summing a stored float32 array would.
    const losses = reduction === 'none' ? allocateUninitialized(z.dtype, z.size) : null;
    const round = z.dtype === 'float32' ? Math.fround : (v: number) => v;
    let total = 0;
    for (let i = 0; i < z.size; i++) {
      const x = z.data[i];
      const loss = round(Math.max(x, 0) - x * y.data[i] + log1p(exp(-Math.abs(x))));
      if (losses !== null) losses[i] = loss;
      total += loss;
    }
    if (losses !== null) return new Tensor(losses, z.shape);
    const value = reduction === 'mean' ? total / Math.max(z.size, 1) : total;
    return new Tensor(allocate(z.dtype, 1).fill(value), []);
  },
  (g, { inputs: [z, y], attrs: reduction }) => {
    const dz = allocateUninitialized(z.dtype, z.size);
    const dy = allocateUninitialized(y.dtype, y.size);
    const scale = reduction === 'mean' ? 1 / z.size : 1;
    for (let i = 0; i < dz.length; i++) {
      const gi = (reduction === 'none' ? g.data[i] : g.data[0]) * scale;
      dz[i] = gi * (sigmoidValue(z.data[i]) - y.data[i]);
      dy[i] = -gi * z.data[i];
    }
    return [new Tensor(dz, z.shape), new Tensor(dy, y.shape)];
  },
);

/** Binary cross-entropy of `labels` (in [0, 1]) against sigmoid(`logits`); same shapes. */
export function binaryCrossEntropyWithLogits(logits: Tensor, labels: Tensor, reduction: LossReduction = 'mean'): Tensor {
  expectTensor('binaryCrossEntropyWithLogits', logits, 'the logits (first argument)');
  expectTensor('binaryCrossEntropyWithLogits', labels, 'the labels (second argument)');
  if (!sameShape(logits.shape, labels.shape)) {
    throw new Error(`binaryCrossEntropyWithLogits: logits ${formatShape(logits.shape)} and labels ${formatShape(labels.shape)} must have the same shape`);
  }
  if (logits.dtype !== labels.dtype) throw new Error(`binaryCrossEntropyWithLogits: dtypes differ: ${logits.dtype} and ${labels.dtype}`);
  if (!REDUCTIONS.includes(reduction)) throw new Error(`binaryCrossEntropyWithLogits: reduction must be one of ${REDUCTIONS.join(', ')}, got '${reduction}'`);
  return applyOp(bceOp, [logits, labels], reduction);
}

registerOp({
  name: 'binaryCrossEntropyWithLogits',
  family: 'loss',
  generate: fc
    .tuple(shapeArb(0, 2), fc.constantFrom<LossReduction>(...REDUCTIONS))
    .chain(([shape, reduction]) => fc.tuple(tensorArb(shape, { min: -6, max: 6 }), tensorArb(shape, { min: 0, max: 1 }), fc.constant(reduction)))
    .map(([z, y, reduction]) => ({
      inputs: [z, y],
      run: ([a, b]) => binaryCrossEntropyWithLogits(a, b, reduction),
      code: ([a, b]) => `binaryCrossEntropyWithLogits(${a}, ${b}, '${reduction}')`,
    })),
});

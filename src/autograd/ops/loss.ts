/** binaryCrossEntropyWithLogits: BCE with the sigmoid folded in, finite and exact for any logit. */
import { Tensor } from '../../tensor/tensor.ts';
import { allocate, allocateUninitialized } from '../../tensor/dtype.ts';
import { sameShape } from '../../tensor/shape.ts';
import { sigmoidValue } from '../../tensor/elementwise.ts';
import { exp, log1p } from '../../libm/index.ts';
import { defineOp } from '../define-op.ts';
import * as draw from '../input-spec.ts';
import { expectTensor } from './operand.ts';
import { mul, neg, sub } from './arithmetic.ts';
import { sigmoid } from './unary.ts';
import { formatShape } from '../../describe.ts';

export type LossReduction = 'mean' | 'sum' | 'none';
const REDUCTIONS: readonly LossReduction[] = ['mean', 'sum', 'none'];

/**
 * Binary cross-entropy of `labels` (in [0, 1]) against sigmoid(`logits`); same shapes.
 * Per element, with logit z and label y:
 *   ℓ = -[y·log σ(z) + (1-y)·log(1-σ(z))] = max(z, 0) - z·y + log1p(e^-|z|)
 * (the form TensorFlow documents for sigmoid_cross_entropy_with_logits): no exp of a
 * positive number, so it is finite and exact for logits up to ±1e4 and beyond.
 *   ∂ℓ/∂z = σ(z) - y,   ∂ℓ/∂y = -z
 */
export const binaryCrossEntropyWithLogits = defineOp({
  name: 'binaryCrossEntropyWithLogits',
  family: 'loss',
  prepare: (logits: Tensor, labels: Tensor, reduction: LossReduction = 'mean') => {
    expectTensor('binaryCrossEntropyWithLogits', logits, 'the logits (first argument)');
    expectTensor('binaryCrossEntropyWithLogits', labels, 'the labels (second argument)');
    if (!sameShape(logits.shape, labels.shape)) {
      throw new Error(`binaryCrossEntropyWithLogits: logits ${formatShape(logits.shape)} and labels ${formatShape(labels.shape)} must have the same shape`);
    }
    if (!REDUCTIONS.includes(reduction)) throw new Error(`binaryCrossEntropyWithLogits: reduction must be one of ${REDUCTIONS.join(', ')}, got '${reduction}'`);
    return { inputs: [logits, labels], attrs: reduction };
  },
  forward: ([z, y], reduction) => {
    // Per-element losses are kept only for 'none'; the total adds each term rounded to the
    // dtype, as summing a stored float32 array would. e^−|z| is kept for the backward, whose
    // σ(z) is 1/(1 + e^−|z|) for z ≥ 0 and e^−|z|/(1 + e^−|z|) below: sigmoidValue's own
    // operations on the same exp, so the same bits without a second exp per element.
    const losses = reduction === 'none' ? allocateUninitialized(z.dtype, z.size) : null;
    const expNegAbs = allocateUninitialized('float64', z.size);
    const round = z.dtype === 'float32' ? Math.fround : (v: number) => v;
    let total = 0;
    const [zd, yd] = [z.data, y.data]; // once: the getter checks the arena on every read
    for (let i = 0; i < z.size; i++) {
      const x = zd[i];
      const e = exp(-Math.abs(x));
      expNegAbs[i] = e;
      const loss = round(Math.max(x, 0) - x * yd[i] + log1p(e));
      if (losses !== null) losses[i] = loss;
      total += loss;
    }
    if (losses !== null) return { output: new Tensor(losses, z.shape), saved: expNegAbs };
    const value = reduction === 'mean' ? total / Math.max(z.size, 1) : total;
    return { output: new Tensor(allocate(z.dtype, 1).fill(value), []), saved: expNegAbs };
  },
  backward: (g, { inputs: [z, y], attrs: reduction, saved: expNegAbs }) => {
    const dz = allocateUninitialized(z.dtype, z.size);
    const dy = allocateUninitialized(y.dtype, y.size);
    const scale = reduction === 'mean' ? 1 / z.size : 1;
    const [gd, zd, yd] = [g.data, z.data, y.data];
    for (let i = 0; i < dz.length; i++) {
      const gi = (reduction === 'none' ? gd[i] : gd[0]) * scale;
      const e = expNegAbs[i]!;
      const sigmoid = zd[i] >= 0 ? 1 / (1 + e) : e / (1 + e); // sigmoidValue(zd[i]), its exp saved by the forward
      dz[i] = gi * (sigmoid - yd[i]);
      dy[i] = -gi * zd[i];
    }
    return [new Tensor(dz, z.shape), new Tensor(dy, y.shape)];
  },
  // ℓ̇ = (σ(z) - y)·ż - z·ẏ per element, then summed (and divided by the count for 'mean') as the loss is.
  jvp: ([dz, dy], { inputs: [z, y], output, attrs: reduction }) => {
    const terms = allocateUninitialized(z.dtype, z.size);
    let total = 0;
    for (let i = 0; i < z.size; i++) {
      terms[i] = (sigmoidValue(z.data[i]) - y.data[i]) * dz.data[i] - z.data[i] * dy.data[i];
      total += terms[i];
    }
    if (reduction === 'none') return new Tensor(terms, z.shape);
    return new Tensor(allocate(z.dtype, 1).fill(reduction === 'mean' ? total / Math.max(z.size, 1) : total), output.shape);
  },
  // The backward with the ops (g broadcasts from [] for mean and sum): ∂²ℓ/∂z² = σ(z)(1 - σ(z)), ∂²ℓ/∂z∂y = -1.
  differentiableBackward: (g, { inputs: [z, y], attrs: reduction }) => {
    const gi = mul(g, reduction === 'mean' ? 1 / z.size : 1);
    return [mul(gi, sub(sigmoid(z), y)), neg(mul(gi, z))];
  },
  arbitraryInputs: draw.chain(draw.tuple(draw.shape(0, 2), draw.oneOf<LossReduction>(...REDUCTIONS)), ([shape, reduction]) =>
    draw.map(draw.tuple(draw.tensor(shape, { min: -6, max: 6 }), draw.tensor(shape, { min: 0, max: 1 })), ([z, y]) => [z, y, reduction]),
  ),
});

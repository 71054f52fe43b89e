/**
 * dense: y = act(x·W + b) as one op, act = ReLU or the identity; the forward and the
 * backward are one backend kernel each (src/backend: denseForward, denseBackward). With
 * z = x·W + b and G = dL/dy (Goodfellow et al. 2016, §6.5.6):
 *   Gz = G ⊙ act'(z)          (ReLU: 1 where z > 0, else 0, the derivative at 0 taken as 0)
 *   dx = Gz·Wᵀ,   dW = xᵀ·Gz,   db = Σ_rows Gz
 * act'(z) is read off y: y > 0 exactly when z > 0. The sums run in the same order as
 * the unfused matmul → add → relu chain, so the two give the same bits on the js backend.
 *
 * With `dropout`, the op is also the dropout after the activation (Srivastava et al. 2014,
 * inverted): it draws the same mask from the same stream as the dropout op and gives the
 * bits of dense → dropout, with no pass of its own over the output (src/backend/dense-backward.ts
 * says how the backward reads act' off the dropped output, and its one edge case). Without
 * it, the output is deferred so that a dropout applied to it next fuses in the same way
 * (src/autograd/fusion.ts): models write dropout(dense(x)).
 */
import { Tensor } from '../../tensor/tensor.ts';
import { allocateUninitialized } from '../../tensor/dtype.ts';
import { denseBackwardKernel, denseForwardKernel } from '../../tensor/dense.ts';
import { keepMask } from '../../tensor/keep-mask.ts';
import type { Rng } from '../../random.ts';
import { defineOp } from '../define-op.ts';
import * as draw from '../input-spec.ts';
import { expectTensor } from './operand.ts';
import type { KinkRule } from '../kink-rule.ts';
import { binaryOp } from '../../tensor/broadcast.ts';
import { matmulKernel } from '../../tensor/matmul.ts';
import { offerDropoutFusion } from '../fusion.ts';
import { mul } from './arithmetic.ts';
import { matmul } from './linalg.ts';
import { sum as sumOver } from './reduce.ts';
import { formatShape } from '../../describe.ts';

export type DenseActivation = 'relu' | 'linear';

/** Dropout after the activation, as `dropout(y, rate, rng)` would apply it. */
export interface DenseDropout {
  readonly rate: number;
  readonly rng: Rng;
}

interface DenseAttrs {
  readonly activation: DenseActivation;
  readonly dropout: DenseDropout | undefined;
}

/** The pre-activations z = x·W + b, row-major [m, n], each summed from b[j] in order of p. */
function preActivations(x: Tensor, w: Tensor, b: Tensor): Float64Array {
  const [m, k] = x.shape;
  const n = w.shape[1];
  const z = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = b.data[j];
      for (let p = 0; p < k; p++) sum += x.data[i * k + p] * w.data[p * n + j];
      z[i * n + j] = sum;
    }
  }
  return z;
}

/** Pre-activations x·W + b kept at least `margin` from ReLU's kink at 0, so finite differences see one side. */
const clearOfKink = (x: Tensor, w: Tensor, b: Tensor, margin: number): boolean => preActivations(x, w, b).every((z) => Math.abs(z) >= margin);

/**
 * relu′(0) = 0 inside dense as in relu. Its cases have x, W and b on {-1, 0, 1}, so
 * pre-activations are integers and often exactly 0. With s = act′(z_ij):
 * ∂y_ij/∂x_ip = s·W_pj, ∂y_ij/∂W_pj = s·x_ip, ∂y_ij/∂b_j = s.
 */
const reluKink: KinkRule = {
  statement: "with 'relu', act′(0) = 0 as relu′(0) = 0: where x·W + b is exactly 0, no gradient or tangent passes",
  cases: draw.chain(draw.tuple(draw.integer(1, 3), draw.integer(1, 3), draw.integer(1, 3)), ([m, k, n]) =>
    draw.map(draw.tuple(draw.latticeTensor([m, k], [-1, 0, 1]), draw.latticeTensor([k, n], [-1, 0, 1]), draw.latticeTensor([n], [-1, 0, 1])), ([x, w, b]) => [x, w, b, 'relu']),
  ),
  kinkPoints: ([x, w, b]) => preActivations(x as Tensor, w as Tensor, b as Tensor).filter((z) => z === 0).length,
  jacobian: (args) => {
    const [x, w, b] = args as [Tensor, Tensor, Tensor];
    const [m, k] = x.shape;
    const n = w.shape[1];
    const z = preActivations(x, w, b);
    const rows = (width: number) => Array.from({ length: m * n }, () => new Array<number>(width).fill(0));
    const [jx, jw, jb] = [rows(m * k), rows(k * n), rows(n)];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const o = i * n + j;
        const s = z[o] > 0 ? 1 : 0;
        for (let p = 0; p < k; p++) {
          jx[o][i * k + p] = s * w.data[p * n + j];
          jw[o][p * n + j] = s * x.data[i * k + p];
        }
        jb[o][j] = s;
      }
    }
    return [jx, jw, jb];
  },
};

/**
 * act(x·kernel + bias) for x [m, k], kernel [k, n], bias [n]: a dense layer in one op; with
 * `dropout`, followed by inverted dropout (omit it, or rate 0, for none).
 */
export const dense = defineOp({
  name: 'dense',
  family: 'dense',
  prepare: (x: Tensor, kernel: Tensor, bias: Tensor, activation: DenseActivation = 'linear', dropout?: DenseDropout) => {
    expectTensor('dense', x, 'x (the first argument)');
    expectTensor('dense', kernel, 'the kernel (second argument)');
    expectTensor('dense', bias, 'the bias (third argument)');
    const where = `dense: x ${formatShape(x.shape)}, kernel ${formatShape(kernel.shape)}, bias ${formatShape(bias.shape)}`;
    if (x.rank !== 2 || kernel.rank !== 2 || bias.rank !== 1) throw new Error(`${where}: need a 2-D x, a 2-D kernel and a 1-D bias`);
    if (x.shape[1] !== kernel.shape[0] || bias.shape[0] !== kernel.shape[1]) throw new Error(`${where}: sizes do not chain`);
    if (activation !== 'relu' && activation !== 'linear') throw new Error(`dense: activation must be 'relu' or 'linear', got '${activation as string}'`);
    if (dropout !== undefined && !(dropout.rate >= 0 && dropout.rate < 1)) throw new Error(`dense: dropout rate must be in [0, 1), got ${dropout.rate}`);
    const attrs: DenseAttrs = { activation, dropout: dropout === undefined || dropout.rate === 0 ? undefined : dropout };
    return { inputs: [x, kernel, bias], attrs };
  },
  forward: ([x, w, b], { activation, dropout }) => {
    const relu = activation === 'relu';
    if (dropout === undefined) {
      // Deferred, offering a dropout that follows to run inside this op (src/autograd/fusion.ts).
      const output = denseForwardKernel(x, w, b, relu, undefined, true);
      offerDropoutFusion(output, (rate, rng) => dense(x, w, b, activation, { rate, rng }));
      return { output, saved: undefined };
    }
    // The dropout op's draws: one per element, in order, from the same stream.
    const mask = keepMask(dropout.rng, x.dtype, x.shape[0] * w.shape[1], dropout.rate, 1 / (1 - dropout.rate));
    return { output: denseForwardKernel(x, w, b, relu, mask), saved: mask };
  },
  backward: (g, { inputs: [x, w], output, attrs: { activation }, saved: mask }) => denseBackwardKernel(x, w, output, g, activation === 'relu', mask),
  // ż = ẋ·W + x·Ẇ + ḃ, then ẏ = act′(z)·mask·ż with act′ read off y as the backward reads it (0 at z = 0).
  jvp: ([dx, dw, db], { inputs: [x, w], output, attrs: { activation }, saved: mask }) => {
    const sum = (p: Tensor, q: Tensor) => binaryOp('dense', p, q, (u, v) => u + v);
    const dz = sum(sum(matmulKernel(dx, w, {}), matmulKernel(x, dw, {})), db);
    const relu = activation === 'relu';
    const y = output.data;
    for (let i = 0; i < dz.size; i++) dz.data[i] = relu && !(y[i] > 0) ? 0 : mask === undefined ? dz.data[i] : dz.data[i] * mask[i];
    return dz;
  },
  // Gz = G ⊙ M ⊙ act'(z) with the ops; M ⊙ act'(z) is piecewise constant, read off the
  // output as the kernel reads it (out > 0 exactly where M ≠ 0 and z > 0).
  differentiableBackward: (g, { inputs: [x, w], output, attrs: { activation }, saved: mask }): Tensor[] => {
    const relu = activation === 'relu';
    let gz = g;
    if (relu || mask !== undefined) {
      const factor = allocateUninitialized(g.dtype, g.size);
      const y = output.data;
      for (let i = 0; i < factor.length; i++) factor[i] = (mask === undefined ? 1 : mask[i]) * (!relu || y[i] > 0 ? 1 : y[i] !== y[i] ? NaN : 0);
      gz = mul(g, new Tensor(factor, g.shape));
    }
    return [matmul(gz, w, { transposeB: true }), matmul(x, gz, { transposeA: true }), sumOver(gz, 0)];
  },
  secondOrderUndefinedAt: "pre-activations z = 0 with 'relu', where the derivative jumps from 0 to 1",
  // With dropout half the time: a fresh stream from the same seed on every call, so finite differences see one mask.
  arbitraryInputs: draw.filter(
    draw.chain(draw.tuple(draw.integer(1, 4), draw.integer(1, 4), draw.integer(1, 4), draw.oneOf<DenseActivation>('relu', 'linear')), ([m, k, n, activation]) =>
      draw.map(
        draw.tuple(draw.tensor([m, k]), draw.tensor([k, n]), draw.tensor([n]), draw.option(draw.tuple(draw.double(0.05, 0.9), draw.integer(0, 1000)))),
        ([x, w, b, drop]) => (drop === undefined ? [x, w, b, activation] : [x, w, b, activation, { rate: drop[0], rng: new draw.SeededStream(drop[1], 'dropout') }]),
      ),
    ),
    ([x, w, b, activation]) => activation === 'linear' || clearOfKink(x as Tensor, w as Tensor, b as Tensor, 0.05),
  ),
  kinks: reluKink,
});

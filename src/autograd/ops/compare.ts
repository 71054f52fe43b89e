/** maximum and minimum of two tensors (broadcasting), and clamp to a constant range. */
import type { Tensor } from '../../tensor/tensor.ts';
import { diagonal, type KinkRule } from '../kink-rule.ts';
import { binaryOp, broadcastTo } from '../../tensor/broadcast.ts';
import { unaryOp } from '../../tensor/elementwise.ts';
import { defineOp } from '../define-op.ts';
import { mul } from './arithmetic.ts';
import * as draw from '../input-spec.ts';
import { expectTensor, tiesOption, toTensorPair, type Ties, type TensorLike, type TiesOption } from './operand.ts';

/**
 * A tensor on a grid of step 0.2 shifted by `shift`, jittered by at most 0.02: two such
 * tensors with shifts 0 and 0.1 differ by at least 0.06 everywhere, so they never tie.
 */
const gridTensor = (shape: readonly number[], shift: number) =>
  draw.chain(draw.tensor(shape, { min: -0.02, max: 0.02 }), (jitter) =>
    draw.map(draw.array(draw.integer(-10, 10), jitter.size, jitter.size), (steps) => {
      steps.forEach((k, i) => (jitter.data[i] += k * 0.2 + shift));
      return jitter;
    }),
  );
const separatedPair = draw.chain(draw.broadcastPair(), ([sa, sb]) => draw.tuple(gridTensor(sa, 0), gridTensor(sb, 0.1)));

/**
 * The gradient goes to the operand that was selected. On a tie (a = b) the derivative is
 * a subgradient: with ties 'first' (the default, TensorFlow's rule) it all goes to the
 * first operand, ∂/∂a = 1, ∂/∂b = 0; with ties 'split' (PyTorch's and JAX's) half to
 * each. Either way the two gradients add up to the incoming one, and the JVP is the same
 * mix of the operands' tangents: ṫ = w·ȧ + (1 - w)·ḃ with w the first operand's share.
 */
function selection(name: string, pickFirst: (x: number, y: number) => boolean, beats: (x: number, y: number) => boolean) {
  // NaN propagates: a NaN first operand is selected (and gets the gradient).
  const picksFirst = (x: number, y: number) => pickFirst(x, y) || Number.isNaN(x);
  const firstShare = (ties: Ties) => (ties === 'first' ? (x: number, y: number) => (picksFirst(x, y) ? 1 : 0) : (x: number, y: number) => (x === y ? 0.5 : picksFirst(x, y) ? 1 : 0));
  return defineOp({
    name,
    family: 'compare',
    broadcasts: true,
    prepare: (a: TensorLike, b: TensorLike, options?: TiesOption) => ({ inputs: toTensorPair(name, a, b), attrs: tiesOption(name, options) }),
    forward: ([a, b]) => binaryOp(name, a, b, (x, y) => (picksFirst(x, y) ? x : y)),
    backward: (g, { inputs: [a, b], attrs: ties }) => {
      const firstWins = binaryOp(name, a, b, firstShare(ties));
      const full = broadcastTo(g, firstWins.shape);
      return [binaryOp(name, full, firstWins, (x, w) => x * w), binaryOp(name, full, firstWins, (x, w) => x * (1 - w))];
    },
    jvp: ([da, db], { inputs: [a, b], attrs: ties }) => {
      const share = binaryOp(name, a, b, firstShare(ties));
      const fromFirst = binaryOp(name, da, share, (t, w) => t * w);
      const fromSecond = binaryOp(name, db, share, (t, w) => t * (1 - w));
      return binaryOp(name, fromFirst, fromSecond, (p, q) => p + q);
    },
    // The share is piecewise constant: a constant factor, with no derivative of its own.
    differentiableBackward: (g, { inputs: [a, b], attrs: ties }) => {
      const share = binaryOp(name, a, b, firstShare(ties));
      return [mul(g, share), mul(g, unaryOp(share, (w) => 1 - w))];
    },
    secondOrderUndefinedAt: 'ties (a = b), where the gradient switches operand',
    // Apart from ties, where the options differ: the tie and kink fuzzer (fuzz/kinks.ts) checks those.
    arbitraryInputs: separatedPair,
    kinks: tieRule(beats),
  });
}

/** The stated rule at a tie of maximum or minimum; `beats` is the strict comparison that selects the first operand. */
function tieRule(beats: (x: number, y: number) => boolean): KinkRule {
  const grid = [-1, 0, 1];
  return {
    statement: "at a = b, ∂/∂a = 1 and ∂/∂b = 0 with ties 'first' (the default, TensorFlow's rule); ½ each with { ties: 'split' } (PyTorch's and JAX's)",
    // Two operands of one shape on a three-point grid, so about a third of the elements tie; each ties option.
    cases: draw.chain(draw.shape(0, 3), (s) =>
      draw.map(draw.tuple(draw.latticeTensor(s, grid), draw.latticeTensor(s, grid), draw.oneOf<TiesOption | undefined>(undefined, { ties: 'first' }, { ties: 'split' })), ([a, b, o]) =>
        o === undefined ? [a, b] : [a, b, o],
      ),
    ),
    kinkPoints: ([a, b]) => (a as Tensor).data.filter((x, i) => x === (b as Tensor).data[i]).length,
    jacobian: ([a, b, options]) => {
      const tie = (options as TiesOption | undefined)?.ties === 'split' ? 0.5 : 1;
      const share = Array.from((a as Tensor).data, (x, i) => (x === (b as Tensor).data[i] ? tie : beats(x, (b as Tensor).data[i]) ? 1 : 0));
      return [diagonal(share), diagonal(share.map((w) => 1 - w))];
    },
  };
}

export const maximum = selection('maximum', (x, y) => x >= y, (x, y) => x > y);
export const minimum = selection('minimum', (x, y) => x <= y, (x, y) => x < y);

/**
 * Passes the gradient where min <= x <= max, and none where x was clamped. At the bounds
 * themselves the derivative is taken as 1 (PyTorch's choice): a value exactly at min or
 * max passes its gradient and its tangent.
 */
export const clamp = defineOp({
  name: 'clamp',
  family: 'compare',
  prepare: (a: Tensor, min: number, max: number) => {
    expectTensor('clamp', a, 'the first argument');
    if (Number.isNaN(min) || Number.isNaN(max) || min > max) throw new Error(`clamp: need min <= max, got [${min}, ${max}]`);
    return { inputs: [a], attrs: { min, max } };
  },
  forward: ([a], { min, max }) => unaryOp(a, (x) => (x < min ? min : x > max ? max : x)),
  backward: (g, { inputs: [a], attrs: { min, max } }) => [binaryOp('clamp', g, a, (d, x) => (x < min || x > max ? 0 : d))],
  jvp: ([da], { inputs: [a], attrs: { min, max } }) => binaryOp('clamp', da, a, (d, x) => (x < min || x > max ? 0 : d)),
  differentiableBackward: (g, { inputs: [a], attrs: { min, max } }) => [mul(g, unaryOp(a, (x) => (x < min || x > max ? 0 : 1)))],
  secondOrderUndefinedAt: 'x = min and x = max, where the derivative jumps between 0 and 1',
  arbitraryInputs: draw.map(draw.chain(draw.shape(0, 3), (s) => draw.tensor(s, { min: -2, max: 2, avoid: [-0.5, 1], margin: 0.05 })), (x) => [x, -0.5, 1]),
  kinks: {
    statement: 'clamp′ = 1 on [min, max], both bounds included (as PyTorch), and 0 outside; so a value exactly at a bound passes its gradient and tangent',
    cases: draw.map(draw.chain(draw.shape(0, 3), (s) => draw.latticeTensor(s, [-1, -0.5, 0, 0.5, 1, 1.5])), (x) => [x, -0.5, 1]),
    kinkPoints: ([x, min, max]) => (x as Tensor).data.filter((v) => v === min || v === max).length,
    jacobian: ([x, min, max]) => [diagonal(Array.from((x as Tensor).data, (v) => (v >= (min as number) && v <= (max as number) ? 1 : 0)))],
  },
});

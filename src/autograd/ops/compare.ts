/** maximum and minimum of two tensors (broadcasting), and clamp to a constant range. */
import fc from 'fast-check';
import type { Tensor } from '../../tensor/tensor.ts';
import { binaryOp, broadcastTo, reduceToShape } from '../../tensor/broadcast.ts';
import { unaryOp } from '../../tensor/elementwise.ts';
import { applyOp, simplePrimitive } from '../op.ts';
import { registerOp } from '../op-table.ts';
import { shapeArb, tensorArb, broadcastPairArb } from '../fuzz/arbitraries.ts';
import { expectTensor, toTensorPair, type TensorLike } from './operand.ts';

/**
 * The gradient goes to the operand that was selected; on a tie it goes to the first
 * operand (TensorFlow's rule), so the two gradients always add up to the incoming one.
 */
function selection(name: string, pickFirst: (x: number, y: number) => boolean) {
  // NaN propagates: a NaN first operand is selected (and gets the gradient).
  const picksFirst = (x: number, y: number) => pickFirst(x, y) || Number.isNaN(x);
  return simplePrimitive(
    name,
    ([a, b]) => binaryOp(name, a, b, (x, y) => (picksFirst(x, y) ? x : y)),
    (g, { inputs: [a, b] }) => {
      const firstWins = binaryOp(name, a, b, (x, y) => (picksFirst(x, y) ? 1 : 0));
      const full = broadcastTo(g, firstWins.shape);
      return [
        reduceToShape(binaryOp(name, full, firstWins, (x, w) => x * w), a.shape),
        reduceToShape(binaryOp(name, full, firstWins, (x, w) => x * (1 - w)), b.shape),
      ];
    },
  );
}

const maximumOp = selection('maximum', (x, y) => x >= y);
const minimumOp = selection('minimum', (x, y) => x <= y);

/** Passes the gradient where min <= x <= max (bounds included), and none where x was clamped. */
const clampOp = simplePrimitive<{ min: number; max: number }>(
  'clamp',
  ([a], { min, max }) => unaryOp(a, (x) => (x < min ? min : x > max ? max : x)),
  (g, { inputs: [a], attrs: { min, max } }) => [binaryOp('clamp', g, a, (d, x) => (x < min || x > max ? 0 : d))],
);

export const maximum = (a: TensorLike, b: TensorLike): Tensor => applyOp(maximumOp, toTensorPair('maximum', a, b), undefined);
export const minimum = (a: TensorLike, b: TensorLike): Tensor => applyOp(minimumOp, toTensorPair('minimum', a, b), undefined);

export function clamp(a: Tensor, min: number, max: number): Tensor {
  expectTensor('clamp', a, 'the first argument');
  if (Number.isNaN(min) || Number.isNaN(max) || min > max) throw new Error(`clamp: need min <= max, got [${min}, ${max}]`);
  return applyOp(clampOp, [a], { min, max });
}

/**
 * Two broadcastable tensors that never tie: the first on a grid of step 0.2, the second
 * on the same grid shifted by 0.1, both jittered by at most 0.02, so every pair differs
 * by at least 0.06.
 */
const gridTensorArb = (shape: readonly number[], shift: number) =>
  tensorArb(shape, { min: -0.02, max: 0.02 }).chain((jitter) =>
    fc.array(fc.integer({ min: -10, max: 10 }), { minLength: jitter.size, maxLength: jitter.size }).map((steps) => {
      steps.forEach((k, i) => (jitter.data[i] += k * 0.2 + shift));
      return jitter;
    }),
  );
const separatedPair = broadcastPairArb().chain(([sa, sb]) => fc.tuple(gridTensorArb(sa, 0), gridTensorArb(sb, 0.1)));

const family = 'compare';
registerOp({
  name: 'maximum',
  family,
  generate: separatedPair.map(([x, y]) => ({ inputs: [x, y], run: ([a, b]) => maximum(a, b), code: ([a, b]) => `maximum(${a}, ${b})` })),
});
registerOp({
  name: 'minimum',
  family,
  generate: separatedPair.map(([x, y]) => ({ inputs: [x, y], run: ([a, b]) => minimum(a, b), code: ([a, b]) => `minimum(${a}, ${b})` })),
});
registerOp({
  name: 'clamp',
  family,
  generate: shapeArb(0, 3)
    .chain((s) => tensorArb(s, { min: -2, max: 2, avoid: [-0.5, 1], margin: 0.05 }))
    .map((x) => ({ inputs: [x], run: ([a]) => clamp(a, -0.5, 1), code: ([a]) => `clamp(${a}, -0.5, 1)` })),
});

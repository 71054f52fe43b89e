/** add, sub, mul, div (broadcasting), neg, square and pow with a constant exponent. */
import type { Tensor } from '../../tensor/tensor.ts';
import { binaryOp } from '../../tensor/broadcast.ts';
import { mulSameShape, unaryOp } from '../../tensor/elementwise.ts';
import { sameShape } from '../../tensor/shape.ts';
import type { BackwardContext } from '../op.ts';
import { defineOp } from '../define-op.ts';
import * as draw from '../input-spec.ts';
import { call, type GraphStep } from '../graph-step.ts';
import { expectTensor, oneTensor, toTensorPair, type TensorLike } from './operand.ts';
import { pow as libmPow } from '../../libm/index.ts';
import { zeros } from '../../tensor/create.ts';

const mulK = (a: Tensor, b: Tensor) => (sameShape(a.shape, b.shape) && a.dtype === b.dtype ? mulSameShape(a, b) : binaryOp('mul', a, b, (x, y) => x * y));

/** A broadcasting op of two operands (a Tensor and a Tensor or number); backward gives gradients in the output's shape. */
function binary(
  name: string,
  kernel: (a: Tensor, b: Tensor) => Tensor,
  backward: (g: Tensor, ctx: BackwardContext<undefined, undefined>) => readonly Tensor[],
  jvp: (tangents: readonly Tensor[], ctx: BackwardContext<undefined, undefined>) => Tensor,
  arbitraryInputs: draw.Spec<readonly unknown[]>,
  graphSteps: readonly GraphStep[],
  differentiableBackward: Backward,
) {
  return defineOp({
    name,
    family: 'arithmetic',
    broadcasts: true,
    prepare: (a: TensorLike, b: TensorLike) => ({ inputs: toTensorPair(name, a, b), attrs: undefined }),
    forward: ([a, b]) => kernel(a, b),
    backward,
    jvp,
    arbitraryInputs,
    graphSteps,
    differentiableBackward,
  });
}

/** An op of one tensor. */
function unary(
  name: string,
  kernel: (a: Tensor, attrs: undefined) => Tensor,
  backward: (g: Tensor, ctx: BackwardContext<undefined, undefined>) => readonly Tensor[],
  jvp: (tangents: readonly Tensor[], ctx: BackwardContext<undefined, undefined>) => Tensor,
  graphSteps: readonly GraphStep[],
  differentiableBackward: Backward,
) {
  return defineOp({
    name,
    family: 'arithmetic',
    prepare: oneTensor(name),
    forward: ([a], attrs) => kernel(a, attrs),
    backward,
    jvp,
    arbitraryInputs: draw.unaryArguments(),
    graphSteps,
    differentiableBackward,
  });
}

/** The gradients written with the ops (second order): they record a graph. */
type Backward = (g: Tensor, ctx: BackwardContext<undefined, undefined>) => readonly Tensor[];

const step2 = (expression: GraphStep['expression']): GraphStep => ({ arity: 2, expression });
const addK = (a: Tensor, b: Tensor) => binaryOp('add', a, b, (x, y) => x + y);
const subK = (a: Tensor, b: Tensor) => binaryOp('sub', a, b, (x, y) => x - y);
const negK = (a: Tensor) => unaryOp(a, (x) => -x);

// JVPs: the tangents broadcast as the operands do: ṫ(a ± b) = ȧ ± ḃ, ṫ(a·b) = ȧ·b + a·ḃ.
export const add = binary('add', (a, b) => binaryOp('add', a, b, (x, y) => x + y), (g) => [g, g], ([da, db]) => addK(da, db), draw.binaryArguments(), [step2(([a, b]) => call('add', a, b))], (g) => [g, g]);
export const sub = binary('sub', (a, b) => binaryOp('sub', a, b, (x, y) => x - y), (g) => [g, unaryOp(g, (x) => -x)], ([da, db]) => subK(da, db), draw.binaryArguments(), [step2(([a, b]) => call('sub', a, b))], (g) => [g, neg(g)]);
export const mul = binary('mul', mulK, (g, { inputs: [a, b] }) => [mulK(g, b), mulK(g, a)], ([da, db], { inputs: [a, b] }) => addK(mulK(da, b), mulK(a, db)), draw.binaryArguments(), [step2(([a, b]) => call('mul', a, b))], (g, { inputs: [a, b] }) => [mul(g, b), mul(g, a)]);
// d(a/b)/da = 1/b, d(a/b)/db = -a/b²; in the graphs the denominator is b² + 1. JVP: (ȧ - (a/b)·ḃ)/b.
export const div = binary(
  'div',
  (a, b) => binaryOp('div', a, b, (x, y) => x / y),
  (g, { inputs: [, b], output }) => [binaryOp('div', g, b, (x, y) => x / y), binaryOp('div', mulK(g, output), b, (x, y) => -x / y)],
  ([da, db], { inputs: [, b], output }) => binaryOp('div', subK(da, mulK(output, db)), b, (x, y) => x / y),
  draw.binaryArguments({ min: -2, max: 2 }, { min: -2, max: 2, avoid: [0], margin: 0.3 }),
  [step2(([a, b]) => call('div', a, call('add', call('square', b), 1)))],
  (g, { inputs: [, b], output }) => [div(g, b), neg(div(mul(g, output), b))],
);

export const neg = unary('neg', (a) => unaryOp(a, (x) => -x), (g) => [unaryOp(g, (x) => -x)], ([da]) => negK(da), [{ arity: 1, expression: ([a]) => call('neg', a) }], (g) => [neg(g)]);
export const square = unary(
  'square',
  (a) => unaryOp(a, (x) => x * x),
  (g, { inputs: [a] }) => [binaryOp('square', g, a, (x, y) => 2 * x * y)],
  ([da], { inputs: [a] }) => binaryOp('square', da, a, (x, y) => 2 * x * y),
  [],
  (g, { inputs: [a] }) => [mul(mul(g, 2), a)],
);

/**
 * `a ** exponent` elementwise for a constant exponent (the base is differentiated, not the exponent).
 * d(a^p)/da = p·a^(p-1); for p = 0 it is 0 everywhere (0·0⁻¹ would give NaN at a = 0).
 * pow from src/libm: Math.pow differs in the last bit between engines.
 */
export const pow = defineOp({
  name: 'pow',
  family: 'arithmetic',
  prepare: (a: Tensor, exponent: number) => {
    expectTensor('pow', a, 'the base (first argument)');
    if (!Number.isFinite(exponent)) throw new Error(`pow: exponent must be a finite number, got ${exponent}`);
    return { inputs: [a], attrs: exponent };
  },
  forward: ([a], p) => unaryOp(a, (x) => libmPow(x, p)),
  backward: (g, { inputs: [a], attrs: p }) => [binaryOp('pow', g, a, (x, y) => (p === 0 ? 0 : x * p * libmPow(y, p - 1)))],
  jvp: ([da], { inputs: [a], attrs: p }) => binaryOp('pow', da, a, (x, y) => (p === 0 ? 0 : x * p * libmPow(y, p - 1))),
  differentiableBackward: (g, { inputs: [a], attrs: p }): Tensor[] => [p === 0 ? zeros(a.shape, { dtype: a.dtype }) : mul(mul(g, p), pow(a, p - 1))],
  // Positive bases, so any real exponent (fractional, negative) is defined and smooth.
  arbitraryInputs: draw.tuple(draw.chain(draw.shape(0, 3), (s) => draw.tensor(s, { min: 0.2, max: 2 })), draw.double(-3, 3)),
});

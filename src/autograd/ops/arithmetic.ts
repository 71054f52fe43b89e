/** add, sub, mul, div (broadcasting), neg, square and pow with a constant exponent. */
import fc from 'fast-check';
import type { Tensor } from '../../tensor/tensor.ts';
import { binaryOp, reduceToShape } from '../../tensor/broadcast.ts';
import { mulSameShape, unaryOp } from '../../tensor/elementwise.ts';
import { sameShape } from '../../tensor/shape.ts';
import { applyOp, simplePrimitive } from '../op.ts';
import { registerOp } from '../op-table.ts';
import { binaryCaseArb, unaryCaseArb } from '../fuzz/cases.ts';
import { shapeArb, tensorArb } from '../fuzz/arbitraries.ts';
import { expectTensor, toTensorPair, type TensorLike } from './operand.ts';
import { pow as libmPow } from '../../libm/index.ts';

const mulK = (a: Tensor, b: Tensor) => (sameShape(a.shape, b.shape) && a.dtype === b.dtype ? mulSameShape(a, b) : binaryOp('mul', a, b, (x, y) => x * y));

const addOp = simplePrimitive(
  'add',
  ([a, b]) => binaryOp('add', a, b, (x, y) => x + y),
  (g, { inputs: [a, b] }) => [reduceToShape(g, a.shape), reduceToShape(g, b.shape)],
);
const subOp = simplePrimitive(
  'sub',
  ([a, b]) => binaryOp('sub', a, b, (x, y) => x - y),
  (g, { inputs: [a, b] }) => [reduceToShape(g, a.shape), reduceToShape(unaryOp(g, (x) => -x), b.shape)],
);
const mulOp = simplePrimitive(
  'mul',
  ([a, b]) => mulK(a, b),
  (g, { inputs: [a, b] }) => [reduceToShape(mulK(g, b), a.shape), reduceToShape(mulK(g, a), b.shape)],
);
// d(a/b)/da = 1/b, d(a/b)/db = -a/b²
const divOp = simplePrimitive(
  'div',
  ([a, b]) => binaryOp('div', a, b, (x, y) => x / y),
  (g, { inputs: [a, b], output }) => [
    reduceToShape(binaryOp('div', g, b, (x, y) => x / y), a.shape),
    reduceToShape(binaryOp('div', mulK(g, output), b, (x, y) => -x / y), b.shape),
  ],
);
const negOp = simplePrimitive(
  'neg',
  ([a]) => unaryOp(a, (x) => -x),
  (g) => [unaryOp(g, (x) => -x)],
);
const squareOp = simplePrimitive(
  'square',
  ([a]) => unaryOp(a, (x) => x * x),
  (g, { inputs: [a] }) => [binaryOp('square', g, a, (x, y) => 2 * x * y)],
);
// d(a^p)/da = p·a^(p-1); for p = 0 it is 0 everywhere (0·0⁻¹ would give NaN at a = 0).
// pow from src/libm: Math.pow differs in the last bit between engines.
const powOp = simplePrimitive<number>(
  'pow',
  ([a], p) => unaryOp(a, (x) => libmPow(x, p)),
  (g, { inputs: [a], attrs: p }) => [binaryOp('pow', g, a, (x, y) => (p === 0 ? 0 : x * p * libmPow(y, p - 1)))],
);

export const add = (a: TensorLike, b: TensorLike): Tensor => applyOp(addOp, toTensorPair('add', a, b), undefined);
export const sub = (a: TensorLike, b: TensorLike): Tensor => applyOp(subOp, toTensorPair('sub', a, b), undefined);
export const mul = (a: TensorLike, b: TensorLike): Tensor => applyOp(mulOp, toTensorPair('mul', a, b), undefined);
export const div = (a: TensorLike, b: TensorLike): Tensor => applyOp(divOp, toTensorPair('div', a, b), undefined);
export function neg(a: Tensor): Tensor {
  expectTensor('neg', a, 'its argument');
  return applyOp(negOp, [a], undefined);
}

export function square(a: Tensor): Tensor {
  expectTensor('square', a, 'its argument');
  return applyOp(squareOp, [a], undefined);
}

/** `a ** exponent` elementwise for a constant exponent (the base is differentiated, not the exponent). */
export function pow(a: Tensor, exponent: number): Tensor {
  expectTensor('pow', a, 'the base (first argument)');
  if (!Number.isFinite(exponent)) throw new Error(`pow: exponent must be a finite number, got ${exponent}`);
  return applyOp(powOp, [a], exponent);
}

const family = 'arithmetic';
registerOp({ name: 'add', family, generate: binaryCaseArb('add', add) });
registerOp({ name: 'sub', family, generate: binaryCaseArb('sub', sub) });
registerOp({ name: 'mul', family, generate: binaryCaseArb('mul', mul) });
registerOp({ name: 'div', family, generate: binaryCaseArb('div', div, { min: -2, max: 2 }, { min: -2, max: 2, avoid: [0], margin: 0.3 }) });
registerOp({ name: 'neg', family, generate: unaryCaseArb('neg', neg) });
registerOp({ name: 'square', family, generate: unaryCaseArb('square', square) });
registerOp({
  name: 'pow',
  family,
  // Positive bases, so any real exponent (fractional, negative) is defined and smooth.
  generate: fc
    .tuple(shapeArb(0, 3).chain((s) => tensorArb(s, { min: 0.2, max: 2 })), fc.double({ min: -3, max: 3, noNaN: true }))
    .map(([x, p]) => ({ inputs: [x], run: ([a]) => pow(a, p), code: ([a]) => `pow(${a}, ${p})` })),
});

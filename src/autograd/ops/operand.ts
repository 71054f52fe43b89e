/**
 * The arguments of the public ops: a Tensor where one is needed (one line naming the op
 * and the argument otherwise), or for the elementwise ops a plain number taken as a
 * scalar of the other operand's dtype.
 */
import { Tensor } from '../../tensor/tensor.ts';
import { scalar } from '../../tensor/create.ts';
import { describeArgument } from '../../describe.ts';

export type TensorLike = Tensor | number;

/** Checks that `value`, the op's `argument`, is a Tensor. */
export function expectTensor(op: string, value: unknown, argument: string): asserts value is Tensor {
  if (!(value instanceof Tensor)) throw new TypeError(`${op}: ${argument} must be a Tensor, got ${describeArgument(value)}`);
}

/** Checks a list of numbers (a shape, a permutation, begin or size). */
export function expectNumbers(op: string, value: unknown, argument: string): void {
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'number')) throw new TypeError(`${op}: ${argument} must be a list of numbers, got ${describeArgument(value)}`);
}

export function toTensorPair(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  checkOperand(op, a, 'the first operand');
  checkOperand(op, b, 'the second operand');
  if (a instanceof Tensor && b instanceof Tensor) return [a, b];
  if (a instanceof Tensor) return [a, scalar(b as number, a.dtype)];
  if (b instanceof Tensor) return [scalar(a as number, b.dtype), b];
  throw new TypeError(`${op}: at least one operand must be a Tensor, got two numbers`);
}

function checkOperand(op: string, x: unknown, argument: string): void {
  if (!(x instanceof Tensor) && typeof x !== 'number') throw new TypeError(`${op}: ${argument} must be a Tensor or a number, got ${describeArgument(x)}`);
}

/** The `prepare` of an op of one Tensor and nothing else (neg, exp, ...). */
export function oneTensor(op: string): (a: Tensor) => { inputs: Tensor[]; attrs: undefined } {
  return (a: Tensor) => {
    expectTensor(op, a, 'its argument');
    return { inputs: [a], attrs: undefined };
  };
}

/** Where two operands tie (or, for the max reduction, several elements): 'first' gives the whole derivative to the first, 'split' shares it evenly (PyTorch's). */
export type Ties = 'first' | 'split';
export interface TiesOption {
  readonly ties?: Ties;
}

/** The `ties` of an options argument of op `name` (default 'first'), or a one-line error. */
export function tiesOption(name: string, options: TiesOption | undefined): Ties {
  const ties = options?.ties ?? 'first';
  if (ties !== 'first' && ties !== 'split') throw new Error(`${name}: ties must be 'first' or 'split', got ${describeArgument(ties)}`);
  return ties;
}

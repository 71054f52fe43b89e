/** Operands of the elementwise ops: a tensor, or a plain number taken as a scalar of the other operand's dtype. */
import { Tensor } from '../../tensor/tensor.ts';
import { scalar } from '../../tensor/create.ts';

export type TensorLike = Tensor | number;

export function toTensorPair(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  if (a instanceof Tensor && b instanceof Tensor) return [a, b];
  if (a instanceof Tensor) return [a, scalar(checkNumber(op, b), a.dtype)];
  if (b instanceof Tensor) return [scalar(checkNumber(op, a), b.dtype), b];
  throw new Error(`${op}: at least one operand must be a Tensor, got two numbers`);
}

function checkNumber(op: string, x: TensorLike): number {
  if (typeof x !== 'number') throw new Error(`${op}: operand is neither a Tensor nor a number`);
  return x;
}

/** Generators and code rendering shared by the op families' fuzz cases. */
import fc, { type Arbitrary } from 'fast-check';
import type { Tensor } from '../../tensor/tensor.ts';
import type { FuzzCase } from '../op-table.ts';
import { broadcastPairArb, shapeArb, tensorArb, type ValueRange } from './arbitraries.ts';

/** A tensor as TypeScript source that rebuilds it exactly (float64 numbers round-trip). */
export function tensorCode(t: Tensor): string {
  return `tensor([${Array.from(t.data, (v) => String(v)).join(', ')}], [${t.shape.join(', ')}], { dtype: '${t.dtype}' })`;
}

/** A case for an op of one tensor, any shape, values in `range`. */
export function unaryCaseArb(name: string, call: (x: Tensor) => Tensor, range: ValueRange = { min: -2, max: 2 }): Arbitrary<FuzzCase> {
  return shapeArb(0, 3)
    .chain((shape) => tensorArb(shape, range))
    .map((x) => ({ inputs: [x], run: ([a]) => call(a), code: ([a]) => `${name}(${a})` }));
}

/** A case for a broadcasting op of two tensors, each drawn from its own range. */
export function binaryCaseArb(
  name: string,
  call: (a: Tensor, b: Tensor) => Tensor,
  rangeA: ValueRange = { min: -2, max: 2 },
  rangeB: ValueRange = rangeA,
): Arbitrary<FuzzCase> {
  return broadcastPairArb()
    .chain(([sa, sb]) => fc.tuple(tensorArb(sa, rangeA), tensorArb(sb, rangeB)))
    .map(([x, y]) => ({ inputs: [x, y], run: ([a, b]) => call(a, b), code: ([a, b]) => `${name}(${a}, ${b})` }));
}

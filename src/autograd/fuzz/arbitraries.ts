/**
 * fast-check building blocks for op generators: small shapes (size-1 axes included),
 * broadcast partners, and float64 tensors whose values keep away from an op's kinks.
 */
import fc, { type Arbitrary } from 'fast-check';
import { Tensor } from '../../tensor/tensor.ts';
import { sizeOf, type Shape } from '../../tensor/shape.ts';
import type { ValueRange } from '../input-spec.ts';

export type { ValueRange };

export function shapeArb(minRank = 0, maxRank = 3, maxDim = 4): Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: maxDim }), { minLength: minRank, maxLength: maxRank });
}

/** A shape that broadcasts against `shape`: some leading axes dropped, some axes set to 1. */
export function broadcastPartnerArb(shape: Shape): Arbitrary<number[]> {
  return fc
    .tuple(fc.integer({ min: 0, max: shape.length }), fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }))
    .map(([dropped, ones]) => shape.slice(dropped).map((d, i) => (ones[i + dropped] ? 1 : d)));
}

/** Two shapes that broadcast together, in either order. */
export function broadcastPairArb(): Arbitrary<[number[], number[]]> {
  return shapeArb(0, 3).chain((shape) =>
    fc.tuple(broadcastPartnerArb(shape), fc.boolean()).map(([partner, swap]): [number[], number[]] => (swap ? [partner, shape] : [shape, partner])),
  );
}

export function valueArb(range: ValueRange): Arbitrary<number> {
  const margin = range.margin ?? 0.05;
  return fc
    .double({ min: range.min, max: range.max, noNaN: true, noDefaultInfinity: true })
    .filter((v) => (range.avoid ?? []).every((k) => Math.abs(v - k) >= margin));
}

export function tensorArb(shape: Shape, range: ValueRange = { min: -2, max: 2 }): Arbitrary<Tensor> {
  const n = sizeOf(shape);
  return fc.array(valueArb(range), { minLength: n, maxLength: n }).map((values) => new Tensor(Float64Array.from(values), shape));
}

/** A tensor of `shape` whose values differ pairwise by at least `gap` (a unique max per slice). */
export function distinctTensorArb(shape: Shape, gap = 0.05): Arbitrary<Tensor> {
  const n = sizeOf(shape);
  return fc
    .tuple(fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), fc.double({ min: -1, max: 1, noNaN: true }))
    .map(([order, offset]) => new Tensor(Float64Array.from(order, (rank) => offset + rank * gap * 2), shape));
}

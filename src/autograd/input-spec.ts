/**
 * What an op's test inputs look like, as plain data: the op definitions describe their
 * valid inputs with these few combinators, and the fuzzer (src/autograd/fuzz/build.ts)
 * turns a description into a fast-check generator, so importing the ops does not load
 * fast-check. Each combinator stands for the fast-check one of the same name (`chain`: a
 * later draw that depends on an earlier value). No export may be named `then`: a module
 * namespace with one is a thenable, and `await import()` of it never settles.
 */
import { Tensor } from '../tensor/tensor.ts';
import { sizeOf, type Shape } from '../tensor/shape.ts';

export interface ValueRange {
  readonly min: number;
  readonly max: number;
  /** Points to stay at least `margin` away from (kinks, poles). */
  readonly avoid?: readonly number[];
  readonly margin?: number;
}

export const DEFAULT_RANGE: ValueRange = { min: -2, max: 2 };

/** A description of values of type T (the type is only for the compiler). */
export type Spec<T> = SpecNode & { readonly __value?: T };

export type SpecNode =
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'double'; readonly min: number; readonly max: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'oneOf'; readonly values: readonly unknown[] }
  | { readonly kind: 'option'; readonly of: SpecNode }
  | { readonly kind: 'array'; readonly of: SpecNode; readonly minLength: number; readonly maxLength: number; readonly unique: boolean }
  | { readonly kind: 'permutation'; readonly of: readonly unknown[] }
  | { readonly kind: 'tuple'; readonly items: readonly SpecNode[] }
  | { readonly kind: 'shape'; readonly minRank: number; readonly maxRank: number }
  | { readonly kind: 'broadcastPair' }
  | { readonly kind: 'tensor'; readonly shape: Shape; readonly range: ValueRange }
  | { readonly kind: 'distinctTensor'; readonly shape: Shape }
  | { readonly kind: 'chain'; readonly first: SpecNode; readonly next: (value: never) => SpecNode }
  | { readonly kind: 'map'; readonly of: SpecNode; readonly to: (value: never) => unknown }
  | { readonly kind: 'filter'; readonly of: SpecNode; readonly keep: (value: never) => boolean };

export const integer = (min: number, max: number): Spec<number> => ({ kind: 'integer', min, max });
/** A finite double in [min, max]. */
export const double = (min: number, max: number): Spec<number> => ({ kind: 'double', min, max });
export const boolean = (): Spec<boolean> => ({ kind: 'boolean' });
export const oneOf = <T>(...values: T[]): Spec<T> => ({ kind: 'oneOf', values });
/** A value or undefined. */
export const option = <T>(of: Spec<T>): Spec<T | undefined> => ({ kind: 'option', of });
export const array = <T>(of: Spec<T>, minLength: number, maxLength: number): Spec<T[]> => ({ kind: 'array', of, minLength, maxLength, unique: false });
export const uniqueArray = <T>(of: Spec<T>, minLength: number, maxLength: number): Spec<T[]> => ({ kind: 'array', of, minLength, maxLength, unique: true });
/** The values in a random order. */
export const permutation = <T>(of: readonly T[]): Spec<T[]> => ({ kind: 'permutation', of });
export const tuple = <T extends unknown[]>(...items: { [K in keyof T]: Spec<T[K]> }): Spec<T> => ({ kind: 'tuple', items });
/** A shape of rank minRank..maxRank with dimensions 1..4 (size-1 axes included). */
export const shape = (minRank: number, maxRank: number): Spec<number[]> => ({ kind: 'shape', minRank, maxRank });
/** Two shapes that broadcast together, in either order. */
export const broadcastPair = (): Spec<[number[], number[]]> => ({ kind: 'broadcastPair' });
/** A float64 tensor of `shape` with values in `range`. */
export const tensor = (shape: Shape, range: ValueRange = DEFAULT_RANGE): Spec<Tensor> => ({ kind: 'tensor', shape, range });
/** A float64 tensor of `shape` whose values are drawn from `points` (a coarse grid: ties and kink points come often). */
export const latticeTensor = (shape: Shape, points: readonly number[]): Spec<Tensor> =>
  map(array(oneOf(...points), sizeOf(shape), sizeOf(shape)), (values) => new Tensor(Float64Array.from(values), shape));
/** A float64 tensor whose values differ pairwise by at least 0.05 (a unique max per slice). */
export const distinctTensor = (shape: Shape): Spec<Tensor> => ({ kind: 'distinctTensor', shape });
export const chain = <A, B>(first: Spec<A>, next: (value: A) => Spec<B>): Spec<B> => ({ kind: 'chain', first, next });
export const map = <A, B>(of: Spec<A>, to: (value: A) => B): Spec<B> => ({ kind: 'map', of, to });
export const filter = <A>(of: Spec<A>, keep: (value: A) => boolean): Spec<A> => ({ kind: 'filter', of, keep });

/** An argument that is a random stream, made afresh (`createRng(seed).fork(stream)`) on every call, so finite differences see one mask. */
export class SeededStream {
  constructor(readonly seed: number, readonly stream: string) {}
}

/** The argument list of an op of one tensor of any shape, values in `range`. */
export const unaryArguments = (range: ValueRange = DEFAULT_RANGE): Spec<[Tensor]> => chain(shape(0, 3), (s) => map(tensor(s, range), (x): [Tensor] => [x]));

/** The argument list of a broadcasting op of two tensors, each from its own range. */
export const binaryArguments = (rangeA: ValueRange = DEFAULT_RANGE, rangeB: ValueRange = rangeA): Spec<[Tensor, Tensor]> =>
  chain(broadcastPair(), ([sa, sb]) => tuple(tensor(sa, rangeA), tensor(sb, rangeB)));

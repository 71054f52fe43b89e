/**
 * Where an op is not differentiable (a kink, such as relu at 0, or a tie, such as two
 * equal operands of maximum), autograd uses one element of the subdifferential. A
 * KinkRule states which, in words for the op table and docs/autograd.md, and as the
 * Jacobian it implies at the arguments its cases draw (on a coarse grid, so kinks and ties
 * are common); the tie-and-kink fuzzer (fuzz/kinks.ts) checks reverse and forward mode
 * against that Jacobian exactly, not by finite differences (which a kink would defeat).
 */
import type { Spec } from './input-spec.ts';

/** One Jacobian per tensor argument, in order of appearance: jacobian[i][outputElement][inputElement] (row-major flat indices). */
export type Jacobians = readonly (readonly (readonly number[])[])[];

export interface KinkRule {
  /** The subgradient used at each kink or tie, in words: "relu′(0) = 0 (as PyTorch, TensorFlow and JAX)". */
  readonly statement: string;
  /** Argument lists of the public function with elements exactly on the kinks or ties. */
  readonly cases: Spec<readonly unknown[]>;
  /** How many elements of `args` lie exactly on a kink or tie (the fuzzer checks that its cases find some). */
  kinkPoints(args: readonly unknown[]): number;
  /** The Jacobian the statement gives at `args`. */
  jacobian(args: readonly unknown[]): Jacobians;
}

/** The Jacobian of an elementwise function of one input whose derivative at element i is d[i]. */
export function diagonal(d: ArrayLike<number>): number[][] {
  return Array.from({ length: d.length }, (_, i) => Array.from({ length: d.length }, (_, j) => (i === j ? d[i] : 0)));
}

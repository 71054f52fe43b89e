/**
 * The ranges an option's value may take, each with the sentence an error message shows and
 * a value outside it (the table test sets every option to its `outside` value and expects a
 * refusal naming the option). A rule's spec names the range of each of its options; the
 * options every optimizer shares (weight decay and Keras's clipping) have theirs here.
 */
import type { OptionKey } from './spec.ts';

export interface NumberRange {
  readonly kind: 'number';
  readonly test: (value: number) => boolean;
  /** What is allowed, as the error message says it: 'a number in [0, 1)'. */
  readonly allowed: string;
  /** A number the option refuses: outside the range, or not finite. */
  readonly outside: number;
}

export interface BooleanRange {
  readonly kind: 'boolean';
  readonly outside: unknown;
}

/** A named choice, or null for the default (L-BFGS's lineSearchFn: null or 'strong_wolfe', as torch's line_search_fn). */
export interface ChoiceRange {
  readonly kind: 'choice';
  readonly values: readonly string[];
  readonly outside: unknown;
}

export type OptionRange = NumberRange | BooleanRange | ChoiceRange;

export const HALF_OPEN_UNIT: NumberRange = { kind: 'number', test: (x) => x >= 0 && x < 1, allowed: 'a number in [0, 1)', outside: 1 };
export const UNIT: NumberRange = { kind: 'number', test: (x) => x >= 0 && x <= 1, allowed: 'a number in [0, 1]', outside: 1.5 };
export const NON_NEGATIVE: NumberRange = { kind: 'number', test: (x) => x >= 0, allowed: 'a number >= 0', outside: -0.1 };
export const NON_POSITIVE: NumberRange = { kind: 'number', test: (x) => x <= 0, allowed: 'a number <= 0', outside: 0.5 };
export const POSITIVE: NumberRange = { kind: 'number', test: (x) => x > 0, allowed: 'a number > 0', outside: 0 };
/** Any finite number: Keras's clip thresholds, where 0 or below turns clipping off. A non-finite value is refused. */
export const ANY_FINITE: NumberRange = { kind: 'number', test: () => true, allowed: 'a number (0 or below turns it off)', outside: Number.NaN };
export const OPEN_UNIT: NumberRange = { kind: 'number', test: (x) => x > 0 && x < 1, allowed: 'a number in (0, 1)', outside: 1 };
export const ABOVE_ONE: NumberRange = { kind: 'number', test: (x) => x > 1, allowed: 'a number > 1', outside: 1 };
export const BOOLEAN: BooleanRange = { kind: 'boolean', outside: 'yes' };
/** A count: an integer >= 1 (L-BFGS's maxIter, maxEval, historySize). */
export const POSITIVE_INTEGER: NumberRange = { kind: 'number', test: (x) => Number.isInteger(x) && x >= 1, allowed: 'an integer >= 1', outside: 2.5 };

/** The options every optimizer takes in some convention, outside any rule's spec. */
export const GENERIC_RANGES: Readonly<Partial<Record<OptionKey, OptionRange>>> = {
  learningRate: NON_NEGATIVE, // a number is checked by schedules.ts's parseLearningRate, which also takes a schedule
  weightDecay: NON_NEGATIVE,
  clipNorm: ANY_FINITE,
  clipValue: ANY_FINITE,
  globalClipNorm: ANY_FINITE,
};
export const NON_NEGATIVE_INTEGER: NumberRange = { kind: 'number', test: (x) => Number.isInteger(x) && x >= 0, allowed: 'an integer >= 0', outside: 0.5 };

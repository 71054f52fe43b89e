/** Checks of config values: each says what is allowed when a value is not (config.ts words the message). */
import { CONVENTIONS, OPTIMIZER_NAMES } from '../../optim/index.ts';

export type Check = (value: unknown) => string | null;

export const integerIn = (min: number, max: number): Check => (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? null : `an integer in [${min}, ${max}]`);
export const oneOf = (choices: readonly string[]): Check => (v) => (typeof v === 'string' && choices.includes(v) ? null : `one of ${choices.join(', ')}`);
export const numberIn = (min: number, max: number, maxOpen = false): Check => (v) =>
  typeof v === 'number' && v >= min && (maxOpen ? v < max : v <= max) ? null : `a number in [${min}, ${max}${maxOpen ? ')' : ']'}`;

/** The checks of CommonConfig's keys, shared by every workload. */
export const COMMON_CHECKS: Readonly<Record<string, Check>> = {
  optimizer: (v) => oneOf(OPTIMIZER_NAMES)(v) && `${oneOf(OPTIMIZER_NAMES)(v)!}, or amsgrad (adam with amsgrad: true)`,
  convention: oneOf(CONVENTIONS),
  optimizerOptions: (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? null : 'an object of optimizer options'),
  epochs: integerIn(1, 10_000),
  batchSize: integerIn(1, 1_000_000),
  seed: integerIn(0, 2 ** 31 - 1),
  dtype: oneOf(['float32', 'float64']),
};

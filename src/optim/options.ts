/**
 * Validation and resolution of an optimizer's options: the user's keys checked against
 * the convention's table, every value checked against its range, defaults filled in, and
 * the result turned into the `Hyperparameters` the rules read. Every error names the
 * optimizer, the convention, the option and its allowed values.
 */
import { CONVENTIONS, OPTIMIZER_NAMES, OptimizerConfigError, isOptimizerName } from './types.ts';
import type { Convention, OptimizerName } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { ALL_OPTION_KEYS, conventionEntry, keysOfConvention } from './conventions.ts';
import type { ClipOptionKey, OptionKey, OptionValue } from './conventions.ts';
import { describeValue, parseLearningRate } from './schedules.ts';
import type { LearningRate, LearningRateSchedule } from './schedules.ts';
import type { WeightDecayKind } from './weight-decay.ts';

/** What a user passes: camelCase keys of the spec; `null` or absent means the default. */
export type OptimizerOptions = Readonly<
  Partial<Record<Exclude<OptionKey, 'learningRate'>, OptionValue>> & { learningRate?: LearningRate | null }
>;

export interface ResolvedOptimizerConfig {
  readonly name: OptimizerName;
  readonly convention: Convention;
  /** Every key this optimizer accepts, with the value in effect (`null`: off). */
  readonly options: Readonly<Record<string, OptionValue | LearningRateSchedule>>;
  readonly learningRate: LearningRate;
  /** The rules' numbers; `learningRate` here is refreshed before every step. */
  readonly hyperparameters: Hyperparameters;
  /** 0 when off. */
  readonly weightDecay: number;
  readonly weightDecayKind: WeightDecayKind;
  /** The one Keras clip option in effect, if any, with a threshold > 0. */
  readonly clip: { readonly kind: ClipOptionKey; readonly threshold: number } | null;
}

interface Range {
  readonly test: (value: number) => boolean;
  readonly allowed: string;
}

const HALF_OPEN_UNIT: Range = { test: (x) => x >= 0 && x < 1, allowed: 'a number in [0, 1)' };
const UNIT: Range = { test: (x) => x >= 0 && x <= 1, allowed: 'a number in [0, 1]' };
const NON_NEGATIVE: Range = { test: (x) => x >= 0, allowed: 'a number >= 0' };
const ANY: Range = { test: () => true, allowed: 'a number (0 or below turns it off)' };

const NUMBER_RANGES: Partial<Record<OptionKey, Range>> = {
  beta1: HALF_OPEN_UNIT,
  beta2: HALF_OPEN_UNIT,
  epsilon: NON_NEGATIVE,
  epsilon1: NON_NEGATIVE,
  epsilon2: NON_NEGATIVE,
  weightDecay: NON_NEGATIVE,
  momentum: UNIT,
  rho: UNIT,
  dampening: UNIT,
  momentumDecay: NON_NEGATIVE,
  beta2Decay: { test: (x) => x <= 0, allowed: 'a number <= 0' },
  clipThreshold: { test: (x) => x > 0, allowed: 'a number > 0' },
  clipNorm: ANY,
  clipValue: ANY,
  globalClipNorm: ANY,
};

const BOOLEAN_KEYS: ReadonlySet<string> = new Set(['amsgrad', 'nesterov', 'centered', 'relativeStep']);
const CLIP_KEYS: readonly ClipOptionKey[] = ['clipNorm', 'clipValue', 'globalClipNorm'];

/** Neutral values for fields an optimizer does not read. */
const NEUTRAL: Omit<Hyperparameters, keyof import('./hyperparameters.ts').FormulaSwitches> = {
  learningRate: 0, beta1: 0, beta2: 0, epsilon: 0, amsgrad: false, momentum: 0, nesterov: false, dampening: 0, rho: 0,
  centered: false, momentumDecay: 1, beta2Decay: 0, epsilon1: 0, epsilon2: 0, clipThreshold: 1, relativeStep: false,
};


function checkValue(where: string, key: string, value: unknown): OptionValue {
  if (value === null) return null;
  if (BOOLEAN_KEYS.has(key)) {
    if (typeof value !== 'boolean') throw new OptimizerConfigError(`${where}: ${key} must be true or false, got ${describeValue(value)}`);
    return value;
  }
  const range = NUMBER_RANGES[key as OptionKey] ?? NON_NEGATIVE;
  if (typeof value !== 'number' || !Number.isFinite(value) || !range.test(value)) {
    throw new OptimizerConfigError(`${where}: ${key} must be ${range.allowed}, got ${describeValue(value)}`);
  }
  return value;
}

function unknownKeyMessage(where: string, key: string, convention: Convention, accepted: readonly string[]): string {
  const list = `accepted: ${accepted.join(', ')}`;
  if (convention === 'torch' && (CLIP_KEYS as readonly string[]).includes(key)) {
    return `${where}: ${key} is not an option in the torch convention (torch clips gradients outside the optimizer, with torch.nn.utils); ${list}`;
  }
  const other: Convention = convention === 'keras' ? 'torch' : 'keras';
  if (keysOfConvention(other).has(key)) return `${where}: ${key} is not an option of this optimizer in the ${convention} convention (it exists in the ${other} convention); ${list}`;
  return `${where}: unknown option '${key}'; ${list}`;
}

/** Checks name, convention and options, and returns everything the `Optimizer` needs. */
export function resolveOptimizerConfig(name: unknown, convention: unknown = 'keras', options: unknown = {}): ResolvedOptimizerConfig {
  if (!isOptimizerName(name)) {
    throw new OptimizerConfigError(`unknown optimizer ${describeValue(name)}; choose one of ${OPTIMIZER_NAMES.join(', ')} (AMSGrad is adam or adamw with amsgrad: true)`);
  }
  if (typeof convention !== 'string' || !(CONVENTIONS as readonly string[]).includes(convention)) {
    throw new OptimizerConfigError(`unknown convention ${describeValue(convention)}; choose one of ${CONVENTIONS.join(', ')}`);
  }
  const conv = convention as Convention;
  const entry = conventionEntry(conv, name);
  if (entry === undefined) {
    throw new OptimizerConfigError(
      `${name} is not offered in the torch convention (torch 1.13 has no Adafactor, and torch >= 2.5's follows different rules); use convention 'keras'`,
    );
  }
  const where = `${name} (${conv} convention)`;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new OptimizerConfigError(`${where}: options must be an object of option keys, got ${describeValue(options)}`);
  }
  const given = options as Record<string, unknown>;
  const accepted = Object.keys(entry.defaults);
  for (const key of Object.keys(given)) {
    if (!accepted.includes(key)) throw new OptimizerConfigError(unknownKeyMessage(where, key, conv, accepted));
  }

  const effective: Record<string, OptionValue | LearningRateSchedule> = {};
  for (const key of accepted) {
    const value = given[key];
    if (key === 'learningRate') {
      effective[key] = value === undefined || value === null ? (entry.defaults.learningRate as number) : parseLearningRate(value, where);
    } else {
      effective[key] = value === undefined || value === null ? (entry.defaults[key as OptionKey] ?? null) : checkValue(where, key, value);
    }
  }

  const setClips = CLIP_KEYS.filter((key) => given[key] !== undefined && given[key] !== null);
  if (setClips.length > 1) {
    throw new OptimizerConfigError(`${where}: at most one of clipNorm, clipValue, globalClipNorm may be set; got ${setClips.join(' and ')}`);
  }
  const clipKey = setClips[0];
  const clipThreshold = clipKey === undefined ? 0 : (effective[clipKey] as number);

  if (conv === 'torch' && name === 'sgd' && effective['nesterov'] === true && ((effective['momentum'] as number) <= 0 || effective['dampening'] !== 0)) {
    throw new OptimizerConfigError(
      `${where}: nesterov needs momentum > 0 and dampening = 0; got momentum ${describeValue(effective['momentum'])}, dampening ${describeValue(effective['dampening'])}`,
    );
  }

  const numbers: Record<string, number | boolean> = {};
  for (const key of ALL_OPTION_KEYS) {
    const value = effective[key];
    if (typeof value === 'number' || typeof value === 'boolean') numbers[key] = value;
  }
  const hyperparameters: Hyperparameters = { ...NEUTRAL, ...numbers, ...entry.fixed, ...entry.switches, learningRate: 0 };
  const learningRate = effective['learningRate'] as LearningRate;
  return {
    name,
    convention: conv,
    options: effective,
    learningRate,
    hyperparameters,
    weightDecay: typeof effective['weightDecay'] === 'number' ? effective['weightDecay'] : 0,
    weightDecayKind: entry.weightDecayKind,
    clip: clipKey !== undefined && clipThreshold > 0 ? { kind: clipKey, threshold: clipThreshold } : null,
  };
}

/**
 * Learning-rate schedules, usable by every optimizer in both conventions. They follow
 * Keras 3's `keras.optimizers.schedules` formulas. A schedule is plain data (so it
 * validates, serialises and prints); `learningRateAt` evaluates it.
 *
 * `step` is the number of optimizer steps already taken (Keras's `iterations`): the first
 * update uses `step = 0`.
 *
 *   constant:          lr = value
 *   exponentialDecay:  lr = lr0 · rate^(step/decaySteps)      (staircase: floor of the exponent)
 *   inverseTimeDecay:  lr = lr0 / (1 + rate·step/decaySteps)   (staircase: floor of step/decaySteps)
 *   piecewiseConstant: lr = values[0] for step ≤ boundaries[0], values[k] for
 *                      boundaries[k−1] < step ≤ boundaries[k], values[last] after the last boundary
 *   cosineDecay (Loshchilov & Hutter 2017; linear warm-up: Goyal et al. 2017):
 *     no warmupTarget:  s = min(step, decaySteps)
 *                       lr = lr0 · ((1 − alpha)·½(1 + cos(π·s/decaySteps)) + alpha)
 *     warmupTarget:     s = min(step, warmupSteps + decaySteps)
 *                       s < warmupSteps:  lr = lr0 + (warmupTarget − lr0)·s/warmupSteps
 *                       otherwise:        the decay above from warmupTarget, at s − warmupSteps
 *
 * A schedule changes the learning rate both in the update and in Keras's decoupled
 * weight decay (which uses the current learning rate).
 */
import { OptimizerConfigError } from './types.ts';
import { cosine } from '../libm/cos.ts';
import { pow } from '../libm/pow.ts';

export type LearningRateSchedule =
  | { readonly schedule: 'constant'; readonly value: number }
  | {
      readonly schedule: 'exponentialDecay';
      readonly initialLearningRate: number;
      readonly decaySteps: number;
      readonly decayRate: number;
      readonly staircase?: boolean;
    }
  | {
      readonly schedule: 'inverseTimeDecay';
      readonly initialLearningRate: number;
      readonly decaySteps: number;
      readonly decayRate: number;
      readonly staircase?: boolean;
    }
  | { readonly schedule: 'piecewiseConstant'; readonly boundaries: readonly number[]; readonly values: readonly number[] }
  | {
      readonly schedule: 'cosineDecay';
      readonly initialLearningRate: number;
      readonly decaySteps: number;
      readonly alpha?: number;
      readonly warmupTarget?: number | null;
      readonly warmupSteps?: number;
    };

/** A constant learning rate or a schedule. */
export type LearningRate = number | LearningRateSchedule;

export const SCHEDULE_NAMES = ['constant', 'exponentialDecay', 'inverseTimeDecay', 'piecewiseConstant', 'cosineDecay'] as const;

function cosineDecayFrom(start: number, step: number, decaySteps: number, alpha: number): number {
  const completed = step / decaySteps;
  const cosineFactor = 0.5 * (1 + cosine(Math.PI * completed)); // cosine: the same bits on every engine
  return start * ((1 - alpha) * cosineFactor + alpha);
}

/** The learning rate for the update that follows `step` completed steps. */
export function learningRateAt(rate: LearningRate, step: number): number {
  if (typeof rate === 'number') return rate;
  switch (rate.schedule) {
    case 'constant':
      return rate.value;
    case 'exponentialDecay': {
      const exponent = rate.staircase === true ? Math.floor(step / rate.decaySteps) : step / rate.decaySteps;
      return rate.initialLearningRate * pow(rate.decayRate, exponent); // src/libm's pow: the same bits on every engine
    }
    case 'inverseTimeDecay': {
      const progress = rate.staircase === true ? Math.floor(step / rate.decaySteps) : step / rate.decaySteps;
      return rate.initialLearningRate / (1 + rate.decayRate * progress);
    }
    case 'piecewiseConstant': {
      let k = 0;
      while (k < rate.boundaries.length && step > rate.boundaries[k]!) k++;
      return rate.values[k]!;
    }
    case 'cosineDecay': {
      const alpha = rate.alpha ?? 0;
      const warmupTarget = rate.warmupTarget ?? null;
      if (warmupTarget === null) return cosineDecayFrom(rate.initialLearningRate, Math.min(step, rate.decaySteps), rate.decaySteps, alpha);
      const warmupSteps = rate.warmupSteps ?? 0;
      const s = Math.min(step, warmupSteps + rate.decaySteps);
      if (s < warmupSteps) return (warmupTarget - rate.initialLearningRate) * (s / warmupSteps) + rate.initialLearningRate;
      return cosineDecayFrom(warmupTarget, s - warmupSteps, rate.decaySteps, alpha);
    }
  }
}

// ---- validation ---------------------------------------------------------------------

type Check = (value: unknown) => boolean;
const finite: Check = (x) => typeof x === 'number' && Number.isFinite(x);
const nonNegative: Check = (x) => finite(x) && (x as number) >= 0;
const positive: Check = (x) => finite(x) && (x as number) > 0;
const unitInterval: Check = (x) => finite(x) && (x as number) >= 0 && (x as number) <= 1;
const nonNegativeInteger: Check = (x) => nonNegative(x) && Number.isInteger(x);
const boolean: Check = (x) => typeof x === 'boolean';
const numberList: Check = (x) => Array.isArray(x) && x.every(finite);

interface FieldRule {
  readonly check: Check;
  readonly allowed: string;
  readonly required: boolean;
}

const field = (check: Check, allowed: string, required = true): FieldRule => ({ check, allowed, required });

const FIELDS: Record<(typeof SCHEDULE_NAMES)[number], Record<string, FieldRule>> = {
  constant: { value: field(nonNegative, 'a number >= 0') },
  exponentialDecay: {
    initialLearningRate: field(nonNegative, 'a number >= 0'),
    decaySteps: field(positive, 'a number > 0'),
    decayRate: field(positive, 'a number > 0'),
    staircase: field(boolean, 'true or false', false),
  },
  inverseTimeDecay: {
    initialLearningRate: field(nonNegative, 'a number >= 0'),
    decaySteps: field(positive, 'a number > 0'),
    decayRate: field(nonNegative, 'a number >= 0'),
    staircase: field(boolean, 'true or false', false),
  },
  piecewiseConstant: {
    boundaries: field(numberList, 'a list of finite numbers'),
    values: field(numberList, 'a list of numbers >= 0'),
  },
  cosineDecay: {
    initialLearningRate: field(nonNegative, 'a number >= 0'),
    decaySteps: field(positive, 'a number > 0'),
    alpha: field(unitInterval, 'a number in [0, 1]', false),
    warmupTarget: field((x) => x === null || nonNegative(x), 'a number >= 0 or null', false),
    warmupSteps: field(nonNegativeInteger, 'an integer >= 0', false),
  },
};

/** Longest text of a value an error message shows; longer ones are cut, with their length. */
const MAX_SHOWN = 200;

/**
 * A value as an error message shows it: numbers as written (NaN and Infinity named as not
 * finite), the rest as JSON, cut to a couple of hundred characters.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `${value} (not a finite number)`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Nested too deeply for JSON.stringify's recursion, or a cycle.
    return 'a value nested too deeply to show';
  }
  return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN)}… (${text.length} characters)`;
}

/**
 * Checks a learning rate given by a user (a number >= 0 or a schedule object) and returns
 * it typed. Errors name the field and its allowed values.
 */
export function parseLearningRate(value: unknown, where: string): LearningRate {
  if (typeof value === 'number') {
    if (!nonNegative(value)) throw new OptimizerConfigError(`${where}: learningRate must be a number >= 0 or a schedule, got ${describeValue(value)}`);
    return value;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OptimizerConfigError(`${where}: learningRate must be a number >= 0 or a schedule object, got ${describeValue(value)}`);
  }
  const record = value as Record<string, unknown>;
  const kind = record['schedule'];
  if (typeof kind !== 'string' || !(SCHEDULE_NAMES as readonly string[]).includes(kind)) {
    throw new OptimizerConfigError(`${where}: learningRate.schedule must be one of ${SCHEDULE_NAMES.join(', ')}, got ${describeValue(kind)}`);
  }
  const fields = FIELDS[kind as (typeof SCHEDULE_NAMES)[number]];
  for (const key of Object.keys(record)) {
    if (key !== 'schedule' && !(key in fields)) {
      throw new OptimizerConfigError(`${where}: unknown ${kind} field '${key}'; accepted: ${Object.keys(fields).join(', ')}`);
    }
  }
  for (const [key, rule] of Object.entries(fields)) {
    const fieldValue = record[key];
    if (fieldValue === undefined) {
      if (rule.required) throw new OptimizerConfigError(`${where}: ${kind} needs learningRate.${key} (${rule.allowed})`);
      continue;
    }
    if (!rule.check(fieldValue)) throw new OptimizerConfigError(`${where}: learningRate.${key} must be ${rule.allowed}, got ${describeValue(fieldValue)}`);
  }
  if (kind === 'piecewiseConstant') {
    const boundaries = record['boundaries'] as number[];
    const values = record['values'] as number[];
    if (values.length !== boundaries.length + 1) {
      throw new OptimizerConfigError(`${where}: piecewiseConstant needs one more value than boundaries, got ${boundaries.length} boundaries and ${values.length} values`);
    }
    if (boundaries.some((b, k) => k > 0 && b <= boundaries[k - 1]!)) throw new OptimizerConfigError(`${where}: learningRate.boundaries must be strictly increasing`);
    if (values.some((v) => v < 0)) throw new OptimizerConfigError(`${where}: learningRate.values must all be >= 0`);
  }
  return record as unknown as LearningRateSchedule;
}

/** The fields a schedule takes, in order, with what each allows (the Lab's schedule editor offers them). */
export function scheduleFields(kind: (typeof SCHEDULE_NAMES)[number]): { key: string; allowed: string; required: boolean }[] {
  return Object.entries(FIELDS[kind]).map(([key, rule]) => ({ key, allowed: rule.allowed, required: rule.required }));
}

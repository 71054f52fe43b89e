/**
 * Validation and resolution of an optimizer's options: the user's keys checked against
 * the convention's table, every value checked against its range, defaults filled in, and
 * the result turned into the `Hyperparameters` the rules read. Every error names the
 * optimizer, the convention, the option and its allowed values.
 */
import { CONVENTIONS, OptimizerConfigError } from './types.ts';
import type { Convention } from './types.ts';
import { OPTIMIZER_NAMES, isOptimizerName, optimizerSpec, type OptimizerName } from './registry.ts';
import type { FormulaSwitches } from './hyperparameters.ts';
import { ALL_OPTION_KEYS, conventionEntry, conventionsOf, keysOfConvention } from './conventions.ts';
import type { ClipOptionKey, OptionKey, OptionValue, RegisteredOptimizer, StaticHyperparameters } from './spec.ts';
import { GENERIC_RANGES, NON_NEGATIVE, type OptionRange } from './option-ranges.ts';
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
  /** The rules' numbers but the learning rate, which each step computes (`learningRate` above). */
  readonly hyperparameters: StaticHyperparameters;
  /** 0 when off. */
  readonly weightDecay: number;
  readonly weightDecayKind: WeightDecayKind;
  /** The one Keras clip option in effect, if any, with a threshold > 0. */
  readonly clip: { readonly kind: ClipOptionKey; readonly threshold: number } | null;
}

const CLIP_KEYS: readonly ClipOptionKey[] = ['clipNorm', 'clipValue', 'globalClipNorm'];

/** Neutral values for fields an optimizer does not read; epsilon1's NaN is torch Adafactor's None (the dtype's machine epsilon). */
const NEUTRAL: Omit<StaticHyperparameters, keyof FormulaSwitches> = {
  beta1: 0, beta2: 0, epsilon: 0, amsgrad: false, momentum: 0, nesterov: false, dampening: 0, rho: 0,
  centered: false, momentumDecay: 1, beta2Decay: 0, epsilon1: Number.NaN, epsilon2: 0, clipThreshold: 1, relativeStep: false,
  lrDecay: 0, initialAccumulatorValue: 0, etaMinus: 0.5, etaPlus: 1.2, stepSizeMin: 0, stepSizeMax: 0,
  learningRatePower: 0, l1RegularizationStrength: 0, l2RegularizationStrength: 0, l2ShrinkageRegularizationStrength: 0, beta: 0,
  weightDecay: 0, warmupSteps: 0, r: 0, weightLrPower: 0, innerMomentum: 0,
  adamBeta1: 0, adamBeta2: 0, adamWeightDecay: 0, adamLrRatio: 1, muonA: 0, muonB: 0, muonC: 0, nsSteps: 0, rmsRate: 0, excludeEmbeddings: false,
  decouple: false,
  lambd: 0, alpha: 0, t0: 0, decoupledWeightDecay: false,
  denseAdam: false,
  maxIter: 1, maxEval: null, toleranceGrad: 0, toleranceChange: 0, historySize: 1, lineSearchFn: null,
  beta3: null, d0: 1, dCoef: 1, growthRate: null, useBiasCorrection: false, safeguardWarmup: false,
};

/** The range of `key` for `spec`: the rule's own, else the generic options'. */
export function optionRange(spec: RegisteredOptimizer, key: OptionKey): OptionRange {
  return spec.ranges[key] ?? GENERIC_RANGES[key] ?? NON_NEGATIVE;
}

function checkValue(where: string, key: string, value: unknown, range: OptionRange): OptionValue {
  if (value === null) return null;
  if (range.kind === 'boolean') {
    if (typeof value !== 'boolean') throw new OptimizerConfigError(`${where}: ${key} must be true or false, got ${describeValue(value)}`);
    return value;
  }
  if (range.kind === 'choice') {
    if (typeof value !== 'string' || !range.values.includes(value)) throw new OptimizerConfigError(`${where}: ${key} must be null or ${range.values.map((v) => `'${v}'`).join(' or ')}, got ${describeValue(value)}`);
    return value;
  }
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

/** A rule asked for in a convention it lacks: which conventions it has. */
export function notOfferedMessage(spec: RegisteredOptimizer, convention: Convention): string {
  const has = conventionsOf(spec);
  return `${spec.name} is not offered in the ${convention} convention (${spec.displayName} exists only in the ${has.join(' and ')} convention); use convention '${has[0]!}'`;
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
  const spec = optimizerSpec(name);
  const entry = conventionEntry(conv, spec);
  if (entry === undefined) throw new OptimizerConfigError(notOfferedMessage(spec, conv));
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
      effective[key] = value === undefined || value === null ? (entry.defaults[key as OptionKey] ?? null) : checkValue(where, key, value, optionRange(spec, key as OptionKey));
    }
  }

  const setClips = CLIP_KEYS.filter((key) => given[key] !== undefined && given[key] !== null);
  if (setClips.length > 1) {
    throw new OptimizerConfigError(`${where}: at most one of clipNorm, clipValue, globalClipNorm may be set; got ${setClips.join(' and ')}`);
  }
  const clipKey = setClips[0];
  const clipThreshold = clipKey === undefined ? 0 : (effective[clipKey] as number);

  const problem = spec.checkOptions?.(effective, conv);
  if (problem !== undefined) throw new OptimizerConfigError(`${where}: ${problem}`);

  const numbers: Record<string, number | boolean | string> = {};
  for (const key of ALL_OPTION_KEYS) {
    const value = key === 'learningRate' ? undefined : effective[key];
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') numbers[key] = value;
  }
  const hyperparameters: StaticHyperparameters = { ...NEUTRAL, ...numbers, ...entry.fixed, ...entry.switches };
  const learningRate = effective['learningRate'] as LearningRate;
  return {
    name,
    convention: conv,
    options: effective,
    learningRate,
    hyperparameters,
    weightDecay: typeof effective['weightDecay'] === 'number' ? effective['weightDecay'] : 0,
    // torch 2.x's RAdam and NAdam switch to AdamW's decay with decoupledWeightDecay: true.
    weightDecayKind: conv === 'torch' && effective['decoupledWeightDecay'] === true ? 'torch-decoupled' : entry.weightDecayKind,
    clip: clipKey !== undefined && clipThreshold > 0 ? { kind: clipKey, threshold: clipThreshold } : null,
  };
}

/**
 * The two conventions as data: each optimizer's accepted option keys with their defaults
 * (docs/optimizers.md §2 and §3 tables), the formula switches (docs/optimizers.md §4), the weight-decay kind, and the
 * values a convention fixes without offering them as options.
 */
import type { Convention, OptimizerName } from './types.ts';
import type { FormulaSwitches, Hyperparameters } from './hyperparameters.ts';
import type { WeightDecayKind } from './weight-decay.ts';

export type NumericOptionKey = Exclude<keyof Hyperparameters, keyof FormulaSwitches>;
export type ClipOptionKey = 'clipNorm' | 'clipValue' | 'globalClipNorm';
export type OptionKey = NumericOptionKey | 'weightDecay' | ClipOptionKey;
export type OptionValue = number | boolean | null;

/** Defaults by key; `null` means "off" (Keras's `None`). */
export type OptionDefaults = Readonly<Partial<Record<OptionKey, OptionValue>>>;

export const ALL_OPTION_KEYS: readonly OptionKey[] = [
  'learningRate', 'beta1', 'beta2', 'epsilon', 'amsgrad', 'weightDecay', 'momentum', 'nesterov', 'rho', 'centered',
  'beta2Decay', 'epsilon1', 'epsilon2', 'clipThreshold', 'relativeStep', 'clipNorm', 'clipValue', 'globalClipNorm',
  'momentumDecay', 'dampening',
];

const KERAS_ADAM = { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false } as const;
const KERAS_GENERIC = { weightDecay: null, clipNorm: null, clipValue: null, globalClipNorm: null } as const;

/** Keras 3 defaults (docs/optimizers.md §2). Every optimizer also takes the four generic keys. */
const KERAS_DEFAULTS: Record<OptimizerName, OptionDefaults> = {
  adam: { ...KERAS_ADAM, ...KERAS_GENERIC },
  adamw: { ...KERAS_ADAM, ...KERAS_GENERIC, weightDecay: 0.004 },
  adamax: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, ...KERAS_GENERIC },
  nadam: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, ...KERAS_GENERIC },
  sgd: { learningRate: 0.01, momentum: 0, nesterov: false, ...KERAS_GENERIC },
  rmsprop: { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false, ...KERAS_GENERIC },
  adadelta: { learningRate: 0.001, rho: 0.95, epsilon: 1e-7, ...KERAS_GENERIC },
  adafactor: {
    learningRate: 0.001, beta2Decay: -0.8, epsilon1: 1e-30, epsilon2: 1e-3, clipThreshold: 1, relativeStep: true, ...KERAS_GENERIC,
  },
};

const TORCH_ADAM = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, amsgrad: false } as const;

/** PyTorch defaults (docs/optimizers.md §3); SGD's lr is PyTorch ≥ 2.2's. No Adafactor. */
const TORCH_DEFAULTS: Partial<Record<OptimizerName, OptionDefaults>> = {
  adam: TORCH_ADAM,
  adamw: { ...TORCH_ADAM, weightDecay: 1e-2 },
  adamax: { learningRate: 2e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 },
  nadam: { learningRate: 2e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, momentumDecay: 4e-3 },
  sgd: { learningRate: 1e-3, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 },
  rmsprop: { learningRate: 1e-2, rho: 0.99, epsilon: 1e-8, momentum: 0, centered: false, weightDecay: 0 },
  adadelta: { learningRate: 1.0, rho: 0.9, epsilon: 1e-6, weightDecay: 0 },
};

/** Values a convention uses without offering them as options. */
const KERAS_FIXED: Partial<Record<OptimizerName, Partial<Hyperparameters>>> = {
  // Keras Nadam's schedule is β1(1 − ½·0.96^t): torch's formula with ψ = 1.
  nadam: { momentumDecay: 1 },
};

const KERAS_SWITCHES: FormulaSwitches = { epsilonHat: true, epsilonInMax: false, epsilonInsideSqrt: true, bufferHoldsStep: true };
const TORCH_SWITCHES: FormulaSwitches = { epsilonHat: false, epsilonInMax: true, epsilonInsideSqrt: false, bufferHoldsStep: false };

export interface ConventionEntry {
  readonly defaults: OptionDefaults;
  readonly fixed: Partial<Hyperparameters>;
  readonly switches: FormulaSwitches;
  readonly weightDecayKind: WeightDecayKind;
}

/** The convention's entry for `name`, or `undefined` where the convention lacks the optimizer. */
export function conventionEntry(convention: Convention, name: OptimizerName): ConventionEntry | undefined {
  if (convention === 'keras') {
    return { defaults: KERAS_DEFAULTS[name], fixed: KERAS_FIXED[name] ?? {}, switches: KERAS_SWITCHES, weightDecayKind: 'keras-decoupled' };
  }
  const defaults = TORCH_DEFAULTS[name];
  if (defaults === undefined) return undefined;
  return { defaults, fixed: {}, switches: TORCH_SWITCHES, weightDecayKind: name === 'adamw' ? 'torch-decoupled' : 'l2' };
}

/** The keys a convention accepts for some optimizer, for the "only in the other convention" hint. */
export function keysOfConvention(convention: Convention): Set<string> {
  const tables = convention === 'keras' ? Object.values(KERAS_DEFAULTS) : Object.values(TORCH_DEFAULTS);
  return new Set(tables.flatMap((table) => Object.keys(table ?? {})));
}

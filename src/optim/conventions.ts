/**
 * The two conventions as data: each optimizer's accepted option keys with their defaults
 * (docs/optimizers.md §2 and §3 tables, from each rule's spec), the formula switches (docs/optimizers.md §4), the
 * weight-decay kind, and the values a convention fixes without offering them as options.
 */
import { CONVENTIONS, type Convention } from './types.ts';
import type { FormulaSwitches } from './hyperparameters.ts';
import type { WeightDecayKind } from './weight-decay.ts';
import type { OptionDefaults, OptionKey, RegisteredOptimizer, StaticHyperparameters } from './spec.ts';
import { OPTIMIZERS } from './registry.ts';

export type { ClipOptionKey, NumericOptionKey, OptionDefaults, OptionKey, OptionValue } from './spec.ts';

/** Every optimizer takes these in the Keras convention, after its own options: all off. */
const KERAS_GENERIC: OptionDefaults = { weightDecay: null, clipNorm: null, clipValue: null, globalClipNorm: null };

const KERAS_SWITCHES: FormulaSwitches = { epsilonHat: true, epsilonInMax: false, epsilonInsideSqrt: true, bufferHoldsStep: true, yFromXAndZ: true, muonKerasForm: true, epsilon1AsFloor: false };
const TORCH_SWITCHES: FormulaSwitches = { epsilonHat: false, epsilonInMax: true, epsilonInsideSqrt: false, bufferHoldsStep: false, yFromXAndZ: false, muonKerasForm: false, epsilon1AsFloor: true };

const TORCH_WEIGHT_DECAY = { l2: 'l2', decoupled: 'torch-decoupled', 'in-rule': 'in-rule' } as const satisfies Record<string, WeightDecayKind>;

export interface ConventionEntry {
  readonly defaults: OptionDefaults;
  readonly fixed: Partial<StaticHyperparameters>;
  readonly switches: FormulaSwitches;
  readonly weightDecayKind: WeightDecayKind;
}

/** A rule's own Keras defaults, then the generic keys it does not set itself. */
function kerasDefaults(own: OptionDefaults): OptionDefaults {
  return { ...own, ...Object.fromEntries(Object.entries(KERAS_GENERIC).filter(([key]) => !(key in own))) };
}

/** The conventions whose library has `spec`'s optimizer, in CONVENTIONS order. */
export function conventionsOf(spec: RegisteredOptimizer): Convention[] {
  return CONVENTIONS.filter((convention) => spec.defaults[convention] !== undefined);
}

/** The convention's entry for `spec`, or `undefined` where the convention lacks the optimizer. */
export function conventionEntry(convention: Convention, spec: RegisteredOptimizer): ConventionEntry | undefined {
  if (convention === 'keras') {
    if (spec.defaults.keras === undefined) return undefined;
    return { defaults: kerasDefaults(spec.defaults.keras), fixed: spec.kerasFixed ?? {}, switches: KERAS_SWITCHES, weightDecayKind: spec.kerasWeightDecay ?? 'keras-decoupled' };
  }
  const defaults = spec.defaults.torch;
  if (defaults === undefined) return undefined;
  return { defaults, fixed: {}, switches: TORCH_SWITCHES, weightDecayKind: TORCH_WEIGHT_DECAY[spec.torchWeightDecay ?? 'l2'] };
}

function keysOf(convention: Convention): OptionKey[] {
  const tables = OPTIMIZERS.map((spec) => (convention === 'keras' ? spec.defaults.keras : spec.defaults.torch) ?? {});
  return tables.flatMap((table) => Object.keys(table) as OptionKey[]);
}

/** The keys a convention accepts for some optimizer, for the "only in the other convention" hint. */
export function keysOfConvention(convention: Convention): Set<string> {
  return new Set([...keysOf(convention), ...(convention === 'keras' ? Object.keys(KERAS_GENERIC) : [])]);
}

/** Every option key of some optimizer: the Keras convention's, in registry order (generic ones after the rules' own), then torch's own. */
export const ALL_OPTION_KEYS: readonly OptionKey[] = [...new Set([...keysOf('keras'), ...(Object.keys(KERAS_GENERIC) as OptionKey[]), ...keysOf('torch')])];

/** The keys only the torch convention offers (momentumDecay, dampening). */
export const TORCH_ONLY_OPTION_KEYS: readonly OptionKey[] = ALL_OPTION_KEYS.filter((key) => !keysOfConvention('keras').has(key));

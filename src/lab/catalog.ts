/**
 * The lab's one window on optimizer metadata: names, display names, the conventions each
 * optimizer exists in, its options with their per-convention defaults, and the ranges the
 * sliders offer, all read from src/optim's registry (an optimizer added there appears
 * here with no change to the lab). Everything else in src/lab reads these through this file.
 */
import { CONVENTIONS, OPTIMIZER_NAMES, conventionsOf, optimizerSpec, optionRange, resolveOptimizerConfig, type Convention, type OptimizerName } from '../optim/index.ts';
import { HALF_OPEN_UNIT, NON_POSITIVE, UNIT, type OptionRange } from '../optim/option-ranges.ts';
import type { OptionKey } from '../optim/spec.ts';

export type { Convention, OptimizerName };
export const LAB_CONVENTIONS: readonly Convention[] = CONVENTIONS;
export const LAB_OPTIMIZERS: readonly OptimizerName[] = OPTIMIZER_NAMES;

export function displayName(name: string): string {
  return isOptimizerName(name) ? optimizerSpec(name).displayName : name;
}

/**
 * How an option is offered: a number as a slider over [min, max], logarithmic where `log`
 * (`nullable` ones may be left empty: off); a switch as a checkbox; a named choice
 * (option-ranges.ts's ChoiceRange) as a menu of `choices`, with "off" (null) first where nullable.
 */
export interface OptionSpec {
  readonly key: string;
  readonly kind: 'number' | 'boolean' | 'choice';
  /** The named values of a choice (empty for the other kinds). */
  readonly choices: readonly string[];
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
  readonly nullable: boolean;
  /** The convention's default (null: off). */
  readonly default: number | boolean | string | null;
}

/** Slider spans chosen by hand where the option's range alone would give a poor one. */
const SLIDERS: Readonly<Record<string, readonly [number, number, boolean]>> = {
  learningRate: [1e-5, 100, true], beta1: [0, 0.999, false], beta2: [0, 0.9999, false], epsilon: [1e-12, 1, true],
  weightDecay: [0, 0.1, false], momentum: [0, 1, false], rho: [0, 1, false], dampening: [0, 1, false], momentumDecay: [0, 0.1, false],
  beta2Decay: [-1, 0, false], epsilon1: [1e-30, 1e-3, true], epsilon2: [1e-6, 1, true], clipThreshold: [0.01, 10, true],
  clipNorm: [0.01, 100, true], clipValue: [0.01, 100, true], globalClipNorm: [0.01, 100, true],
};

/**
 * A slider for an option SLIDERS does not list, from its range and default: [0, 1] for a
 * unit range, [−1, 0] for a non-positive one, else logarithmic three decades either side
 * of a positive default (linear over [0, 1] where the default is 0 or absent).
 */
function sliderFor(range: OptionRange, value: unknown): readonly [number, number, boolean] {
  if (range === HALF_OPEN_UNIT || range === UNIT) return [0, range === UNIT ? 1 : 0.999, false];
  if (range === NON_POSITIVE) return [-1, 0, false];
  if (typeof value === 'number' && value > 0) return [value / 1000, value * 1000, true];
  if (typeof value === 'number' && value < 0) return [value * 10, 0, false];
  return [0, 1, false];
}

const cache = new Map<string, readonly OptionSpec[] | null>();

/** The options of `name` in `convention`, in the convention's order; null where the convention lacks the optimizer. */
export function optionSpecs(name: OptimizerName, convention: Convention): readonly OptionSpec[] | null {
  const id = `${name}.${convention}`;
  if (!cache.has(id)) {
    let specs: OptionSpec[] | null = null;
    try {
      const { options } = resolveOptimizerConfig(name, convention, {});
      specs = Object.entries(options).map(([key, value]) => {
        const range = optionRange(optimizerSpec(name), key as OptionKey);
        const [min, max, log] = SLIDERS[key] ?? sliderFor(range, value);
        const kind = range.kind === 'choice' ? 'choice' : typeof value === 'boolean' ? 'boolean' : 'number';
        const choices = range.kind === 'choice' ? range.values : [];
        return { key, kind, choices, min, max, log, nullable: value === null, default: typeof value === 'object' ? null : value };
      });
    } catch {
      specs = null;
    }
    cache.set(id, specs);
  }
  return cache.get(id)!;
}

/** Whether `name` exists in `convention` (the registry's conventionsOf). */
export function existsIn(name: OptimizerName, convention: Convention): boolean {
  return conventionsOf(optimizerSpec(name)).includes(convention);
}

/** Every optimizer × convention pair the engine offers. */
export function allVariants(): { name: OptimizerName; convention: Convention }[] {
  return LAB_OPTIMIZERS.flatMap((name) => LAB_CONVENTIONS.filter((c) => existsIn(name, c)).map((convention) => ({ name, convention })));
}

export function isOptimizerName(name: string): name is OptimizerName {
  return (LAB_OPTIMIZERS as readonly string[]).includes(name);
}

export function isConvention(name: string): name is Convention {
  return (LAB_CONVENTIONS as readonly string[]).includes(name);
}

/** The engine's own check of a set of options: null when valid, else its one-line message. */
export function checkOptions(name: OptimizerName, convention: Convention, options: Record<string, unknown>): string | null {
  try {
    resolveOptimizerConfig(name, convention, options);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

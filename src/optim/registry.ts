/**
 * The optimizers seedgrad offers, in the order it lists them: the one list. Each entry is
 * a rule file's spec (spec.ts); a new optimizer is one file, one entry here and one row
 * in test/optim/cases.ts (CONTRIBUTING.md, "Adding an optimizer").
 */
import { adam } from './adam.ts';
import { adamw } from './adamw.ts';
import { adamax } from './adamax.ts';
import { nadam } from './nadam.ts';
import { sgd } from './sgd.ts';
import { rmsprop } from './rmsprop.ts';
import { adadelta } from './adadelta.ts';
import { adafactor } from './adafactor.ts';
import { lion } from './lion.ts';
import { adagrad } from './adagrad.ts';
import { rprop } from './rprop.ts';
import { lamb } from './lamb.ts';
import { ftrl } from './ftrl.ts';
import { adamwScheduleFree } from './adamw-schedulefree.ts';
import { sgdScheduleFree } from './sgd-schedulefree.ts';
import { adopt } from './adopt.ts';
import { asgd } from './asgd.ts';
import { radam } from './radam.ts';
import { sparseadam } from './sparseadam.ts';
import { lbfgs } from './lbfgs.ts';
import { prodigy } from './prodigy.ts';
import { muon } from './muon.ts';
import type { RegisteredOptimizer } from './spec.ts';

export const OPTIMIZERS = [adam, adamw, adamax, nadam, sgd, rmsprop, adadelta, adafactor, lion, adagrad, rprop, lamb, ftrl, adamwScheduleFree, sgdScheduleFree, adopt, asgd, radam, sparseadam, lbfgs, prodigy, muon] as const;

/** AMSGrad is not a name of its own: it is `adam` or `adamw` with `amsgrad: true`. */
export type OptimizerName = (typeof OPTIMIZERS)[number]['name'];

export const OPTIMIZER_NAMES: readonly OptimizerName[] = OPTIMIZERS.map((spec) => spec.name);

export function isOptimizerName(name: unknown): name is OptimizerName {
  return typeof name === 'string' && (OPTIMIZER_NAMES as readonly string[]).includes(name);
}

/** A variant's name (`amsgrad`) as its rule and the options it switches on; null for any other name. */
export function optimizerVariant(name: string): { readonly name: OptimizerName; readonly options: Readonly<Record<string, unknown>> } | null {
  for (const spec of OPTIMIZERS) {
    const variant = (spec as RegisteredOptimizer<OptimizerName>).variants?.find((v) => v.name === name);
    if (variant !== undefined) return { name: spec.name, options: variant.options };
  }
  return null;
}

/** The spec of a registered optimizer. */
export function optimizerSpec(name: OptimizerName): RegisteredOptimizer<OptimizerName> {
  return OPTIMIZERS.find((spec) => spec.name === name)!;
}

/**
 * The optimizers a landscape compares: every rule of src/optim's registry plus each rule's
 * variants, such as AMSGrad, which the engine spells `adam` with `amsgrad: true` but which
 * the study treats as an optimizer of its own (Reddi, Kale & Kumar 2018), so it gets its
 * own path and colour. Plain gradient descent comes first, the baseline the adaptive
 * rules are compared with; the others follow in the registry's order, each variant after
 * its rule.
 */
import { OPTIMIZERS, optimizerSpec, type Convention, type OptimizerName, type OptimizerOptions } from '../optim/index.ts';

const BASELINE: OptimizerName = 'sgd';

/** A landscape optimizer's name: a rule's (`adam`) or a variant's (`amsgrad`). */
export type LandscapeOptimizer = string;

interface EngineOptimizer {
  readonly name: OptimizerName;
  readonly options: OptimizerOptions;
}

const ordered = [...OPTIMIZERS.filter((spec) => spec.name === BASELINE), ...OPTIMIZERS.filter((spec) => spec.name !== BASELINE)];

/** The engine's optimizer and the options (other than the learning rate) that make each entry. */
export const ENGINE_OPTIMIZER: Readonly<Record<LandscapeOptimizer, EngineOptimizer>> = Object.fromEntries(
  ordered.flatMap((spec) => [[spec.name, { name: spec.name, options: {} }], ...(spec.variants ?? []).map((variant) => [variant.name, { name: spec.name, options: variant.options }])]),
);

export const LANDSCAPE_OPTIMIZERS: readonly LandscapeOptimizer[] = Object.keys(ENGINE_OPTIMIZER);

export function isLandscapeOptimizer(name: string): name is LandscapeOptimizer {
  return LANDSCAPE_OPTIMIZERS.includes(name);
}

/**
 * Those the convention offers for a landscape's 1-D parameter of shape [2] (Rprop exists
 * only in torch's; torch's Muon refuses anything but a matrix, while Keras's gives a 1-D
 * parameter its Adam step; docs/optimizers.md).
 */
export function availableIn(convention: Convention): readonly LandscapeOptimizer[] {
  return LANDSCAPE_OPTIMIZERS.filter((name) => {
    const spec = optimizerSpec(ENGINE_OPTIMIZER[name]!.name);
    return spec.defaults[convention] !== undefined && spec.checkParameter?.([2], convention) === undefined;
  });
}

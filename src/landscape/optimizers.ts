/**
 * The optimizers a landscape compares: the eight update rules of src/optim plus AMSGrad,
 * which the engine spells `adam` with `amsgrad: true` but which the study treats as an
 * optimizer of its own (Reddi, Kale & Kumar 2018), so it gets its own path and colour.
 */
import type { Convention, OptimizerName, OptimizerOptions } from '../optim/index.ts';

export const LANDSCAPE_OPTIMIZERS = ['sgd', 'adam', 'amsgrad', 'adamw', 'adamax', 'nadam', 'rmsprop', 'adadelta', 'adafactor'] as const;

export type LandscapeOptimizer = (typeof LANDSCAPE_OPTIMIZERS)[number];

/** The engine's optimizer and the options (other than the learning rate) that make each entry. */
export const ENGINE_OPTIMIZER: Readonly<Record<LandscapeOptimizer, { readonly name: OptimizerName; readonly options: OptimizerOptions }>> = {
  sgd: { name: 'sgd', options: {} },
  adam: { name: 'adam', options: {} },
  amsgrad: { name: 'adam', options: { amsgrad: true } },
  adamw: { name: 'adamw', options: {} },
  adamax: { name: 'adamax', options: {} },
  nadam: { name: 'nadam', options: {} },
  rmsprop: { name: 'rmsprop', options: {} },
  adadelta: { name: 'adadelta', options: {} },
  adafactor: { name: 'adafactor', options: {} },
};

export function isLandscapeOptimizer(name: string): name is LandscapeOptimizer {
  return (LANDSCAPE_OPTIMIZERS as readonly string[]).includes(name);
}

/** Adafactor exists only in the Keras convention (torch 1.13 has none; docs/optimizers.md §3). */
export function availableIn(convention: Convention): readonly LandscapeOptimizer[] {
  return LANDSCAPE_OPTIMIZERS.filter((name) => convention === 'keras' || name !== 'adafactor');
}

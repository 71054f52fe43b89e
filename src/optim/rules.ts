/**
 * The table from optimizer name to its update rule: which state arrays it keeps (with
 * their shapes), and how to call its pure update function. The `Optimizer` only walks
 * this table; the math lives in the per-optimizer files.
 */
import type { FloatArray, OptimizerName, StateArrays } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { adamStateNames, adamUpdate } from './adam.ts';
import { adamaxStateNames, adamaxUpdate } from './adamax.ts';
import { advanceMuProduct, nadamStateNames, nadamUpdate } from './nadam.ts';
import { sgdStateNames, sgdUpdate } from './sgd.ts';
import { rmspropStateNames, rmspropUpdate } from './rmsprop.ts';
import { adadeltaStateNames, adadeltaUpdate } from './adadelta.ts';
import { adafactorStateShapes, adafactorUpdate } from './adafactor.ts';

/** Scalars kept once per optimizer rather than per parameter (NAdam's Π μ). */
export type OptimizerScalars = Record<string, number>;

export interface UpdateRule {
  /** The state arrays for a parameter of `shape`, by name, with their shapes. */
  stateShapes(shape: readonly number[], hp: Hyperparameters): Record<string, number[]>;
  /** Scalars at step 0. */
  initialScalars(): OptimizerScalars;
  /** Advances the scalars to step t, once per step, before any parameter is updated. */
  advanceScalars(scalars: OptimizerScalars, hp: Hyperparameters, t: number): void;
  update(p: FloatArray, g: FloatArray, state: StateArrays, hp: Hyperparameters, t: number, shape: readonly number[], scalars: OptimizerScalars): void;
}

/** Every state array shaped like the parameter. */
const likeParameter =
  (names: (hp: Hyperparameters) => string[]) =>
  (shape: readonly number[], hp: Hyperparameters): Record<string, number[]> =>
    Object.fromEntries(names(hp).map((name) => [name, [...shape]]));

const noScalars = { initialScalars: (): OptimizerScalars => ({}), advanceScalars: (): void => {} };

const adamRule: UpdateRule = {
  ...noScalars,
  stateShapes: likeParameter(adamStateNames),
  update: (p, g, state, hp, t) => adamUpdate(p, g, state as Parameters<typeof adamUpdate>[2], hp, t),
};

// The casts below are safe: the Optimizer builds each state from the same entry's stateShapes.
export const UPDATE_RULES: Readonly<Record<OptimizerName, UpdateRule>> = {
  adam: adamRule,
  adamw: adamRule,
  adamax: {
    ...noScalars,
    stateShapes: likeParameter(adamaxStateNames),
    update: (p, g, state, hp, t) => adamaxUpdate(p, g, state as Parameters<typeof adamaxUpdate>[2], hp, t),
  },
  nadam: {
    stateShapes: likeParameter(nadamStateNames),
    initialScalars: () => ({ muProduct: 1 }),
    advanceScalars: (scalars, hp, t) => {
      scalars['muProduct'] = advanceMuProduct(scalars['muProduct']!, hp, t);
    },
    update: (p, g, state, hp, t, _shape, scalars) => nadamUpdate(p, g, state as Parameters<typeof nadamUpdate>[2], hp, t, scalars['muProduct']!),
  },
  sgd: {
    ...noScalars,
    stateShapes: likeParameter(sgdStateNames),
    update: (p, g, state, hp, t) => sgdUpdate(p, g, state, hp, t),
  },
  rmsprop: {
    ...noScalars,
    stateShapes: likeParameter(rmspropStateNames),
    update: (p, g, state, hp) => rmspropUpdate(p, g, state as Parameters<typeof rmspropUpdate>[2], hp),
  },
  adadelta: {
    ...noScalars,
    stateShapes: likeParameter(adadeltaStateNames),
    update: (p, g, state, hp) => adadeltaUpdate(p, g, state as Parameters<typeof adadeltaUpdate>[2], hp),
  },
  adafactor: {
    ...noScalars,
    stateShapes: (shape) => adafactorStateShapes(shape),
    update: (p, g, state, hp, t, shape) => adafactorUpdate(p, g, state, hp, t, shape),
  },
};

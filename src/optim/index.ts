/** The public optimizer API. */
export { createOptimizer } from './optimizer.ts';
export type { Optimizer, OptimizerConfig, OptimizerKernels } from './optimizer.ts';
export type { OptimizerOptions, ResolvedOptimizerConfig } from './options.ts';
export { resolveOptimizerConfig } from './options.ts';
export { ALL_OPTION_KEYS } from './conventions.ts';
export { CONVENTIONS, OPTIMIZER_NAMES, OptimizerConfigError, isOptimizerName } from './types.ts';
export type { Convention, Dtype, FloatArray, GradientMap, OptimizerName, OptimizerParam, StateArrays } from './types.ts';
export { learningRateAt, SCHEDULE_NAMES, describeValue } from './schedules.ts';
export type { LearningRate, LearningRateSchedule } from './schedules.ts';
export type { OptimizerStateDict, SerializedArray } from './state-dict.ts';
export { adamUpdate, adamStep, type AdamStep } from './adam.ts';
export { adamaxUpdate } from './adamax.ts';
export { nadamUpdate, nadamMomentum, advanceMuProduct } from './nadam.ts';
export { sgdUpdate } from './sgd.ts';
export { rmspropUpdate } from './rmsprop.ts';
export { adadeltaUpdate } from './adadelta.ts';
export { adafactorUpdate } from './adafactor.ts';
export type { Hyperparameters, FormulaSwitches } from './hyperparameters.ts';

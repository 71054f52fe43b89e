/**
 * seedgrad's public API: tensors, autograd ops, gradcheck and the gradient fuzzer, the
 * optimizers, the recommender workload (data, model, evaluation, training runs, sweeps),
 * the kernel backends and the seeded RNG. Nothing else lives here.
 */
export { Tensor } from './tensor/tensor.ts';
export type { Dtype, FloatArray } from './tensor/dtype.ts';
export type { Shape } from './tensor/shape.ts';
export { tensor, zeros, ones, full, scalar, arange, randomUniform, randomNormal, cast, type CreateOptions } from './tensor/create.ts';
export * from './autograd/index.ts';
export { fuzzTarget, COMPOSITIONS, type FuzzReport, type FuzzOptions, type FuzzTarget } from './autograd/fuzz/runner.ts';
export {
  createOptimizer, resolveOptimizerConfig, learningRateAt, OPTIMIZER_NAMES, CONVENTIONS, SCHEDULE_NAMES, OptimizerConfigError,
  type Optimizer, type OptimizerConfig, type OptimizerOptions, type OptimizerName, type Convention, type OptimizerStateDict, type LearningRateSchedule,
} from './optim/index.ts';
export { Module, Embedding, Dense, Dropout, Recommender, MODEL_KINDS, type ModelKind, type RecommenderConfig } from './model/index.ts';
export {
  loadInteractions, buildDataset, resolveDataSource, generateSynthetic, sampleTrainingEpoch, sampleEvaluationCandidates, DataError,
  type RawInteractions, type Dataset,
} from './data/index.ts';
export { evaluateSampled, evaluateFullRanking, modelScorer, popularityScorer, rankingMetrics, type Scorer, type Evaluation } from './eval/index.ts';
export {
  resolveTrainConfig, runTraining, loadCheckpoint, parseSweepConfig, runSweep, mergeSweeps, PROTOCOL_DEFAULTS, ConfigError, TrainingDivergedError,
  type TrainConfig, type RunResult, type EpochRecord, type SweepConfig,
} from './experiment/index.ts';
export { createRng, restoreRng, type Rng, type RngState } from './random.ts';
export { setBackend, backendInfo, closeBackend, type BackendChoice, type BackendInfo, type SetBackendOptions } from './backend/index.ts';

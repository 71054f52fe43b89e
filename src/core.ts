/**
 * The platform-neutral public API, shared by the Node entry (index.ts) and the browser
 * entry (browser.ts): tensors, autograd ops, gradients of any order (grad, hvp),
 * gradcheck and gradgradcheck, the gradient fuzzer (which loads fast-check on demand:
 * `await loadFuzzer()`), the optimizers, the recommender model, in-memory data and
 * evaluation, the landscapes' test functions and runs, the backend choice and the seeded
 * RNG. Nothing here imports a `node:` module, directly or through the backend (a test
 * walks the imports to keep it so).
 */
export { Tensor } from './tensor/tensor.ts';
export type { Dtype, FloatArray } from './tensor/dtype.ts';
export type { Shape } from './tensor/shape.ts';
export { tensor, zeros, ones, full, scalar, arange, randomUniform, randomNormal, cast, type CreateOptions } from './tensor/create.ts';
export * from './autograd/index.ts';
export { loadFuzzer, fuzzTarget, COMPOSITIONS, type FuzzReport, type FuzzOptions, type FuzzTarget } from './autograd/fuzz/loader.ts';
export {
  createOptimizer, resolveOptimizerConfig, learningRateAt, OPTIMIZER_NAMES, CONVENTIONS, SCHEDULE_NAMES, OptimizerConfigError,
  type Optimizer, type OptimizerConfig, type OptimizerOptions, type OptimizerName, type Convention, type OptimizerStateDict, type LearningRateSchedule,
  type Closure, type ClosureResult, type TouchedRowsMap,
  parseTraceInput, streamTrace, runTrace, TraceInputError, type TraceInput, type TraceSink,
} from './optim/index.ts';
export { Module, Embedding, Dense, Dropout, Recommender, MODEL_KINDS, type ModelKind, type RecommenderConfig } from './model/index.ts';
export type { RawInteractions, Dataset, TrainingEpoch, EvaluationCandidates } from './data/types.ts';
export { UserError } from './user-error.ts';
export { DataError } from './data/errors.ts';
export { buildDataset } from './data/dataset.ts';
export { generateSynthetic, type SyntheticOptions } from './data/synthetic.ts';
export { sampleTrainingEpoch } from './data/training-sampler.ts';
export { sampleEvaluationCandidates } from './data/evaluation-candidates.ts';
export { evaluateSampled, evaluateFullRanking, modelScorer, popularityScorer, rankingMetrics, type Scorer, type Evaluation } from './eval/index.ts';
export { FUNCTION_NAMES, TEST_FUNCTIONS, type FunctionName, type TestFunction } from './landscape/functions.ts';
export { runOptimizer, type RunSettings, type Trajectory, type Divergence } from './landscape/run.ts';
export { PROTOCOL_DEFAULTS, ConfigError, resolveTrainConfig, type TrainConfig } from './experiment/run/config.ts';
export { runTraining, metricValue, TIMING_FIELDS, type StepContext, type StepHook, type RunResult, type EpochRecord, type Metrics, type TrainingOptions } from './experiment/run/training.ts';
export { TrainingDivergedError } from './experiment/run/epoch.ts';
export type { StepDiagnostics, ParameterDiagnostics, StepQuantiles } from './experiment/run/diagnostics.ts';
export { epsilonDominance, epsilonDominanceStatement } from './optim/epsilon-dominance.ts';
export { createRng, restoreRng, type Rng, type RngState } from './random.ts';
export {
  setBackend, backendInfo, backendCounters, closeBackend, useGpujs, currentPlatform, BackendUnavailableError,
  type BackendChoice, type BackendCounters, type BackendInfo, type SetBackendOptions, type GpujsModule, type UseGpujsOptions, type PlatformName,
} from './backend/index.ts';

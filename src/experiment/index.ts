/** Experiments: configuration, the training run, checkpoints. */
export { PROTOCOL_DEFAULTS, ConfigError, resolveTrainConfig, type TrainConfig, type RecommenderTrainConfig, type TeacherStudentConfig, type WorkloadName } from './run/config.ts';
export { WORKLOADS, WORKLOAD_NAMES, workloadOf, type Workload, type WorkloadRun, type EpochBatches, type MetricSpec, type MetricValues } from './workloads/index.ts';
export { runTraining, metricValue, TIMING_FIELDS, type RunResult, type RunOptions, type EpochRecord, type Metrics } from './run/run.ts';
export { TrainingDivergedError, type StepContext, type StepHook } from './run/epoch.ts';
export { saveCheckpoint, loadCheckpoint, hasCheckpoint, restoreSession, CheckpointError, type Checkpoint } from './run/checkpoint.ts';
export { encodeSafetensors, decodeSafetensors } from './run/safetensors.ts';
export { createSession, releaseSession, type Session } from './run/session.ts';
export { MAX_RUNS, parseSweepConfig, planSweep, sweepUnits, shardUnits, type SweepConfig, type PlannedRun, type Unit } from './sweep/sweep-config.ts';
export { runSweep, mergeSweeps, defaultSweepDir, type SweepRunOptions, type SweepOutcome } from './sweep/sweep.ts';
export { SweepUnitError } from './sweep/sweep-runner.ts';

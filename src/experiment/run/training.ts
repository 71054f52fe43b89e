/**
 * A whole training run, on any platform and for any workload (src/experiment/workloads):
 * epochs of training, evaluation after each, the workload's baseline. Where a run
 * continues from and what happens after each epoch (Node's checkpoints, run.ts) come in
 * as hooks, so this file touches no file system.
 */
import type { Dataset } from '../../data/types.ts';
import type { TrainConfig } from './config.ts';
import { createSession, releaseSession, type Session } from './session.ts';
import { TrainingDivergedError, releaseEpochBuffers, trainEpoch, type EpochBuffers, type StepHook, type StepListener } from './epoch.ts';
import { describeArgument } from '../../describe.ts';
import { assertDataset } from '../../data/check.ts';
import { workloadOf, type MetricValues } from '../workloads/index.ts';
import type { DiagnosticsCollector, StepDiagnostics } from './diagnostics.ts';
import type { SharpnessOptions } from '../../autograd/index.ts';
import { ConfigError } from './config.ts';

export type { StepContext, StepHook } from './epoch.ts';

/** The recommender's metrics: HR@K and NDCG@K. */
export interface Metrics {
  readonly hitRate: number;
  readonly ndcg: number;
}

/**
 * One epoch: its mean batch loss, steps and timings, and the workload's metrics by name
 * beside them (the recommender's hitRate, ndcg and fullRanking; the teacher–student's
 * trainLoss, testLoss and, for classification, the accuracies).
 */
export interface EpochRecord {
  readonly epoch: number;
  /** With `diagnostics`: the steps of this epoch that were measured, per parameter (diagnostics.ts). */
  readonly diagnostics?: readonly StepDiagnostics[];
  readonly loss: number;
  readonly steps: number;
  readonly samplingSeconds: number;
  readonly trainingSeconds: number;
  readonly evaluationSeconds: number;
  readonly [metric: string]: number | MetricValues | readonly StepDiagnostics[] | undefined;
}

export interface RunResult {
  readonly config: TrainConfig;
  /** What the workload says of its data (the recommender: source, users, items, trainingPositives). */
  readonly dataset: Readonly<Record<string, string | number>>;
  readonly parameterCount: number;
  /** The workload's reference scored the same way (the popularity ranking; the best constant prediction): the floor a model must clear. */
  readonly baseline: MetricValues;
  /** The completed epochs (all of them, unless the run diverged). */
  readonly history: readonly EpochRecord[];
  /** With `onDiverged: 'record'`: where the loss stopped being finite. */
  readonly diverged?: { readonly epoch: number; readonly step: number; readonly loss: string };
}

/** A metric of a record or baseline by name, or NaN where it has none. */
export function metricValue(values: Readonly<Record<string, unknown>>, name: string): number {
  const value = values[name];
  return typeof value === 'number' ? value : NaN;
}

export interface TrainingOptions {
  readonly onEpoch?: (record: EpochRecord) => void;
  readonly onStep?: (epoch: number, step: number, steps: number, loss: number) => void;
  /**
   * A NaN or infinite loss stops training either way; 'throw' (the default) raises
   * TrainingDivergedError, 'record' returns the epochs so far with `diverged` set, so a
   * sweep can report the run as diverged and go on.
   */
  readonly onDiverged?: 'throw' | 'record';
  /**
   * Measure every N-th optimizer step per parameter (gradient and update norms, update/weight,
   * effective step quantiles, ε-dominance; diagnostics.ts) into each epoch's record;
   * N in [1, the run's steps]. Off (and free) by default.
   */
  readonly diagnostics?: number;
  /** With `diagnostics`: measure the batch loss's sharpness at those steps too (diagnostics.ts), with these Lanczos settings. */
  readonly sharpness?: SharpnessOptions;
  /** Called after every optimizer step (a measurement every N steps: `if (c.globalStep % N === 0) …`). */
  readonly afterStep?: StepHook;
}

/** Where a run continues from, and what it does after each epoch (run.ts: checkpoints). */
export interface RunHooks {
  readonly startFrom?: { readonly epoch: number; readonly history: readonly EpochRecord[]; restore(session: Session): void };
  readonly afterEpoch?: (session: Session, epoch: number, history: readonly EpochRecord[]) => void;
}

/** Trains `config` (on `dataset`, for a workload that loads one: the recommender): every epoch, its evaluation, and the baseline at the end. */
export function runTraining(config: TrainConfig, dataset: Dataset | undefined, options: TrainingOptions = {}): RunResult {
  checkRunArguments(config, dataset);
  return trainRun(config, dataset, options);
}

/** runTraining's arguments: a resolved config and a dataset from buildDataset, or one line saying which is wrong. */
export function checkRunArguments(config: TrainConfig, dataset: Dataset | undefined): void {
  if (config === null || typeof config !== 'object' || typeof config.seed !== 'number' || typeof config.optimizer !== 'string') {
    throw new TypeError(`runTraining: the first argument must be a config from resolveTrainConfig({...}), got ${describeArgument(config)}`);
  }
  if (workloadOf(config).loadsData) assertDataset('runTraining', dataset);
}

/** runTraining with hooks, on arguments its caller has checked (checkRunArguments); the Node entry's runTraining passes checkpoints through them. */
export function trainRun(config: TrainConfig, dataset: Dataset | undefined, options: TrainingOptions, hooks: RunHooks = {}): RunResult {
  const session = createSession(config, dataset);
  const buffers: EpochBuffers = {};
  try {
    return trainSession(session, config, options, hooks, buffers);
  } finally {
    // The session and its steps' buffers never leave this function: their arrays can serve the next run.
    releaseSession(session);
    releaseEpochBuffers(buffers);
  }
}

function trainSession(session: Session, config: TrainConfig, options: TrainingOptions, hooks: RunHooks, buffers: EpochBuffers): RunResult {
  const history: EpochRecord[] = [];
  let firstEpoch = 1;
  if (hooks.startFrom) {
    hooks.startFrom.restore(session);
    history.push(...hooks.startFrom.history);
    firstEpoch = hooks.startFrom.epoch + 1;
  }
  if (options.sharpness !== undefined && options.diagnostics === undefined) throw new ConfigError('sharpness: it is measured at the diagnostics steps; set diagnostics (the interval in steps) too');
  const diagnostics = options.diagnostics === undefined ? undefined : { ...diagnosticsCollector(options.diagnostics, config, session), sharpness: options.sharpness };
  let diverged: RunResult['diverged'];
  for (let epoch = firstEpoch; epoch <= config.epochs; epoch++) {
    const onStep: StepListener | undefined = options.onStep && ((step, steps, loss) => options.onStep!(epoch, step, steps, loss));
    let trained;
    try {
      trained = trainEpoch(session, epoch, buffers, onStep, options.afterStep, diagnostics);
    } catch (error) {
      if (!(error instanceof TrainingDivergedError) || options.onDiverged !== 'record') throw error;
      // JSON has no NaN or Infinity: the loss is kept as its name.
      diverged = { epoch: error.epoch, step: error.step, loss: String(error.value) };
      break;
    }
    const evalStart = performance.now();
    // Schedule-Free rules are evaluated at x, their average, not at y where they train.
    const metrics = session.optimizer.atEvaluationWeights(() => session.workload.evaluate());
    const record: EpochRecord = {
      epoch,
      loss: trained.loss,
      ...metrics,
      steps: trained.steps,
      samplingSeconds: trained.samplingSeconds,
      trainingSeconds: trained.trainingSeconds,
      evaluationSeconds: (performance.now() - evalStart) / 1000,
      ...(diagnostics === undefined ? {} : { diagnostics: diagnostics.records.splice(0) }),
    };
    history.push(record);
    hooks.afterEpoch?.(session, epoch, history);
    options.onEpoch?.(record);
  }
  return {
    config,
    dataset: session.workload.dataSummary,
    parameterCount: session.workload.parameterCount,
    baseline: session.workload.baseline(),
    history,
    ...(diverged ? { diverged } : {}),
  };
}

/** The collector for `--diagnostics every`, refusing an interval outside [1, the run's steps] in one line. */
function diagnosticsCollector(every: number, config: TrainConfig, session: Session): DiagnosticsCollector {
  const steps = config.epochs * Math.ceil(session.workload.examplesPerEpoch / config.batchSize);
  if (!Number.isInteger(every) || every < 1 || every > steps) {
    throw new ConfigError(`diagnostics: the interval must be an integer in [1, ${steps}] (the run's steps: ${config.epochs} epochs of ${steps / config.epochs}), got ${describeArgument(every)}`);
  }
  return { every, records: [] };
}

/** Field names that hold timings: the only fields that may differ between two runs of one config. */
export const TIMING_FIELDS = ['samplingSeconds', 'trainingSeconds', 'evaluationSeconds'] as const;

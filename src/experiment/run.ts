/** A whole training run: epochs of training, evaluation after each, checkpoints, resume. */
import { performance } from 'node:perf_hooks';
import type { Dataset } from '../data/index.ts';
import { evaluateFullRanking, evaluateSampled, modelScorer, popularityScorer, type Scorer } from '../eval/index.ts';
import type { TrainConfig } from './config.ts';
import { createSession, releaseSession, type Session } from './session.ts';
import { TrainingDivergedError, trainEpoch, type EpochBuffers, type StepListener } from './epoch.ts';
import { CheckpointError, datasetFingerprint, restoreSession, saveCheckpoint, type Checkpoint } from './checkpoint.ts';
import { describeArgument } from '../describe.ts';
import { assertDataset } from '../data/check.ts';

export interface Metrics {
  readonly hitRate: number;
  readonly ndcg: number;
}

export interface EpochRecord extends Metrics {
  readonly epoch: number;
  readonly loss: number;
  readonly steps: number;
  /** With `fullRanking`: HR@K and NDCG@K against every item the user has not trained on. */
  readonly fullRanking?: Metrics;
  readonly samplingSeconds: number;
  readonly trainingSeconds: number;
  readonly evaluationSeconds: number;
}

export interface RunResult {
  readonly config: TrainConfig;
  readonly dataset: { readonly source: string; readonly users: number; readonly items: number; readonly trainingPositives: number };
  readonly parameterCount: number;
  /** The popularity ranking scored the same way: the floor a model must clear. */
  readonly baseline: Metrics & { readonly fullRanking?: Metrics };
  /** The completed epochs (all of them, unless the run diverged). */
  readonly history: readonly EpochRecord[];
  /** With `onDiverged: 'record'`: where the loss stopped being finite. */
  readonly diverged?: { readonly epoch: number; readonly step: number; readonly loss: string };
}

export interface RunOptions {
  readonly onEpoch?: (record: EpochRecord) => void;
  readonly onStep?: (epoch: number, step: number, steps: number, loss: number) => void;
  /** Save a checkpoint here after every epoch. */
  readonly checkpointDir?: string;
  /** Continue from this checkpoint (its config must equal `config` but for `epochs`); one holding every epoch only finishes the run (baseline, result). */
  readonly resume?: Checkpoint;
  /**
   * A NaN or infinite loss stops training either way; 'throw' (the default) raises
   * TrainingDivergedError, 'record' returns the epochs so far with `diverged` set, so a
   * sweep can report the run as diverged and go on.
   */
  readonly onDiverged?: 'throw' | 'record';
}

function evaluate(session: Session, score: Scorer): Metrics & { fullRanking?: Metrics } {
  const { config, dataset, candidates } = session;
  const sampled = evaluateSampled(score, candidates.candidates, candidates.perUser, config.topK);
  const metrics = { hitRate: sampled.hitRate, ndcg: sampled.ndcg };
  if (!config.fullRanking) return metrics;
  const full = evaluateFullRanking(score, { numItems: dataset.numItems, testItems: dataset.testItems, trainItemsOf: (u) => dataset.trainItems.subarray(dataset.trainOffsets[u], dataset.trainOffsets[u + 1]) }, config.topK);
  return { ...metrics, fullRanking: { hitRate: full.hitRate, ndcg: full.ndcg } };
}

/** A checkpoint continues only the run it was written by: every key but `epochs` (and the data's path) must match, and it may not hold more epochs than asked for. */
function checkResumable(checkpoint: Checkpoint, config: TrainConfig, dataset: Dataset): void {
  if (checkpoint.datasetFingerprint !== datasetFingerprint(dataset)) {
    throw new CheckpointError(`resume: the checkpoint was trained on other data than ${dataset.source} (its split differs)`);
  }
  const differ = (Object.keys(config) as (keyof TrainConfig)[]).filter(
    (key) => key !== 'epochs' && key !== 'data' && JSON.stringify(config[key]) !== JSON.stringify(checkpoint.config[key]),
  );
  if (differ.length > 0) {
    throw new CheckpointError(`resume: the checkpoint was written by another config: ${differ.map((k) => `${k} ${JSON.stringify(checkpoint.config[k])} there, ${JSON.stringify(config[k])} here`).join('; ')}`);
  }
  // As many epochs as asked for is allowed: the run was stopped after its last checkpoint, before its result; it is finished from there.
  if (config.epochs < checkpoint.epoch) {
    throw new CheckpointError(`resume: the checkpoint holds ${checkpoint.epoch} epochs, more than the ${config.epochs} asked for`);
  }
}

export function runTraining(config: TrainConfig, dataset: Dataset, options: RunOptions = {}): RunResult {
  if (config === null || typeof config !== 'object' || typeof config.seed !== 'number' || typeof config.optimizer !== 'string') {
    throw new TypeError(`runTraining: the first argument must be a config from resolveTrainConfig({...}), got ${describeArgument(config)}`);
  }
  assertDataset('runTraining', dataset);
  const session = createSession(config, dataset);
  try {
    return trainSession(session, config, dataset, options);
  } finally {
    // The session never leaves this function: its arrays can serve the next run.
    releaseSession(session);
  }
}

function trainSession(session: Session, config: TrainConfig, dataset: Dataset, options: RunOptions): RunResult {
  const history: EpochRecord[] = [];
  let firstEpoch = 1;
  if (options.resume) {
    checkResumable(options.resume, config, dataset);
    restoreSession(session, options.resume);
    history.push(...options.resume.history);
    firstEpoch = options.resume.epoch + 1;
  }
  const buffers: EpochBuffers = {};
  const score = modelScorer(session.model);
  let diverged: RunResult['diverged'];
  for (let epoch = firstEpoch; epoch <= config.epochs; epoch++) {
    const onStep: StepListener | undefined = options.onStep && ((step, steps, loss) => options.onStep!(epoch, step, steps, loss));
    let trained;
    try {
      trained = trainEpoch(session, epoch, buffers, onStep);
    } catch (error) {
      if (!(error instanceof TrainingDivergedError) || options.onDiverged !== 'record') throw error;
      // JSON has no NaN or Infinity: the loss is kept as its name.
      diverged = { epoch: error.epoch, step: error.step, loss: String(error.value) };
      break;
    }
    const evalStart = performance.now();
    const metrics = evaluate(session, score);
    const record: EpochRecord = {
      epoch,
      loss: trained.loss,
      ...metrics,
      steps: trained.steps,
      samplingSeconds: trained.samplingSeconds,
      trainingSeconds: trained.trainingSeconds,
      evaluationSeconds: (performance.now() - evalStart) / 1000,
    };
    history.push(record);
    if (options.checkpointDir !== undefined) saveCheckpoint(options.checkpointDir, session, epoch, history);
    options.onEpoch?.(record);
  }
  return {
    config,
    dataset: { source: dataset.source, users: dataset.numUsers, items: dataset.numItems, trainingPositives: dataset.numTrain },
    parameterCount: session.model.parameterCount(),
    baseline: evaluate(session, popularityScorer(dataset.itemTrainCounts)),
    history,
    ...(diverged ? { diverged } : {}),
  };
}

/** Field names that hold timings: the only fields that may differ between two runs of one config. */
export const TIMING_FIELDS = ['samplingSeconds', 'trainingSeconds', 'evaluationSeconds'] as const;

/**
 * A training run in Node: the platform-neutral run of training.ts, with checkpoints saved
 * after every epoch and resume from one (checkpoint.ts).
 */
import type { Dataset } from '../../data/types.ts';
import type { TrainConfig } from './config.ts';
import { checkRunArguments, trainRun, type RunHooks, type RunResult, type TrainingOptions } from './training.ts';
import { CheckpointError, datasetFingerprint, restoreSession, saveCheckpoint, type Checkpoint } from './checkpoint.ts';

export { TIMING_FIELDS, metricValue, type RunResult, type EpochRecord, type Metrics, type TrainingOptions } from './training.ts';

export interface RunOptions extends TrainingOptions {
  /** Save a checkpoint here after every epoch. */
  readonly checkpointDir?: string;
  /** Continue from this checkpoint (its config must equal `config` but for `epochs`); one holding every epoch only finishes the run (baseline, result). */
  readonly resume?: Checkpoint;
}

/** A checkpoint continues only the run it was written by: every key but `epochs` (and the data's path) must match, and it may not hold more epochs than asked for. */
function checkResumable(checkpoint: Checkpoint, config: TrainConfig, dataset: Dataset | undefined): void {
  // A workload that makes its own data makes it from the config, checked below (and its bytes when the session is restored).
  if (dataset !== undefined && checkpoint.datasetFingerprint !== datasetFingerprint(dataset)) {
    throw new CheckpointError(`resume: the checkpoint was trained on other data than ${dataset.source} (its split differs)`);
  }
  const [ours, theirs] = [config, checkpoint.config] as unknown as Record<string, unknown>[];
  const differ = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].filter(
    (key) => key !== 'epochs' && key !== 'data' && JSON.stringify(ours[key]) !== JSON.stringify(theirs[key]),
  );
  if (differ.length > 0) {
    throw new CheckpointError(`resume: the checkpoint was written by another config: ${differ.map((k) => `${k} ${JSON.stringify(theirs[k])} there, ${JSON.stringify(ours[k])} here`).join('; ')}`);
  }
  // As many epochs as asked for is allowed: the run was stopped after its last checkpoint, before its result; it is finished from there.
  if (config.epochs < checkpoint.epoch) {
    throw new CheckpointError(`resume: the checkpoint holds ${checkpoint.epoch} epochs, more than the ${config.epochs} asked for`);
  }
}

/** Trains `config` on `dataset`, checkpointing after every epoch into `checkpointDir` and resuming from `resume` when given. */
export function runTraining(config: TrainConfig, dataset: Dataset | undefined, options: RunOptions = {}): RunResult {
  const { resume, checkpointDir } = options;
  checkRunArguments(config, dataset);
  if (resume !== undefined) checkResumable(resume, config, dataset);
  const hooks: RunHooks = {
    ...(resume !== undefined ? { startFrom: { epoch: resume.epoch, history: resume.history, restore: (session) => restoreSession(session, resume) } } : {}),
    ...(checkpointDir !== undefined ? { afterEpoch: (session, epoch, history) => saveCheckpoint(checkpointDir, session, epoch, history) } : {}),
  };
  return trainRun(config, dataset, options, hooks);
}

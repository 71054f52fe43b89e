/**
 * Checkpoints at epoch boundaries, so a stopped run resumes to the bit:
 *
 *   DIR/checkpoint.json                  which epoch is saved, and where (written last)
 *   DIR/checkpoints/epoch-K/model.safetensors   the parameters (readable by PyTorch's safetensors)
 *   DIR/checkpoints/epoch-K/optimizer.json      the optimizer's state dict (state arrays, step count)
 *   DIR/checkpoints/epoch-K/state.json          config, history, the dropout streams' states, and the
 *                                               SHA-256 of model.safetensors and optimizer.json (checked on load)
 *
 * Every file is written to a temporary name and renamed, and the pointer file is renamed
 * into place only after the epoch's directory is complete, so a kill at any moment
 * leaves the previous checkpoint intact.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RngState } from '../../random.ts';
import type { OptimizerStateDict } from '../../optim/index.ts';
import { decodeSafetensors, encodeSafetensors, type NamedArray } from './safetensors.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { createHash } from 'node:crypto';
import type { Dataset } from '../../data/index.ts';
import { dtypeOf } from '../../tensor/dtype.ts';
import type { Session } from './session.ts';
import { resolveTrainConfig, type TrainConfig } from './config.ts';
import type { EpochRecord } from './training.ts';
import { UserError } from '../../user-error.ts';

const FORMAT = 'seedgrad-checkpoint/1';

/** A missing, foreign or damaged checkpoint, or one that does not fit the run: the message names the file or the difference. */
export class CheckpointError extends UserError {
  override readonly name = 'CheckpointError';
}

const fingerprints = new WeakMap<object, string>();

/** SHA-256 over the data's own bytes, so the same data under another path still matches and other data does not. */
function fingerprintOf(key: object, arrays: () => readonly ArrayBufferView[]): string {
  let fingerprint = fingerprints.get(key);
  if (fingerprint === undefined) {
    const hash = createHash('sha256');
    for (const column of arrays()) hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
    fingerprints.set(key, (fingerprint = hash.digest('hex')));
  }
  return fingerprint;
}

/** The recommender's dataset: SHA-256 over its split (ids, training positives, held-out items). */
export function datasetFingerprint(dataset: Dataset): string {
  return fingerprintOf(dataset, () => [dataset.userIds, dataset.itemIds, dataset.testItems, dataset.trainUsers, dataset.trainItems]);
}

/** The data a session trains on, by the arrays its workload names (for the recommender, datasetFingerprint of its dataset). */
export function sessionDataFingerprint(session: Session): string {
  return fingerprintOf(session.workload, () => session.workload.dataArrays());
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Checkpoint {
  readonly config: TrainConfig;
  /** SHA-256 of the data (the recommender's split: ids, training positives, held-out items): a resume must train on the same data. */
  readonly datasetFingerprint: string;
  readonly epoch: number;
  readonly history: readonly EpochRecord[];
  readonly parameters: ReadonlyMap<string, NamedArray>;
  readonly optimizer: OptimizerStateDict;
  readonly randomStates: Record<string, RngState>;
  /** Where the optimizer state was read from, for messages about it. */
  readonly optimizerFile?: string;
}

/** The files of an epoch's checkpoint whose SHA-256 state.json records. */
const HASHED_FILES = ['model.safetensors', 'optimizer.json'] as const;

const sha256 = (bytes: string | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

interface StateFile {
  readonly format: string;
  readonly config: TrainConfig;
  readonly datasetFingerprint: string;
  readonly epoch: number;
  readonly history: readonly EpochRecord[];
  readonly randomStates: Record<string, RngState>;
  readonly sha256: Readonly<Record<(typeof HASHED_FILES)[number], string>>;
}

export function saveCheckpoint(dir: string, session: Session, epoch: number, history: readonly EpochRecord[]): void {
  const relative = join('checkpoints', `epoch-${epoch}`);
  const epochDir = join(dir, relative);
  const tensors = new Map(session.parameters.map(([name, t]) => [name, { shape: t.shape, data: t.data }]));
  const model = encodeSafetensors(tensors, { format: FORMAT, epoch: String(epoch) });
  const optimizer = JSON.stringify(session.optimizer.stateDict());
  writeFileAtomic(join(epochDir, 'model.safetensors'), model);
  writeFileAtomic(join(epochDir, 'optimizer.json'), optimizer);
  const state: StateFile = {
    format: FORMAT, config: session.config, datasetFingerprint: sessionDataFingerprint(session), epoch, history, randomStates: session.workload.randomStates(),
    sha256: { 'model.safetensors': sha256(model), 'optimizer.json': sha256(optimizer) },
  };
  writeFileAtomic(join(epochDir, 'state.json'), JSON.stringify(state, null, 1));
  writeFileAtomic(join(dir, 'checkpoint.json'), JSON.stringify({ format: FORMAT, epoch, directory: relative }, null, 1) + '\n');
  for (const old of readdirSync(join(dir, 'checkpoints'))) {
    if (old !== `epoch-${epoch}`) rmSync(join(dir, 'checkpoints', old), { recursive: true, force: true });
  }
}

export function hasCheckpoint(dir: string): boolean {
  return existsSync(join(dir, 'checkpoint.json'));
}

export function loadCheckpoint(dir: string): Checkpoint {
  const pointerFile = join(dir, 'checkpoint.json');
  if (!existsSync(pointerFile)) throw new CheckpointError(`${dir}: no checkpoint here (expected ${pointerFile}, written by 'seedgrad train --out DIR')`);
  const pointer = readJson(pointerFile);
  if (!isRecord(pointer) || pointer.format !== FORMAT || typeof pointer.directory !== 'string') throw new CheckpointError(`${pointerFile}: not a ${FORMAT} checkpoint pointer`);
  const epochDir = join(dir, pointer.directory);
  const stateFile = join(epochDir, 'state.json');
  const state = readJson(stateFile);
  const bad = (what: string): never => {
    throw new CheckpointError(`${stateFile}: ${what}`);
  };
  if (!isRecord(state) || state.format !== FORMAT) bad(`not a ${FORMAT} state file`);
  const { config, epoch, history, randomStates, datasetFingerprint: fingerprint, sha256: hashes } = state as Record<string, unknown>;
  if (typeof fingerprint !== 'string') bad('datasetFingerprint must be a string');
  if (!Number.isSafeInteger(epoch) || (epoch as number) < 1) bad(`epoch must be an integer >= 1, got ${JSON.stringify(epoch)}`);
  if (!Array.isArray(history) || history.length !== epoch) bad(`history must list the ${String(epoch)} saved epochs`);
  if (!isRecord(randomStates)) bad('randomStates must be an object keyed by stream');
  if (!isRecord(config)) bad('config must be an object');
  if (!isRecord(hashes) || !HASHED_FILES.every((f) => typeof hashes[f] === 'string')) bad(`sha256 must record the SHA-256 of ${HASHED_FILES.join(' and ')} (a checkpoint from before seedgrad kept them cannot be verified)`);
  const read = (name: string): Buffer => {
    const file = join(epochDir, name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new CheckpointError(`${file}: cannot read this file of the checkpoint`);
    }
    if (sha256(bytes) !== (hashes as Record<string, string>)[name]) throw new CheckpointError(`${file}: its SHA-256 differs from the one recorded in state.json: the file was changed or damaged`);
    return bytes;
  };
  const modelFile = join(epochDir, 'model.safetensors');
  const bytes = new Uint8Array(read('model.safetensors'));
  const optimizerFile = join(epochDir, 'optimizer.json');
  const optimizerText = read('optimizer.json').toString('utf8');
  let tensors: Map<string, NamedArray>;
  try {
    tensors = decodeSafetensors(bytes, modelFile).tensors;
  } catch (error) {
    throw new CheckpointError((error as Error).message);
  }
  return {
    config: resolveTrainConfig(config as Partial<TrainConfig>, stateFile),
    datasetFingerprint: fingerprint as string,
    epoch: epoch as number,
    history: history as EpochRecord[],
    parameters: tensors,
    optimizer: parseJson(optimizerText, optimizerFile) as OptimizerStateDict,
    randomStates: randomStates as Record<string, RngState>,
    optimizerFile,
  };
}

/**
 * Puts a checkpoint's parameters, optimizer state and streams into a freshly built
 * session. Everything is checked before anything is written: the parameter names (both
 * ways), shapes and dtypes, and the optimizer state (by `loadStateDict`, which validates
 * before it copies).
 */
export function restoreSession(session: Session, checkpoint: Checkpoint): void {
  if (checkpoint.datasetFingerprint !== sessionDataFingerprint(session)) throw new CheckpointError('resume: the checkpoint was trained on other data than this run (its SHA-256 differs)');
  const names = new Set(session.parameters.map(([name]) => name));
  const extra = [...checkpoint.parameters.keys()].filter((name) => !names.has(name));
  if (extra.length > 0) throw new CheckpointError(`checkpoint: parameters the model does not have: ${extra.join(', ')}`);
  for (const [name, t] of session.parameters) {
    const saved = checkpoint.parameters.get(name);
    if (saved === undefined) throw new CheckpointError(`checkpoint: no parameter '${name}'`);
    const savedDtype = dtypeOf(saved.data);
    if (saved.shape.join(',') !== t.shape.join(',') || savedDtype !== t.dtype) {
      throw new CheckpointError(`checkpoint: parameter '${name}' is ${savedDtype} [${saved.shape}], the model has ${t.dtype} [${t.shape}]`);
    }
  }
  try {
    session.optimizer.loadStateDict(checkpoint.optimizer);
  } catch (error) {
    throw new CheckpointError(`${checkpoint.optimizerFile ?? 'checkpoint: optimizer state'}: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const [name, t] of session.parameters) t.data.set(checkpoint.parameters.get(name)!.data);
  session.workload.loadRandomStates(checkpoint.randomStates);
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CheckpointError(`${file}: cannot read the checkpoint: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseJson(text, file);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CheckpointError(`${file}: cannot read the checkpoint: ${error instanceof Error ? error.message : String(error)}`);
  }
}

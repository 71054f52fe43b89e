/**
 * Checkpoints at epoch boundaries, so a stopped run resumes to the bit:
 *
 *   DIR/checkpoint.json                  which epoch is saved, and where (written last)
 *   DIR/checkpoints/epoch-K/model.safetensors   the parameters (readable by PyTorch's safetensors)
 *   DIR/checkpoints/epoch-K/optimizer.json      the optimizer's state dict (state arrays, step count)
 *   DIR/checkpoints/epoch-K/state.json          config, history, the dropout streams' states
 *
 * Every file is written to a temporary name and renamed, and the pointer file is renamed
 * into place only after the epoch's directory is complete, so a kill at any moment
 * leaves the previous checkpoint intact.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RngState } from '../random.ts';
import type { OptimizerStateDict } from '../optim/index.ts';
import { decodeSafetensors, encodeSafetensors, type NamedArray } from './safetensors.ts';
import { writeFileAtomic } from './atomic-write.ts';
import type { Session } from './session.ts';
import type { TrainConfig } from './config.ts';
import type { EpochRecord } from './run.ts';

const FORMAT = 'seedgrad-checkpoint/1';

export interface Checkpoint {
  readonly config: TrainConfig;
  readonly epoch: number;
  readonly history: readonly EpochRecord[];
  readonly parameters: ReadonlyMap<string, NamedArray>;
  readonly optimizer: OptimizerStateDict;
  readonly randomStates: Record<string, RngState>;
}

interface StateFile {
  readonly format: string;
  readonly config: TrainConfig;
  readonly epoch: number;
  readonly history: readonly EpochRecord[];
  readonly randomStates: Record<string, RngState>;
}

export function saveCheckpoint(dir: string, session: Session, epoch: number, history: readonly EpochRecord[]): void {
  const relative = join('checkpoints', `epoch-${epoch}`);
  const epochDir = join(dir, relative);
  const tensors = new Map(session.parameters.map(([name, t]) => [name, { shape: t.shape, data: t.data }]));
  writeFileAtomic(join(epochDir, 'model.safetensors'), encodeSafetensors(tensors, { format: FORMAT, epoch: String(epoch) }));
  writeFileAtomic(join(epochDir, 'optimizer.json'), JSON.stringify(session.optimizer.stateDict()));
  const state: StateFile = { format: FORMAT, config: session.config, epoch, history, randomStates: session.model.randomStates() };
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
  if (!existsSync(pointerFile)) throw new Error(`${dir}: no checkpoint here (expected ${pointerFile}, written by 'seedgrad train --out DIR')`);
  const pointer = readJson(pointerFile) as { format?: string; directory?: string };
  if (pointer.format !== FORMAT || typeof pointer.directory !== 'string') throw new Error(`${pointerFile}: not a ${FORMAT} checkpoint pointer`);
  const epochDir = join(dir, pointer.directory);
  const state = readJson(join(epochDir, 'state.json')) as StateFile;
  const modelFile = join(epochDir, 'model.safetensors');
  const { tensors } = decodeSafetensors(new Uint8Array(readFileSync(modelFile)), modelFile);
  return {
    config: state.config,
    epoch: state.epoch,
    history: state.history,
    parameters: tensors,
    optimizer: readJson(join(epochDir, 'optimizer.json')) as OptimizerStateDict,
    randomStates: state.randomStates,
  };
}

/** Puts a checkpoint's parameters, optimizer state and streams into a freshly built session; names, shapes and dtypes must match. */
export function restoreSession(session: Session, checkpoint: Checkpoint): void {
  for (const [name, t] of session.parameters) {
    const saved = checkpoint.parameters.get(name);
    if (saved === undefined) throw new Error(`checkpoint: no parameter '${name}'`);
    const savedDtype = saved.data instanceof Float64Array ? 'float64' : 'float32';
    if (saved.shape.join(',') !== t.shape.join(',') || savedDtype !== t.dtype) {
      throw new Error(`checkpoint: parameter '${name}' is ${savedDtype} [${saved.shape}], the model has ${t.dtype} [${t.shape}]`);
    }
    t.data.set(saved.data);
  }
  session.optimizer.loadStateDict(checkpoint.optimizer);
  session.model.loadRandomStates(checkpoint.randomStates);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the checkpoint: ${error instanceof Error ? error.message : String(error)}`);
  }
}

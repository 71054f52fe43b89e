/**
 * One unit of a sweep (one run, one seed) in its own folder: checkpoints after every
 * epoch, `result.json` when done. A unit whose result exists is finished; one with only a
 * checkpoint resumes from it (to the bit, see checkpoint.ts). result.json carries the
 * SHA-256 of the unit's config (`configHash`): a result written by another config is
 * never taken for this unit's.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../run/config.ts';
import { workloadOf } from '../workloads/index.ts';
import { buildDataset, resolveDataSource, type Dataset } from '../../data/index.ts';
import type { TrainConfig } from '../run/config.ts';
import { runTraining, type RunResult } from '../run/run.ts';
import { hasCheckpoint, loadCheckpoint } from '../run/checkpoint.ts';
import { writeFileAtomic } from '../run/atomic-write.ts';
import type { SweepDiagnostics } from './sweep-diagnostics.ts';
import type { Accumulation, BackendChoice } from '../../backend/index.ts';

export interface UnitTask {
  readonly id: string;
  /** How messages name the unit: `run 2 (SGD) seed 0`. */
  readonly name: string;
  readonly config: TrainConfig;
  /** The unit's folder. */
  readonly dir: string;
  /** Continue from a checkpoint in `dir` if there is one (else start over). */
  readonly resume: boolean;
  /** The kernel backend a worker thread sets up before its first unit. */
  readonly backend: SweepBackend;
  /** Per-parameter diagnostics (and sharpness) to record in the unit's result. */
  readonly diagnostics?: SweepDiagnostics;
}

export interface SweepBackend {
  readonly choice: BackendChoice;
  /** js threads per run: 1 when several runs share the cores. */
  readonly threads?: number;
  /** The js backend's float32 matmul accumulation (default float32). */
  readonly accumulation?: Accumulation;
}

export type UnitProgress = (epoch: number, step: number, steps: number) => void;

export const resultFile = (dir: string): string => join(dir, 'result.json');

/** JSON with object keys sorted at every level: equal configs give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const configHash = (config: TrainConfig): string => createHash('sha256').update(canonicalJson(config)).digest('hex');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasNumbers = (v: unknown, keys: readonly string[]): boolean => isRecord(v) && keys.every((k) => typeof v[k] === 'number');

/** What is missing or wrong in a parsed result.json, or undefined when it has a run result's shape. */
function resultProblem(json: unknown, metrics: readonly string[]): string | undefined {
  if (!isRecord(json)) return 'not an object';
  // Results written before configHash existed are checked by the config they hold.
  if (typeof json.configHash !== 'string' && (json.configHash !== undefined || !isRecord(json.config))) return 'configHash missing';
  if (!isRecord(json.config)) return 'config missing';
  if (!isRecord(json.dataset) || typeof json.parameterCount !== 'number') return 'dataset or parameterCount missing';
  if (!hasNumbers(json.baseline, metrics)) return 'baseline missing';
  if (!Array.isArray(json.history) || !json.history.every((h) => hasNumbers(h, ['epoch', 'loss', ...metrics]))) return `history must list epochs with loss, ${metrics.join(' and ')}`;
  if (json.diverged !== undefined && !isRecord(json.diverged)) return 'diverged must be an object';
  return undefined;
}

/**
 * The finished result of the unit `name` with `config` in `dir`, or undefined if it has
 * none yet. A damaged file, or one written by another config, is refused by name.
 */
export function readUnitResult(dir: string, config: TrainConfig, name: string): RunResult | undefined {
  const file = resultFile(dir);
  if (!existsSync(file)) return undefined;
  const rerun = 'delete it to run that unit again';
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: damaged (not valid JSON: ${error instanceof Error ? error.message : String(error)}); ${rerun}`);
  }
  const problem = resultProblem(json, workloadOf(config).metrics(config).map((m) => m.name).sort());
  if (problem !== undefined) throw new ConfigError(`${file}: not a seedgrad run result (${problem}); ${rerun}`);
  const { configHash: hash, ...result } = json as RunResult & { configHash?: string };
  if ((hash ?? configHash(result.config)) !== configHash(config)) {
    throw new ConfigError(`${file}: written by another config than ${name} has (its configHash differs); the folder mixes two sweeps: rerun with --force or give another --out`);
  }
  return result;
}

/** Drops a unit's checkpoint: only needed to resume an unfinished unit. */
function removeCheckpoint(dir: string): void {
  rmSync(join(dir, 'checkpoints'), { recursive: true, force: true });
  rmSync(join(dir, 'checkpoint.json'), { force: true });
}

const datasets = new Map<string, Promise<Dataset>>();

/** Datasets are loaded once per thread and shared by the units that use them. */
export function loadDataset(source: string): Promise<Dataset> {
  let dataset = datasets.get(source);
  if (dataset === undefined) {
    dataset = resolveDataSource(source).then(buildDataset);
    datasets.set(source, dataset);
  }
  return dataset;
}

export async function runUnit(task: UnitTask, onProgress?: UnitProgress): Promise<RunResult> {
  if (task.resume) {
    const done = readUnitResult(task.dir, task.config, task.name);
    if (done !== undefined) {
      // A kill between result.json and the clean-up below leaves the checkpoint behind.
      removeCheckpoint(task.dir);
      return done;
    }
  } else {
    rmSync(task.dir, { recursive: true, force: true });
  }
  // Only a workload that trains on loaded data (the recommender's ratings) loads any.
  const dataset = task.config.workload === undefined || task.config.workload === 'recommender' ? await loadDataset(task.config.data) : undefined;
  const resume = task.resume && hasCheckpoint(task.dir) ? loadCheckpoint(task.dir) : undefined;
  const result = runTraining(task.config, dataset, {
    checkpointDir: task.dir,
    resume,
    onDiverged: 'record',
    diagnostics: task.diagnostics?.every,
    sharpness: task.diagnostics?.sharpness,
    onStep: onProgress && ((epoch, step, steps) => onProgress(epoch, step, steps)),
  });
  writeFileAtomic(resultFile(task.dir), JSON.stringify({ configHash: configHash(task.config), ...result }, null, 1) + '\n');
  removeCheckpoint(task.dir);
  return result;
}

/**
 * One unit of a sweep (one run, one seed) in its own folder: checkpoints after every
 * epoch, `result.json` when done. A unit whose result exists is finished; one with only a
 * checkpoint resumes from it (to the bit, see checkpoint.ts).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildDataset, resolveDataSource, type Dataset } from '../data/index.ts';
import type { TrainConfig } from './config.ts';
import { runTraining, type RunResult } from './run.ts';
import { hasCheckpoint, loadCheckpoint } from './checkpoint.ts';
import { writeFileAtomic } from './atomic-write.ts';
import type { BackendChoice } from '../backend/index.ts';

export interface UnitTask {
  readonly id: string;
  readonly config: TrainConfig;
  /** The unit's folder. */
  readonly dir: string;
  /** Continue from a checkpoint in `dir` if there is one (else start over). */
  readonly resume: boolean;
  /** The kernel backend a worker thread sets up before its first unit. */
  readonly backend: SweepBackend;
}

export interface SweepBackend {
  readonly choice: BackendChoice;
  /** js threads per run: 1 when several runs share the cores. */
  readonly threads?: number;
}

export type UnitProgress = (epoch: number, step: number, steps: number) => void;

export const resultFile = (dir: string): string => join(dir, 'result.json');

export function readUnitResult(dir: string): RunResult | undefined {
  const file = resultFile(dir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunResult) : undefined;
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
    const done = readUnitResult(task.dir);
    if (done !== undefined) return done;
  } else {
    rmSync(task.dir, { recursive: true, force: true });
  }
  const dataset = await loadDataset(task.config.data);
  const resume = task.resume && hasCheckpoint(task.dir) ? loadCheckpoint(task.dir) : undefined;
  const result = runTraining(task.config, dataset, {
    checkpointDir: task.dir,
    resume,
    onDiverged: 'record',
    onStep: onProgress && ((epoch, step, steps) => onProgress(epoch, step, steps)),
  });
  writeFileAtomic(resultFile(task.dir), JSON.stringify(result, null, 1) + '\n');
  // The checkpoint is only needed to resume an unfinished unit.
  rmSync(join(task.dir, 'checkpoints'), { recursive: true, force: true });
  rmSync(join(task.dir, 'checkpoint.json'), { force: true });
  return result;
}

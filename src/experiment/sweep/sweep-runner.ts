/**
 * Runs a sweep's units, `jobs` at a time on worker threads (or inline when jobs is 1).
 * Each unit's result depends only on its config, never on scheduling, so any number of
 * jobs gives the results of a sequential sweep.
 */
import type { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { besideModule, startModuleWorker } from '../../backend/platform/module-worker.ts';
import type { RunResult } from '../run/run.ts';
import { runUnit, type SweepBackend, type UnitTask } from './sweep-unit.ts';
import type { WorkerMessage } from './sweep-worker.ts';
import type { Unit } from './sweep-config.ts';
import type { SweepDiagnostics } from './sweep-diagnostics.ts';
import { UserError } from '../../user-error.ts';

export interface SweepProgress {
  /** A unit advanced: its epoch and step within the epoch. */
  onStep?(unit: Unit, epoch: number, step: number, steps: number): void;
  onUnitDone?(unit: Unit, result: RunResult, finished: number, total: number): void;
}

export interface RunUnitsOptions {
  readonly outDir: string;
  readonly jobs: number;
  readonly resume: boolean;
  /** For worker threads; with one job the units run on the calling thread's backend. */
  readonly backend: SweepBackend;
  readonly progress?: SweepProgress;
  /** The sweep's diagnostics, for every unit. */
  readonly diagnostics?: SweepDiagnostics;
}

/** A unit that failed: the sweep stops with its message. */
export class SweepUnitError extends UserError {
  override readonly name = 'SweepUnitError';
}

export const unitDir = (outDir: string, unit: Unit): string => join(outDir, 'runs', unit.id);

export const unitName = (unit: Unit): string => `run ${unit.run.number} (${unit.run.label}) seed ${unit.seed}`;

const taskOf = (unit: Unit, options: RunUnitsOptions): UnitTask => ({ id: unit.id, name: unitName(unit), config: unit.config, dir: unitDir(options.outDir, unit), resume: options.resume, backend: options.backend, diagnostics: options.diagnostics });

/** Results in the order of `units`. */
export async function runUnits(units: readonly Unit[], options: RunUnitsOptions): Promise<RunResult[]> {
  const results = new Array<RunResult>(units.length);
  let finished = 0;
  const done = (k: number, result: RunResult) => {
    results[k] = result;
    options.progress?.onUnitDone?.(units[k], result, ++finished, units.length);
  };
  if (options.jobs <= 1 || units.length <= 1) {
    for (let k = 0; k < units.length; k++) {
      try {
        done(k, await runUnit(taskOf(units[k], options), (e, s, n) => options.progress?.onStep?.(units[k], e, s, n)));
      } catch (error) {
        throw new SweepUnitError(`${units[k].run.label} (${units[k].id}): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return results;
  }
  await runOnWorkers(units, options, done);
  return results;
}

/** A sweep worker thread: sweep-worker.js from the compiled package, sweep-worker.ts under tsx from the sources (module-worker.ts). */
function startWorker(): Worker {
  return startModuleWorker(besideModule(import.meta.url, 'sweep-worker'));
}

function runOnWorkers(units: readonly Unit[], options: RunUnitsOptions, done: (k: number, result: RunResult) => void): Promise<void> {
  const indexOf = new Map(units.map((u, k) => [u.id, k]));
  let next = 0;
  let active = 0;
  const workers: Worker[] = [];
  // Workers this side has let go of; any other worker that exits has died mid-unit.
  const retired = new Set<Worker>();
  return new Promise((resolve, reject) => {
    let failed = false;
    const stopAll = () => workers.forEach((w) => {
      retired.add(w);
      void w.terminate();
    });
    const feed = (worker: Worker) => {
      if (failed) return;
      if (next >= units.length) {
        retired.add(worker);
        void worker.terminate();
        if (active === 0) resolve();
        return;
      }
      active++;
      worker.postMessage(taskOf(units[next++], options));
    };
    for (let j = 0; j < Math.min(options.jobs, units.length); j++) {
      const worker = startWorker();
      workers.push(worker);
      worker.on('message', (message: WorkerMessage) => {
        const k = indexOf.get(message.id)!;
        if (message.type === 'progress') options.progress?.onStep?.(units[k], message.epoch, message.step, message.steps);
        else if (message.type === 'done') {
          active--;
          done(k, message.result as RunResult);
          feed(worker);
        } else {
          failed = true;
          stopAll();
          reject(new SweepUnitError(`${units[k].run.label} (${units[k].id}): ${message.message}`));
        }
      });
      worker.on('error', (error) => {
        // Uncaught in the worker: one line with what went wrong, not the worker's stack.
        failed = true;
        stopAll();
        reject(new SweepUnitError(`a worker thread failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`));
      });
      worker.on('exit', (code) => {
        if (failed || retired.has(worker)) return;
        failed = true;
        stopAll();
        reject(new SweepUnitError(`a worker thread exited (code ${code}) in the middle of a run; rerun with --resume to continue`));
      });
      feed(worker);
    }
  });
}

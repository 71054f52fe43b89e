/** A sweep worker thread: runs the units it is sent, reporting progress and results to the parent. */
import '../../backend/platform/install-node.ts';
import { parentPort } from 'node:worker_threads';
import { runUnit, type UnitTask } from './sweep-unit.ts';
import { setBackend } from '../../backend/index.ts';
import { UserError } from '../../user-error.ts';

export type WorkerMessage =
  | { readonly type: 'progress'; readonly id: string; readonly epoch: number; readonly step: number; readonly steps: number }
  | { readonly type: 'done'; readonly id: string; readonly result: unknown }
  | { readonly type: 'failed'; readonly id: string; readonly message: string; readonly userError: boolean };

const port = parentPort;
if (port === null) throw new Error('sweep-worker.ts runs only as a worker thread');

let backendReady: Promise<unknown> | undefined;

port.on('message', (task: UnitTask) => {
  let lastReport = 0;
  backendReady ??= setBackend(task.backend.choice, { threads: task.backend.threads, accumulation: task.backend.accumulation });
  backendReady.then(() => runUnit(task, (epoch, step, steps) => {
    const now = Date.now();
    if (now - lastReport < 100 && step < steps) return;
    lastReport = now;
    port.postMessage({ type: 'progress', id: task.id, epoch, step, steps } satisfies WorkerMessage);
  })).then(
    (result) => port.postMessage({ type: 'done', id: task.id, result } satisfies WorkerMessage),
    (error: unknown) => {
      const err = error instanceof Error ? error : new Error(String(error));
      const userError = err instanceof UserError;
      // One line either way: the parent prints it as the sweep's error, never a stack trace.
      port.postMessage({ type: 'failed', id: task.id, message: userError ? err.message : `${err.name}: ${err.message}`, userError } satisfies WorkerMessage);
    },
  );
});

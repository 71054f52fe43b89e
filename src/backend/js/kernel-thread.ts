/**
 * A kernel thread of the js backend, as a real module: the platform's worker entry
 * (platform/node-kernel-thread.ts, platform/browser-kernel-thread.ts) imports it, sets it
 * up with the pool's control words, module and memory, and hands it each job. It runs the
 * same `runChunk` (jobs.ts) as the calling thread, so the two cannot drift apart, and a
 * helper it calls is an ordinary import, checked by the compiler. The words the threads
 * share: control-words.ts.
 */
import type { KernelThreadData } from '../platform/types.ts';
import { runChunk, type ThreadKernels } from './jobs.ts';
import { matmulRows, matmulRowsFloat32 } from './kernels/matmul.ts';
import { adamKerasRange, adamTorchRange } from './kernels/adam.ts';
import type { KernelExports } from './wasm-module.ts';
import type { PostedJob } from './thread-pool.ts';
import { DONE, DONE_SLEEPERS, FAIL, WORKER_CHUNKS, claimChunk } from './control-words.ts';

export class KernelThreadRunner {
  readonly control: Int32Array;
  private readonly thread: ThreadKernels;

  constructor(data: KernelThreadData) {
    this.control = new Int32Array(data.control);
    // The module's functions over the pool's shared memory, where the pool has them.
    const wasm = data.module !== null && data.memory !== null ? (new WebAssembly.Instance(data.module, { env: { memory: data.memory } }).exports as unknown as KernelExports) : null;
    this.thread = { wasm, index: data.index, panelA: new Float64Array(0), matmulRows, matmulRowsFloat32, adamKerasRange, adamTorchRange };
  }

  /** Claims and computes chunks of `job` until none is left; `report(text)` passes a failure on. */
  runJob(job: PostedJob, report: (text: string) => void): void {
    const control = this.control;
    const tag = job.seq & 0x7fff;
    for (let c = claimChunk(control, tag, job.chunks); c >= 0; c = claimChunk(control, tag, job.chunks)) {
      try {
        const from = c * job.rowsPerChunk;
        runChunk(job, from, Math.min(job.rows, from + job.rowsPerChunk), this.thread);
      } catch (error) {
        report(String((error as Error | undefined)?.message ?? error));
        Atomics.store(control, FAIL, 1);
      }
      Atomics.add(control, WORKER_CHUNKS, 1);
      Atomics.add(control, DONE, 1);
      if (Atomics.load(control, DONE_SLEEPERS) > 0) Atomics.notify(control, DONE);
    }
  }
}

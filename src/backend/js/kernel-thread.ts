/**
 * A kernel thread of the js backend, as a real module: the platform's worker entry
 * (platform/node-kernel-thread.ts, platform/browser-kernel-thread.ts) imports it, sets it
 * up with the pool's control words, module and memory, and hands it each job. It runs the
 * same `runChunk` (jobs.ts) as the calling thread, so the two cannot drift apart, and a
 * helper it calls is an ordinary import, checked by the compiler.
 *
 * Protocol (control words in one SharedArrayBuffer, see thread-pool.ts):
 *   [SEQ]   job number; Node's threads sleep on it with Atomics.wait
 *   [CLAIM] (job tag << 16) | next chunk; a chunk is claimed with compareExchange, so a
 *           thread that wakes late for an old job can never claim a chunk of a new one
 *   [DONE]  chunks finished; the calling thread sleeps on it until all are done
 *   [FAIL]  set when a thread hit an exception (its message follows on its port)
 *   [WORKER_CHUNKS] chunks computed by kernel threads, a running count
 */
import type { KernelThreadData } from '../platform/types.ts';
import { runChunk, type ThreadKernels } from './jobs.ts';
import { matmulRows } from './kernels/matmul.ts';
import { adamKerasRange, adamTorchRange } from './kernels/adam.ts';
import type { KernelExports } from './wasm-module.ts';
import type { PostedJob } from './thread-pool.ts';

export const SEQ = 0;
export const CLAIM = 1;
export const DONE = 2;
export const FAIL = 3;
/** Chunks the kernel threads (not the calling thread) have computed, ever: the tests check that they take part. */
export const WORKER_CHUNKS = 4;
export const CONTROL_WORDS = 5;

/** Takes the next chunk of the job tagged `tag`, or −1 when none is left (or a newer job has begun). */
export function claimChunk(control: Int32Array, tag: number, chunks: number): number {
  for (;;) {
    const v = Atomics.load(control, CLAIM);
    if (v >>> 16 !== tag || (v & 0xffff) >= chunks) return -1;
    if (Atomics.compareExchange(control, CLAIM, v, v + 1) === v) return v & 0xffff;
  }
}

export class KernelThreadRunner {
  readonly control: Int32Array;
  private readonly thread: ThreadKernels;

  constructor(data: KernelThreadData) {
    this.control = new Int32Array(data.control);
    // The module's functions over the pool's shared memory, where the pool has them.
    const wasm = data.module !== null && data.memory !== null ? (new WebAssembly.Instance(data.module, { env: { memory: data.memory } }).exports as unknown as KernelExports) : null;
    this.thread = { wasm, index: data.index, panelA: new Float64Array(0), matmulRows, adamKerasRange, adamTorchRange };
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
      Atomics.notify(control, DONE);
    }
  }
}

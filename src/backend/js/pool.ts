/**
 * Worker threads for the js backend's matmul: rows of C are cut into fixed chunks (of a
 * multiple of 4 rows) that the main thread and the workers claim one at a time over
 * SharedArrayBuffer. Each cell of C is computed by exactly one thread with the same loop
 * as on one thread (k ascending, float64 sum, one rounding), so the result is the same
 * bits whatever the number of threads and whoever claims which chunk; claiming (rather
 * than a fixed chunk per thread) only keeps a busy core from stalling the others.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { matmulRows, packB, packedBLength, type Floats } from './matmul.ts';
import { CLAIM, CONTROL_WORDS, DONE, FAIL, SEQ, workerSource } from './worker-source.ts';

/** Below this many multiply-adds a matmul stays on the calling thread (a dispatch costs ~50 µs). */
export const PARALLEL_MIN_WORK = 1 << 18;
const MAX_THREADS = 16;

/** The thread count from SEEDGRAD_THREADS, else the machine's parallelism (at most 16). */
export function defaultThreadCount(): number {
  const fromEnv = process.env.SEEDGRAD_THREADS;
  if (fromEnv !== undefined && fromEnv !== '') {
    const n = Number(fromEnv);
    if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) throw new Error(`SEEDGRAD_THREADS must be an integer from 1 to ${MAX_THREADS}, got '${fromEnv}'`);
    return n;
  }
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

export function isShared(a: Floats): boolean {
  return a.buffer instanceof SharedArrayBuffer;
}

function sharedLike(a: Floats, length: number): Floats {
  const bytes = new SharedArrayBuffer(length * a.BYTES_PER_ELEMENT);
  return a instanceof Float64Array ? new Float64Array(bytes) : new Float32Array(bytes);
}

export class MatmulPool {
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  private readonly ports: MessagePort[] = [];
  private readonly workers: Worker[] = [];
  private seq = 0;
  private panelB = new Float64Array(new SharedArrayBuffer(8));
  private panelA = new Float64Array(0);
  // Shared copies of inputs or outputs that arrive in ordinary memory, kept across calls.
  private scratchA: Floats | null = null;
  private scratchC: Floats | null = null;

  private readonly minParallelWork: number;

  /** `minParallelWork`: multiply-adds below which a call stays on this thread (tests set 0 to split every call). */
  constructor(readonly threads: number, options: { minParallelWork?: number } = {}) {
    this.minParallelWork = options.minParallelWork ?? PARALLEL_MIN_WORK;
    if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) throw new Error(`MatmulPool: threads must be an integer from 1 to ${MAX_THREADS}, got ${threads}`);
  }

  private start(): void {
    const source = workerSource();
    for (let w = this.workers.length; w < this.threads - 1; w++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(source, { eval: true, workerData: { control: this.control.buffer, port: port2 }, transferList: [port2] });
      worker.unref();
      this.workers.push(worker);
      this.ports.push(port1);
    }
  }

  /** Ends the worker threads; the pool starts new ones if used again. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    this.ports.splice(0).forEach((p) => p.close());
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private scratch(which: 'A' | 'C', like: Floats, length: number): Floats {
    const current = which === 'A' ? this.scratchA : this.scratchC;
    if (current !== null && current.length >= length && current.constructor === like.constructor) return current.length === length ? current : current.subarray(0, length);
    const fresh = sharedLike(like, Math.max(length, 1024));
    if (which === 'A') this.scratchA = fresh;
    else this.scratchC = fresh;
    return fresh.subarray(0, length);
  }

  /** C = op(A)·op(B), split by rows across the pool (see the file comment for why the bits never change). */
  matmul(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean): void {
    if (m === 0 || n === 0) return;
    if (k === 0) {
      C.fill(0);
      return;
    }
    const need = packedBLength(k, n);
    if (this.panelB.length < need) this.panelB = new Float64Array(new SharedArrayBuffer(need * 8));
    if (this.panelA.length < 4 * k) this.panelA = new Float64Array(4 * k);
    packB(B, this.panelB, k, n, transposeB);
    const parallel = this.threads > 1 && m > 4 && m * n * k >= this.minParallelWork;
    if (!parallel) {
      matmulRows(A, this.panelB, C, m, k, n, transposeA, 0, m, this.panelA);
      return;
    }
    this.start();
    const sharedA = isShared(A) ? A : (this.scratch('A', A, A.length) as Floats);
    if (sharedA !== A) sharedA.set(A);
    const sharedC = isShared(C) ? C : this.scratch('C', C, C.length);
    this.run(sharedA, sharedC, m, k, n, transposeA);
    if (sharedC !== C) C.set(sharedC);
  }

  private run(A: Floats, C: Floats, m: number, k: number, n: number, transposeA: boolean): void {
    const ctrl = this.control;
    // About 4 chunks per thread, each a multiple of 4 rows.
    const rowsPerChunk = Math.max(4, Math.ceil(m / (4 * this.threads) / 4) * 4);
    const chunks = Math.ceil(m / rowsPerChunk);
    const seq = ++this.seq;
    const tag = seq & 0x7fff;
    Atomics.store(ctrl, DONE, 0);
    Atomics.store(ctrl, CLAIM, tag << 16);
    const job = { seq, A, PB: this.panelB, C, m, k, n, transposeA, rowsPerChunk, chunks };
    for (const port of this.ports) port.postMessage(job);
    Atomics.store(ctrl, SEQ, seq);
    Atomics.notify(ctrl, SEQ);
    for (let c = this.claim(tag, chunks); c >= 0; c = this.claim(tag, chunks)) {
      const from = c * rowsPerChunk;
      matmulRows(A, this.panelB, C, m, k, n, transposeA, from, Math.min(m, from + rowsPerChunk), this.panelA);
      Atomics.add(ctrl, DONE, 1);
    }
    for (let done = Atomics.load(ctrl, DONE); done < chunks; done = Atomics.load(ctrl, DONE)) {
      // A worker that died holding a chunk would leave us waiting forever: its threadId turns -1.
      if (Atomics.wait(ctrl, DONE, done, 100) === 'timed-out' && this.workers.some((w) => w.threadId === -1)) {
        throw new Error('matmul worker thread exited during a job (out of memory?); results are incomplete');
      }
    }
    if (Atomics.load(ctrl, FAIL) !== 0) {
      Atomics.store(ctrl, FAIL, 0);
      const messages = this.ports.map((p) => receiveMessageOnPort(p)?.message).filter((x) => x !== undefined);
      throw new Error(`matmul worker failed: ${messages.join('; ')}`);
    }
  }

  private claim(tag: number, chunks: number): number {
    const ctrl = this.control;
    for (;;) {
      const v = Atomics.load(ctrl, CLAIM);
      if (v >>> 16 !== tag || (v & 0xffff) >= chunks) return -1;
      if (Atomics.compareExchange(ctrl, CLAIM, v, v + 1) === v) return v & 0xffff;
    }
  }
}

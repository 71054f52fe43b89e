/**
 * The js backend's threads: the calling thread and threads − 1 kernel threads (workers)
 * that run any kernel's job (jobs.ts). A job over [0, rows) is cut into fixed chunks (of a
 * multiple of 4 rows, about 4 per thread) that every thread claims one at a time over
 * SharedArrayBuffer. Each row (or element) is computed by exactly one thread with the
 * same loop as on one thread, so the result is the same bits whatever the number of
 * threads and whoever claims which chunk; claiming (rather than a fixed chunk per thread)
 * only keeps a busy core from stalling the others. Control words: control-words.ts; what the
 * kernel threads run: kernel-thread.ts; a job of numbers reaches the threads that poll the
 * control words through shared memory (job-slot.ts), any other as a message.
 */
import { currentPlatform } from '../platform/current.ts';
import type { KernelThread } from '../platform/types.ts';
import { sharedBuffer } from '../shared-memory.ts';
import { runChunk, type KernelJob, type ThreadKernels } from './jobs.ts';
import { matmulRows, matmulRowsFloat32 } from './kernels/matmul.ts';
import { adamKerasRange, adamTorchRange } from './kernels/adam.ts';
import type { WasmMemory } from './wasm-memory.ts';
import { JOB_SLOT_BYTES, JobSlot, isSlotJob } from './job-slot.ts';
import { CLAIM, CONTROL_WORDS, DONE, DONE_SLEEPERS, FAIL, SEQ, SEQ_SLEEPERS, SPIN_POLLS, WORKER_CHUNKS, claimChunk } from './control-words.ts';

/** A job as posted to the workers: which one (seq), and how its rows are cut (so no job may have fields of these names). */
export type PostedJob = KernelJob & { readonly seq: number; readonly rows: number; readonly rowsPerChunk: number; readonly chunks: number };

export class ThreadPool {
  private readonly control = new Int32Array(sharedBuffer(CONTROL_WORDS * 4));
  private readonly slotBuffer = sharedBuffer(JOB_SLOT_BYTES);
  private readonly slot = new JobSlot(this.slotBuffer as SharedArrayBuffer);
  private readonly workers: KernelThread[] = [];
  private seq = 0;
  private jobsSplit = 0;
  /**
   * While true, every job runs on the calling thread alone, as with one thread (the same
   * bits either way): benchmarks alternate the two in one process, where the machine's
   * drift from minute to minute cancels out.
   */
  callerOnly = false;
  /** The calling thread's kernels and scratch (thread index 0). */
  private readonly caller: ThreadKernels;

  /** `wasm`: the module and memory the kernel threads instantiate too (null: TypeScript loops only). */
  constructor(readonly threads: number, private readonly wasm: WasmMemory | null) {
    this.caller = { wasm: wasm?.exports ?? null, index: 0, panelA: new Float64Array(0), matmulRows, matmulRowsFloat32, adamKerasRange, adamTorchRange };
  }

  /**
   * Whether a split job reaches every kernel thread through the job slot (Node's threads),
   * a few microseconds; false while none has started, and where threads wake on messages
   * (a browser's), which take every job's message in turn, however late. Kernels split
   * jobs of tens of microseconds only when it is true: split in a browser too, they left
   * its worker no chunk of the large job after them under CI's load.
   */
  get cheapDispatch(): boolean {
    return this.workers.length > 0 && this.workers.every((w) => w.readsJobSlot);
  }

  /** Jobs split across the threads so far (the tests check that a large one was). */
  get splitCalls(): number {
    return this.jobsSplit;
  }

  /** Chunks of split jobs that kernel threads (not the calling thread) computed so far. */
  get chunksByWorkers(): number {
    return Atomics.load(this.control, WORKER_CHUNKS);
  }

  /**
   * How `run(job, rows, split)` cuts [0, rows): chunks of rowsPerChunk rows (a multiple of 4,
   * about 4 chunks per thread) where it splits, else one chunk of every row. For a kernel
   * that prepares something per chunk (the dropout mask's jumped-to states).
   */
  chunking(rows: number, split: boolean): { rowsPerChunk: number; chunks: number } {
    if (!this.splits(split)) return { rowsPerChunk: rows, chunks: 1 };
    const rowsPerChunk = Math.max(4, Math.ceil(rows / (4 * this.threads) / 4) * 4);
    return { rowsPerChunk, chunks: Math.ceil(rows / rowsPerChunk) };
  }

  /** Runs `job` over rows (or elements) [0, rows): split across the threads when `split` (and there are several), else on this thread. */
  run(job: KernelJob, rows: number, split: boolean): void {
    if (!this.splits(split)) {
      runChunk(job, 0, rows, this.caller);
      return;
    }
    this.start();
    this.dispatch(job, rows);
  }

  private splits(split: boolean): boolean {
    return split && this.threads > 1 && !this.callerOnly;
  }

  /** Starts the kernel threads now and settles when they take jobs (a browser's start only while this thread is idle). */
  async warmUp(): Promise<void> {
    if (this.threads === 1) return;
    this.start();
    await Promise.all(this.workers.map((w) => w.ready));
  }

  /** Ends the kernel threads; the pool starts new ones if used again. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private start(): void {
    if (this.workers.length >= this.threads - 1) return;
    const startThread = currentPlatform().startKernelThread!; // threads > 1 only where it exists (the backend checks)
    const control = this.control.buffer as SharedArrayBuffer;
    for (let w = this.workers.length; w < this.threads - 1; w++) {
      this.workers.push(startThread({ control, jobSlot: this.slotBuffer as SharedArrayBuffer, module: this.wasm?.module ?? null, memory: this.wasm?.memory ?? null, index: w + 1 }));
    }
  }

  /**
   * Cuts rows [0, rows) into chunks (`chunking`), posts the job to the workers, computes the
   * chunks this thread claims, and waits for the rest.
   */
  private dispatch(job: KernelJob, rows: number): void {
    this.jobsSplit++;
    const ctrl = this.control;
    const { rowsPerChunk, chunks } = this.chunking(rows, true);
    const seq = ++this.seq;
    const tag = seq & 0x7fff;
    Atomics.store(ctrl, DONE, 0);
    Atomics.store(ctrl, CLAIM, tag << 16);
    // Every chunk of the earlier jobs is done (each dispatch waits for its own), so the slot
    // may be rewritten: a thread still reading the old job sees the seqlock change, and its
    // stale tag could claim nothing anyway.
    const inSlot = isSlotJob(job);
    if (inSlot) this.slot.write(job, seq, rows, rowsPerChunk, chunks);
    let posted: PostedJob | null = null;
    for (const worker of this.workers) {
      if (inSlot && worker.readsJobSlot) continue;
      posted ??= { ...job, seq, rows, rowsPerChunk, chunks };
      worker.post(posted);
    }
    Atomics.store(ctrl, SEQ, seq);
    // A notify costs microseconds; SEQ_SLEEPERS says whether any thread sleeps and needs one (control-words.ts).
    if (Atomics.load(ctrl, SEQ_SLEEPERS) > 0) Atomics.notify(ctrl, SEQ);
    for (let c = claimChunk(ctrl, tag, chunks); c >= 0; c = claimChunk(ctrl, tag, chunks)) {
      const from = c * rowsPerChunk;
      runChunk(job, from, Math.min(rows, from + rowsPerChunk), this.caller);
      Atomics.add(ctrl, DONE, 1);
    }
    for (let poll = 0; poll < SPIN_POLLS && Atomics.load(ctrl, DONE) < chunks; poll++);
    for (let done = Atomics.load(ctrl, DONE); done < chunks; done = Atomics.load(ctrl, DONE)) {
      // A worker that died holding a chunk would leave us waiting forever: its threadId turns -1.
      Atomics.add(ctrl, DONE_SLEEPERS, 1);
      const woke = Atomics.wait(ctrl, DONE, done, 100);
      Atomics.sub(ctrl, DONE_SLEEPERS, 1);
      if (woke === 'timed-out' && this.workers.some((w) => w.exited)) {
        throw new Error('kernel thread exited during a job (out of memory?); results are incomplete');
      }
    }
    if (Atomics.load(ctrl, FAIL) !== 0) {
      Atomics.store(ctrl, FAIL, 0);
      const messages = this.workers.map((w) => w.takeMessage()).filter((x) => x !== undefined);
      throw new Error(`kernel thread failed: ${messages.join('; ')}`);
    }
  }
}

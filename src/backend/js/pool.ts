/**
 * Worker threads for the js backend's kernels (matmul, the dense layer's, Adam's update;
 * the class is named for the first): rows of C are cut into fixed chunks (of a multiple
 * of 4 rows) that the main thread and the workers claim one at a time over
 * SharedArrayBuffer. Each cell of C is computed by exactly one thread with the same loop
 * as on one thread (k ascending, float64 sum, one rounding), so the result is the same
 * bits whatever the number of threads and whoever claims which chunk; claiming (rather
 * than a fixed chunk per thread) only keeps a busy core from stalling the others.
 *
 * Float32 calls run the WebAssembly SIMD kernel (wasm-matmul.ts) in one shared
 * WebAssembly.Memory: the calling thread copies A and B in and packs B, every thread
 * packs and multiplies its own row chunks, and the caller copies C out. Float64 calls,
 * calls too large for that memory, and engines without WebAssembly SIMD run the
 * TypeScript loop (matmul.ts), which gives the same bits.
 */
import { currentPlatform } from '../platform/current.ts';
import type { KernelThread } from '../platform/types.ts';
import { isSharedBuffer, sharedBuffer } from '../shared-memory.ts';
import { defaultThreadCount, platformMaxThreads, reserveMemory } from './pool-setup.ts';
import { matmulRows, packB, packedBLength, type Floats } from './matmul.ts';
import { EPILOGUE_BIAS, EPILOGUE_BIAS_RELU, EPILOGUE_BIAS_RELU_MASK, EPILOGUE_NONE, matmulModule } from './wasm-matmul.ts';
import { WasmKernels } from './wasm-kernels.ts';
import { addBiasActivation } from './rows.ts';
import { denseBackwardByParts, multiplyInPlace, scratchArrays } from '../dense-backward.ts';
import { adamKerasRange, adamTorchRange } from './adam-kernel.ts';
import type { AdamStepScalars, MatmulKernel } from '../types.ts';
import { CLAIM, CONTROL_WORDS, DONE, FAIL, SEQ, WORKER_CHUNKS } from './worker-source.ts';

/** Below this many multiply-adds a matmul stays on the calling thread (a dispatch costs ~50 µs). */
export const PARALLEL_MIN_WORK = 1 << 18;
/** The same for the WebAssembly kernel, which does that work about 4× faster. */
export const PARALLEL_MIN_WORK_WASM = 1 << 20;
/** Parameters below this many elements are updated on the calling thread. */
export const PARALLEL_MIN_ELEMENTS = 1 << 15;

export type { MatmulKernel };
export { defaultThreadCount };

function all32(...arrays: Floats[]): boolean {
  return arrays.every((a) => a instanceof Float32Array);
}

export function isShared(a: Floats): boolean {
  return isSharedBuffer(a.buffer);
}

function sharedLike(a: Floats, length: number): Floats {
  const bytes = sharedBuffer(length * a.BYTES_PER_ELEMENT);
  return a instanceof Float64Array ? new Float64Array(bytes) : new Float32Array(bytes);
}

export class MatmulPool {
  private readonly control = new Int32Array(sharedBuffer(CONTROL_WORDS * 4));
  private readonly workers: KernelThread[] = [];
  private seq = 0;
  private panelB = new Float64Array(sharedBuffer(8));
  private panelA = new Float64Array(0);
  // Shared copies of inputs or outputs that arrive in ordinary memory, kept across calls.
  private scratchA: Floats | null = null;
  private scratchC: Floats | null = null;

  private readonly minParallelWork: number | undefined;
  /** The inner loop of float32 calls; 'typescript' where WebAssembly SIMD is missing. */
  readonly kernel: MatmulKernel;
  private readonly module: WebAssembly.Module | null;
  private readonly memory: WebAssembly.Memory | null;
  private readonly wasm: WasmKernels | null;
  private readonly gzScratch = scratchArrays();
  private jobsSplit = 0;

  /** Calls split across the threads so far (the tests check that a large one was). */
  get splitCalls(): number {
    return this.jobsSplit;
  }

  /** Chunks of split calls that worker threads (not the calling thread) computed so far. */
  get chunksByWorkers(): number {
    return Atomics.load(this.control, WORKER_CHUNKS);
  }

  /** Adam steps run in the WebAssembly module so far. */
  get wasmAdamCalls(): number {
    return this.wasm?.adamCalls ?? 0;
  }

  /**
   * `minParallelWork`: multiply-adds (for Adam: elements) below which a call stays on this
   * thread (tests set 0 to split every call). `kernel`: 'typescript' runs every kernel in
   * its TypeScript loop (no WebAssembly, parameters in shared memory).
   */
  constructor(readonly threads: number, options: { minParallelWork?: number; kernel?: MatmulKernel } = {}) {
    this.minParallelWork = options.minParallelWork;
    const maxThreads = platformMaxThreads();
    if (!Number.isInteger(threads) || threads < 1 || threads > maxThreads) {
      const why = maxThreads === 1 ? ` (the ${currentPlatform().name} platform runs kernels on one thread)` : '';
      throw new Error(`MatmulPool: threads must be an integer from 1 to ${maxThreads}${why}, got ${threads}`);
    }
    if (options.kernel !== undefined && options.kernel !== 'wasm-simd' && options.kernel !== 'typescript') {
      throw new Error(`MatmulPool: kernel must be 'wasm-simd' or 'typescript', got '${String(options.kernel)}'`);
    }
    // Threads need the memory shared; without that they run the TypeScript loops (same bits).
    const memory = options.kernel === 'typescript' ? null : reserveMemory();
    const reserved = memory !== null && (memory.shared || threads === 1) ? memory : null;
    const module = reserved === null ? null : matmulModule(reserved.shared);
    if (options.kernel === 'wasm-simd' && module === null) throw new Error('MatmulPool: this JavaScript engine has no WebAssembly SIMD; use the typescript kernel');
    this.memory = module === null ? null : reserved!.memory;
    this.module = this.memory === null ? null : module;
    this.kernel = this.module === null ? 'typescript' : 'wasm-simd';
    const parallelRows = (job: Record<string, unknown>, rows: number, compute: (from: number, to: number) => void) => {
      this.start();
      this.dispatch(job, rows, compute);
    };
    this.wasm =
      this.module === null
        ? null
        : new WasmKernels(this.module, this.memory!, reserved!.shared, threads, options.minParallelWork ?? PARALLEL_MIN_WORK_WASM, options.minParallelWork ?? PARALLEL_MIN_ELEMENTS, parallelRows);
  }

  private start(): void {
    if (this.workers.length >= this.threads - 1) return;
    const startThread = currentPlatform().startKernelThread!; // threads > 1 only where it exists (constructor)
    for (let w = this.workers.length; w < this.threads - 1; w++) {
      this.workers.push(startThread({ control: this.control.buffer as SharedArrayBuffer, module: this.module, memory: this.memory, index: w + 1 }));
    }
  }

  /** Starts the kernel threads now and settles when they take jobs (a browser's start only while this thread is idle). */
  async warmUp(): Promise<void> {
    if (this.threads === 1) return;
    this.start();
    await Promise.all(this.workers.map((w) => w.ready));
  }

  /** Ends the worker threads; the pool starts new ones if used again. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
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
    if (this.wasm !== null && all32(A, B, C) && this.wasm.matmul(A as Float32Array, B as Float32Array, C as Float32Array, m, k, n, transposeA, transposeB, EPILOGUE_NONE, null)) return;
    const need = packedBLength(k, n);
    if (this.panelB.length < need) this.panelB = new Float64Array(sharedBuffer(need * 8));
    if (this.panelA.length < 4 * k) this.panelA = new Float64Array(4 * k);
    packB(B, this.panelB, k, n, transposeB);
    const parallel = this.threads > 1 && m > 4 && m * n * k >= (this.minParallelWork ?? PARALLEL_MIN_WORK);
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

  /**
   * out[m×n] = act(x·w + bias) (times a dropout mask, if given): in the WebAssembly kernel's
   * store where it runs, else matmul then passes over out (same bits).
   */
  denseForward(x: Floats, w: Floats, bias: Floats, out: Floats, m: number, k: number, n: number, relu: boolean, dropoutMask?: Floats): void {
    const maskFits = dropoutMask === undefined || (dropoutMask instanceof Float32Array && relu && n % 4 === 0);
    if (this.wasm !== null && m > 0 && n > 0 && k > 0 && all32(x, w, out, bias) && maskFits) {
      const epilogue = dropoutMask !== undefined ? EPILOGUE_BIAS_RELU_MASK : relu ? EPILOGUE_BIAS_RELU : EPILOGUE_BIAS;
      const mask = (dropoutMask as Float32Array | undefined) ?? null;
      if (this.wasm.matmul(x as Float32Array, w as Float32Array, out as Float32Array, m, k, n, false, false, epilogue, bias as Float32Array, mask)) return;
    }
    this.matmul(x, w, out, m, k, n, false, false);
    addBiasActivation(out, bias, m, n, relu);
    if (dropoutMask !== undefined) multiplyInPlace(out, dropoutMask);
  }

  /** dx, dw, db of a dense layer (KernelBackend.denseBackward): in the WebAssembly module where it runs, else by parts (same bits). */
  denseBackward(x: Floats, w: Floats, g: Floats, y: Floats, dx: Floats, dw: Floats, db: Floats, m: number, k: number, n: number, relu: boolean, dropoutMask?: Floats): void {
    const mask = (dropoutMask as Float32Array | undefined) ?? null;
    if (this.wasm !== null && all32(x, w, g, y, dx, dw, db, dropoutMask ?? x) && this.wasm.denseBackward(x as Float32Array, w as Float32Array, g as Float32Array, y as Float32Array, dx as Float32Array, dw as Float32Array, db as Float32Array, m, k, n, relu, mask)) return;
    denseBackwardByParts(this, this.gzScratch, x, w, g, y, dx, dw, db, m, k, n, relu, dropoutMask);
  }

  /** Gives back an array from allocateParameter that will not be used again (its memory may be handed out again). */
  releaseParameter(a: Floats): void {
    if (this.wasm !== null && a instanceof Float32Array) this.wasm.releaseResident(a);
  }

  /** Whether `a` lives inside this pool's WebAssembly memory (allocateParameter placed it there). */
  isResident(a: Floats): boolean {
    return this.wasm !== null && a instanceof Float32Array && this.wasm.isResident(a);
  }

  /**
   * A zeroed array for a parameter or optimizer state: float32 ones inside the WebAssembly
   * memory where it has room (so Adam runs there in place), others in a SharedArrayBuffer.
   */
  allocateParameter(float64: boolean, length: number): Floats {
    const resident = !float64 && this.wasm !== null ? this.wasm.allocateResident(length) : null;
    if (resident !== null) return resident;
    const bytes = sharedBuffer(Math.max(length, 1) * (float64 ? 8 : 4));
    return float64 ? new Float64Array(bytes, 0, length) : new Float32Array(bytes, 0, length);
  }

  /**
   * One Adam step over a parameter: in the WebAssembly module when the parameter and its
   * state are resident there (wasm-adam.ts), else the TypeScript loop (adam-kernel.ts); split
   * into ranges across the threads when the parameter is large (and, for the loop, in
   * shared memory). Elements are independent, so the split never changes a bit.
   */
  adamUpdate(p: Floats, g: Floats, m: Floats, v: Floats, step: AdamStepScalars): void {
    if (this.wasm !== null && all32(p, g, m, v) && this.wasm.adam(p as Float32Array, g as Float32Array, m as Float32Array, v as Float32Array, step)) return;
    const { form, beta1, beta2, epsilon, alpha, stepSize, sqrtBiasCorrection2 } = step;
    const update = (from: number, to: number) => {
      if (form === 'keras') adamKerasRange(p, g, m, v, beta1, beta2, epsilon, alpha, from, to);
      else adamTorchRange(p, g, m, v, beta1, beta2, epsilon, stepSize, sqrtBiasCorrection2, from, to);
    };
    const n = p.length;
    const parallel = this.threads > 1 && n >= (this.minParallelWork ?? PARALLEL_MIN_ELEMENTS) && isShared(p) && isShared(g) && isShared(m) && isShared(v);
    if (!parallel) {
      update(0, n);
      return;
    }
    this.start();
    this.dispatch({ kind: 'adam', p, g, m, v, ...step }, n, update);
  }

  private run(A: Floats, C: Floats, m: number, k: number, n: number, transposeA: boolean): void {
    this.dispatch({ kind: 'typescript', A, PB: this.panelB, C, m, k, n, transposeA }, m, (from, to) => matmulRows(A, this.panelB, C, m, k, n, transposeA, from, to, this.panelA));
  }

  /**
   * Cuts rows (or elements) [0, rows) into chunks of a multiple of 4 (about 4 per thread),
   * posts the job to the workers, computes the chunks this thread claims, and waits for the rest.
   */
  private dispatch(job: Record<string, unknown>, rows: number, computeRows: (from: number, to: number) => void): void {
    this.jobsSplit++;
    const ctrl = this.control;
    const rowsPerChunk = Math.max(4, Math.ceil(rows / (4 * this.threads) / 4) * 4);
    const chunks = Math.ceil(rows / rowsPerChunk);
    const seq = ++this.seq;
    const tag = seq & 0x7fff;
    Atomics.store(ctrl, DONE, 0);
    Atomics.store(ctrl, CLAIM, tag << 16);
    const message = { ...job, seq, rows, rowsPerChunk, chunks };
    for (const worker of this.workers) worker.post(message);
    Atomics.store(ctrl, SEQ, seq);
    Atomics.notify(ctrl, SEQ);
    for (let c = this.claim(tag, chunks); c >= 0; c = this.claim(tag, chunks)) {
      const from = c * rowsPerChunk;
      computeRows(from, Math.min(rows, from + rowsPerChunk));
      Atomics.add(ctrl, DONE, 1);
    }
    for (let done = Atomics.load(ctrl, DONE); done < chunks; done = Atomics.load(ctrl, DONE)) {
      // A worker that died holding a chunk would leave us waiting forever: its threadId turns -1.
      if (Atomics.wait(ctrl, DONE, done, 100) === 'timed-out' && this.workers.some((w) => w.exited)) {
        throw new Error('matmul worker thread exited during a job (out of memory?); results are incomplete');
      }
    }
    if (Atomics.load(ctrl, FAIL) !== 0) {
      Atomics.store(ctrl, FAIL, 0);
      const messages = this.workers.map((w) => w.takeMessage()).filter((x) => x !== undefined);
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

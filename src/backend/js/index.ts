/**
 * The `js` backend: tuned TypeScript loops, and float32 kernels in a WebAssembly SIMD
 * module emitted from TypeScript (same bits as the loops), split across a pool of threads.
 * Each kernel (kernels/*.ts: its loop, its WebAssembly, its memory layout) decides per
 * call where it runs; this class owns what they share: the thread pool, the module's
 * memory, the TypeScript matmul's buffers.
 */
import { ACCUMULATIONS, type Accumulation, type BackendCounters, type BackendInfo, type FloatArray, type KernelBackend, type AdamStepScalars, type SparseAdamStepScalars, type MatmulKernel } from '../types.ts';
import { currentPlatform } from '../platform/current.ts';
import { defaultThreadCount, platformMaxThreads, reserveMemory } from './pool-setup.ts';
import { ThreadPool } from './thread-pool.ts';
import { WasmMemory } from './wasm-memory.ts';
import { kernelModule } from './wasm-module.ts';
import type { KernelContext } from './context.ts';
import { MatmulLoopScratch, matmul } from './kernels/matmul.ts';
import { denseBackward, denseForward } from './kernels/dense.ts';
import { adamUpdate } from './kernels/adam.ts';
import { sparseAdamUpdate } from './kernels/sparse-adam.ts';
import { keepMask } from './kernels/keep-mask.ts';
import { copyBlocksInModule, gatherRows, multiplyInModule, scatterAddRows, zeroInModule } from './rows.ts';
import { scratchArrays } from '../dense-backward.ts';
import { sharedBuffer } from '../shared-memory.ts';

export { defaultThreadCount };

export interface JsBackendOptions {
  /** 'typescript' runs every kernel in its TypeScript loop, no WebAssembly (for comparison; same bits). */
  readonly matmulKernel?: MatmulKernel;
  /** Work (multiply-adds; for Adam, elements) below which a call stays on the calling thread; tests set 0 to split every call. */
  readonly minParallelWork?: number;
  /** How float32 matmuls sum (types.ts's Accumulation; default 'float32'; 'float64' is the exact path). */
  readonly accumulation?: Accumulation;
}

/** The module and its memory, where WebAssembly SIMD and the memory are there (shared, or one thread); else null. */
function wasmMemory(threads: number, kernel: MatmulKernel | undefined): WasmMemory | null {
  // Threads need the memory shared; without that they run the TypeScript loops (same bits).
  const reserved = kernel === 'typescript' ? null : reserveMemory();
  const usable = reserved !== null && (reserved.shared || threads === 1) ? reserved : null;
  const module = usable === null ? null : kernelModule(usable.shared);
  if (kernel === 'wasm-simd' && module === null) throw new Error('js backend: this JavaScript engine has no WebAssembly SIMD; use the typescript kernel');
  return module === null ? null : new WasmMemory(module, usable!.memory, usable!.shared);
}

export class JsBackend implements KernelBackend, KernelContext {
  readonly info: BackendInfo;
  readonly pool: ThreadPool;
  readonly wasm: WasmMemory | null;
  readonly minParallelWork: number | undefined;
  readonly accumulation: Accumulation;
  readonly wasmCalls = { adam: 0 };
  private readonly loopScratch = new MatmulLoopScratch();
  private readonly gzScratch = scratchArrays();

  constructor(readonly threads = defaultThreadCount(), options: JsBackendOptions = {}) {
    const maxThreads = platformMaxThreads();
    if (!Number.isInteger(threads) || threads < 1 || threads > maxThreads) {
      const why = maxThreads === 1 ? ` (the ${currentPlatform().name} platform runs kernels on one thread)` : '';
      throw new Error(`js backend: threads must be an integer from 1 to ${maxThreads}${why}, got ${threads}`);
    }
    const kernel = options.matmulKernel;
    if (kernel !== undefined && kernel !== 'wasm-simd' && kernel !== 'typescript') {
      throw new Error(`js backend: matmulKernel must be 'wasm-simd' or 'typescript', got '${String(kernel)}'`);
    }
    const accumulation = options.accumulation ?? 'float32';
    if (!ACCUMULATIONS.includes(accumulation)) {
      throw new Error(`js backend: accumulation must be ${ACCUMULATIONS.map((a) => `'${a}'`).join(' or ')}, got '${String(accumulation)}'`);
    }
    this.accumulation = accumulation;
    this.minParallelWork = options.minParallelWork;
    this.wasm = wasmMemory(threads, kernel);
    this.pool = new ThreadPool(threads, this.wasm);
    this.info = { name: 'js', threads, matmul: this.wasm === null ? 'typescript' : 'wasm-simd', accumulation };
  }

  ready(): Promise<void> {
    return this.pool.warmUp();
  }

  counters(): BackendCounters {
    return { splitCalls: this.pool.splitCalls, chunksByWorkers: this.pool.chunksByWorkers };
  }

  matmul(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean): void {
    matmul(this, this.loopScratch, a, b, c, m, k, n, transposeA, transposeB);
  }

  gatherRows(table: FloatArray, indices: Int32Array, width: number, out: FloatArray): void {
    gatherRows(this, table, indices, width, out);
  }

  scatterAddRows(values: FloatArray, indices: Int32Array, width: number, out: FloatArray): void {
    scatterAddRows(this, values, indices, width, out);
  }

  copyBlocks(src: FloatArray, srcOffset: number, srcStride: number, out: FloatArray, outOffset: number, outStride: number, blocks: number, block: number): boolean {
    return copyBlocksInModule(this, src, srcOffset, srcStride, out, outOffset, outStride, blocks, block);
  }

  zero(out: FloatArray): boolean {
    return zeroInModule(this, out);
  }

  multiply(a: FloatArray, b: FloatArray, out: FloatArray): boolean {
    return multiplyInModule(this, a, b, out);
  }

  denseForward(x: FloatArray, w: FloatArray, bias: FloatArray, out: FloatArray, m: number, k: number, n: number, relu: boolean, dropoutMask?: FloatArray): void {
    denseForward(this, x, w, bias, out, m, k, n, relu, dropoutMask);
  }

  denseBackward(x: FloatArray, w: FloatArray, g: FloatArray, y: FloatArray, dx: FloatArray, dw: FloatArray, db: FloatArray, m: number, k: number, n: number, relu: boolean, dropoutMask?: FloatArray): void {
    denseBackward(this, this.gzScratch, x, w, g, y, dx, dw, db, m, k, n, relu, dropoutMask);
  }

  adamUpdate(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, step: AdamStepScalars): void {
    adamUpdate(this, p, g, m, v, step);
  }

  sparseAdamUpdate(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, rows: Int32Array, rowSize: number, step: SparseAdamStepScalars): boolean {
    return sparseAdamUpdate(this, p, g, m, v, rows, rowSize, step);
  }

  keepMask(out: FloatArray, state: Uint32Array, threshold: number, keepBits: number): boolean {
    return keepMask(this, out, state, threshold, keepBits);
  }

  /**
   * A zeroed array for a parameter or optimizer state: float32 ones inside the module's
   * memory where it has room (so Adam runs there in place), others in a SharedArrayBuffer.
   */
  allocateParameter(dtype: 'float32' | 'float64', length: number): FloatArray {
    const resident = dtype === 'float32' && this.wasm !== null ? this.wasm.allocateResident(length) : null;
    if (resident !== null) return resident;
    const bytes = sharedBuffer(Math.max(length, 1) * (dtype === 'float64' ? 8 : 4));
    return dtype === 'float64' ? new Float64Array(bytes, 0, length) : new Float32Array(bytes, 0, length);
  }

  releaseParameter(array: FloatArray): void {
    if (this.wasm !== null && array instanceof Float32Array) this.wasm.releaseResident(array);
  }

  /** Adam steps run in the module so far. */
  get wasmAdamCalls(): number {
    return this.wasmCalls.adam;
  }

  /** Whether `a` lives inside the module's memory (allocateParameter placed it there). */
  isResident(a: FloatArray): boolean {
    return this.wasm !== null && this.wasm.isResident(a);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export function createJsBackend(threads = defaultThreadCount(), options: JsBackendOptions = {}): JsBackend {
  return new JsBackend(threads, options);
}

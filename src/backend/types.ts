/**
 * The one interface every backend implements: the few heavy kernels of a training step.
 * A kernel takes typed arrays and sizes and writes into an output array it is given, so
 * callers can keep buffers across steps. Kernels know nothing of gradients.
 */
// The one import from above src/backend: adam-ranges.ts imports nothing (its header says why it is shared).
import type { AdamStep as AdamStepScalars, SparseAdamStep as SparseAdamStepScalars } from '../optim/adam-ranges.ts';
import type { FloatArray } from '../floats.ts';

export type { FloatArray };

export type BackendName = 'js' | 'gpujs';
/** Which inner loop the js backend's float32 matmuls run: the WebAssembly SIMD kernel or the TypeScript loop (same bits). */
export type MatmulKernel = 'wasm-simd' | 'typescript';
/**
 * How the js backend sums a float32 matmul's products: 'float32' rounds every product and
 * every partial sum to float32 (four lanes per SIMD instruction, the default), 'float64'
 * forms each product exactly and sums in float64, rounding once (the exact path, half the
 * speed). Both fix the order of the sum by the cell alone: the same bits for any thread
 * count, on any engine. docs/performance.md, "Numerics", gives the error bounds.
 */
export type Accumulation = 'float32' | 'float64';
export const ACCUMULATIONS: readonly Accumulation[] = ['float32', 'float64'];
/** gpu.js's modes the backend runs: webasm (CPU), webgpu (Dawn in Node, navigator.gpu in browsers), webgl2 (browsers). */
export type GpujsMode = 'webasm' | 'webgpu' | 'webgl2';

/** What a run records about the backend it computed on (the run manifest reads this). */
export interface BackendInfo {
  readonly name: BackendName;
  /** gpu.js's mode, for the gpujs backend: always named explicitly, never an auto mode. */
  readonly mode?: GpujsMode;
  /** The WebGPU adapter's or WebGL2 renderer's description, in a GPU mode. */
  readonly adapter?: string;
  /** CPU threads the backend computes on. */
  readonly threads: number;
  /** The js backend's float32 matmul loop. */
  readonly matmul?: MatmulKernel;
  /** The js backend's float32 matmul accumulation (it changes results; the thread count does not). */
  readonly accumulation?: Accumulation;
}

/** The scalars of one Adam or SparseAdam step, what the fused updates need: src/optim/adam-ranges.ts's AdamStep and SparseAdamStep. */
export type { AdamStepScalars, SparseAdamStepScalars };

/** How the js backend's work was split so far: calls split across threads, and chunks the kernel threads (not the calling one) computed. */
export interface BackendCounters {
  readonly splitCalls: number;
  readonly chunksByWorkers: number;
}

export interface KernelBackend {
  readonly info: BackendInfo;
  /** Starts what the backend computes on (threads) and settles when it is ready; setBackend waits for it. */
  ready?(): Promise<void>;
  /** Counts of split work, where the backend splits any (js). */
  counters?(): BackendCounters;
  /**
   * C[m×n] = op(A)·op(B), op(X) = X or Xᵀ: A is stored [m×k] (or [k×m] with transposeA),
   * B is stored [k×n] (or [n×k] with transposeB), all row-major.
   */
  matmul(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean): void;
  /** out[i, :] = table[indices[i], :] for rows of `width` elements. */
  gatherRows(table: FloatArray, indices: Int32Array, width: number, out: FloatArray): void;
  /** out[indices[i], :] += values[i, :], in ascending i, so duplicate indices accumulate in a fixed order. */
  scatterAddRows(values: FloatArray, indices: Int32Array, width: number, out: FloatArray): void;
  /**
   * Optional: block o of `block` elements from src[srcOffset + o·srcStride …] to
   * out[outOffset + o·outStride …] for o < blocks (concat and slice along columns), or
   * false where this backend leaves the arrays to the caller's loop.
   */
  copyBlocks?(src: FloatArray, srcOffset: number, srcStride: number, out: FloatArray, outOffset: number, outStride: number, blocks: number, block: number): boolean;
  /** Optional: zeroes `out`, or false where this backend leaves it to the caller's fill (small arrays, arrays outside its memory). */
  zero?(out: FloatArray): boolean;
  /** Optional: out[i] = a[i]·b[i] over three arrays of one length, or false where this backend leaves them to the caller's loop. */
  multiply?(a: FloatArray, b: FloatArray, out: FloatArray): boolean;
  /**
   * out[m×n] = act(x[m×k]·w[k×n] + bias[n]), act = ReLU or the identity; with a dropout
   * mask [m×n] (0 or 1/(1 − rate) per cell), the activation's float32 result times it,
   * rounded once: a dense layer and the dropout after it.
   */
  denseForward(x: FloatArray, w: FloatArray, bias: FloatArray, out: FloatArray, m: number, k: number, n: number, relu: boolean, dropoutMask?: FloatArray): void;
  /**
   * The backward of denseForward, given its output y [m×n] and dL/dy = g: dx [m×k], dw
   * [k×n] and db [n] (overwritten), as dense-backward.ts defines them (with the same
   * dropout mask, if the forward had one).
   */
  denseBackward(x: FloatArray, w: FloatArray, g: FloatArray, y: FloatArray, dx: FloatArray, dw: FloatArray, db: FloatArray, m: number, k: number, n: number, relu: boolean, dropoutMask?: FloatArray): void;
  /**
   * A zeroed array for a parameter or optimizer state, placed where this backend's kernels
   * can update it in place (js: float32 inside its WebAssembly memory, else shared memory).
   */
  allocateParameter(dtype: 'float32' | 'float64', length: number): FloatArray;
  /** Gives back an array from allocateParameter that will never be used again, so its memory can be handed out again. */
  releaseParameter(array: FloatArray): void;
  /**
   * One Adam step without AMSGrad over a whole parameter, in place: src/optim/adam.ts's rule
   * with the same bits (m, v, p updated; g read).
   */
  adamUpdate(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, step: AdamStepScalars): void;
  /**
   * Optional: one SparseAdam step over the `rows` (ascending, distinct) of a parameter with
   * `rowSize` values per row, in place, with src/optim/sparseadam.ts's bits; or false where
   * this backend leaves the parameter to the rule's loop.
   */
  sparseAdamUpdate?(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, rows: Int32Array, rowSize: number, step: SparseAdamStepScalars): boolean;
  /**
   * Optional: a dropout mask of out.length cells from the lag-3 multiply-with-carry state
   * (S0, S1, S2, c) in `state` (Alea's, as src/random-keep-mask.ts holds it): cell i is the
   * float32 with bits keepBits where draw i's S2 >= threshold, else +0; `state` is left
   * holding the state after the draws. False where this backend leaves the mask to the
   * caller (nothing drawn, `state` untouched).
   */
  keepMask?(out: FloatArray, state: Uint32Array, threshold: number, keepBits: number): boolean;
  /** Frees threads, kernels and devices; the backend must not be used afterwards. */
  close(): Promise<void>;
}

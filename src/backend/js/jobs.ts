/**
 * The work the js backend's threads share: each kernel that splits describes its call as a
 * `KernelJob`, the pool (thread-pool.ts) cuts [0, rows) into chunks, and every thread — the
 * calling one and the kernel threads (kernel-thread.ts) — runs the chunks it claims with
 * the same `runChunk`, each with its own scratch and module instance.
 */
import type { KernelExports } from './wasm-module.ts';
import type { matmulRows, matmulRowsFloat32 } from './kernels/matmul.ts';
import type { adamKerasRange, adamTorchRange } from '../../optim/adam-ranges.ts';
import type { AdamStepScalars, FloatArray } from '../types.ts';

/** Rows of C = op(A)·(packed op(B)) in the TypeScript loop (kernels/matmul.ts's matmulRows, or matmulRowsFloat32 where `float32`); arrays in shared memory. */
export interface MatmulLoopJob {
  readonly kind: 'matmul-loop';
  readonly float32: boolean;
  readonly A: FloatArray;
  readonly PB: Float64Array;
  readonly C: FloatArray;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly transposeA: boolean;
}

/** Rows of C in the module's `rows` (kernels/matmul-wasm.ts), or `rows32` where `float32` (matmul-wasm-f32.ts): byte offsets into the shared memory; thread t's row panel at pa + t·paStride. */
export interface MatmulWasmJob {
  readonly kind: 'matmul-wasm';
  readonly float32: boolean;
  readonly a: number;
  readonly ai: number;
  readonly ap: number;
  readonly m: number;
  readonly k: number;
  readonly pb: number;
  /** C's row stride in cells. */
  readonly stride: number;
  readonly c: number;
  readonly pa: number;
  readonly paStride: number;
  readonly epilogue: number;
  readonly bias: number;
  readonly mask: number;
}

/** The scalars of one Adam step (optim/adam-ranges.ts's AdamStep), as both Adam jobs carry them. */
type AdamScalars = Omit<AdamStepScalars, 'form'>;

/** Elements of one Adam step in the TypeScript loop (optim/adam-ranges.ts); arrays in shared memory. */
export interface AdamLoopJob extends AdamScalars {
  readonly kind: 'adam-loop';
  readonly form: AdamStepScalars['form'];
  readonly p: FloatArray;
  readonly g: FloatArray;
  readonly m: FloatArray;
  readonly v: FloatArray;
}

/** Elements of one Adam step in the module's `adam` (kernels/adam.ts): byte offsets of p, g, m, v; torch 1 for the torch form. */
export interface AdamWasmJob extends AdamScalars {
  readonly kind: 'adam-wasm';
  readonly p: number;
  readonly g: number;
  readonly m: number;
  readonly v: number;
  readonly torch: number;
}

/** Rows [from, to) of the module's gatherRows (out row i ← table row indices[i]): byte offsets; the indices int32 at `indices`. */
export interface GatherWasmJob {
  readonly kind: 'gather-wasm';
  readonly table: number;
  readonly indices: number;
  readonly rowBytes: number;
  readonly out: number;
}

/** Blocks [from, to) of the module's copyBlocks (block o: out + o·outStride ← src + o·srcStride): bytes. */
export interface CopyBlocksWasmJob {
  readonly kind: 'copy-blocks-wasm';
  readonly src: number;
  readonly srcStride: number;
  readonly out: number;
  readonly outStride: number;
  readonly blockBytes: number;
}

/** Elements [from, to) (multiples of 4) of the module's multiply: out ← a·b, byte offsets. */
export interface MultiplyWasmJob {
  readonly kind: 'multiply-wasm';
  readonly a: number;
  readonly b: number;
  readonly out: number;
}

/** Groups of 4 floats [from, to) of the module's zero, from byte `out`. */
export interface ZeroWasmJob {
  readonly kind: 'zero-wasm';
  readonly out: number;
}

/** Column panels [from, to) (8 columns each, n in all) of the module's packB32 (matmul-wasm-f32.ts). */
export interface PackB32WasmJob {
  readonly kind: 'pack-b32-wasm';
  readonly b: number;
  readonly bp: number;
  readonly bj: number;
  readonly k: number;
  readonly n: number;
  readonly pb: number;
}

/** Touched rows [from, to) of the module's sparseAdam (kernels/sparse-adam.ts): byte offsets; the row numbers int32 at `touched` (not `rows`, a posted job's count). */
export interface SparseAdamWasmJob {
  readonly kind: 'sparse-adam-wasm';
  readonly p: number;
  readonly g: number;
  readonly m: number;
  readonly v: number;
  readonly touched: number;
  readonly rowBytes: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly stepSize: number;
}

/**
 * Cells [from, to) of a dropout mask in the module's keepMask (kernels/keep-mask.ts): the
 * chunk starting at cell from draws from the state at byte states + 16·(from / statesEvery)
 * (each chunk's jumped-to state) into the float32 array at byte out.
 */
export interface KeepMaskWasmJob {
  readonly kind: 'keep-mask-wasm';
  readonly states: number;
  readonly statesEvery: number;
  readonly threshold: number;
  readonly keepBits: number;
  readonly out: number;
}

export type KernelJob = MatmulLoopJob | MatmulWasmJob | AdamLoopJob | AdamWasmJob | GatherWasmJob | CopyBlocksWasmJob | MultiplyWasmJob | PackB32WasmJob | SparseAdamWasmJob | ZeroWasmJob | KeepMaskWasmJob;

/** Every field name of any kind of job. */
type JobFieldNames = KernelJob extends infer J ? (J extends unknown ? keyof J : never) : never;
/**
 * The pool posts a job with its header (thread-pool.ts's PostedJob: seq, rows,
 * rowsPerChunk, chunks) spread over it, so a job's field of one of those names would be
 * lost on the way to the kernel threads: this fails to compile if one has such a field.
 */
export const JOBS_KEEP_THEIR_FIELDS: Extract<JobFieldNames, 'seq' | 'rows' | 'rowsPerChunk' | 'chunks'> extends never ? true : never = true;

/** What one thread runs chunks with: its module instance, its index (its row-panel slot) and its scratch. */
export interface ThreadKernels {
  readonly wasm: KernelExports | null;
  readonly index: number;
  /** The TypeScript matmul's row panel, grown as needed. */
  panelA: Float64Array;
  readonly matmulRows: typeof matmulRows;
  readonly matmulRowsFloat32: typeof matmulRowsFloat32;
  readonly adamKerasRange: typeof adamKerasRange;
  readonly adamTorchRange: typeof adamTorchRange;
}

/** Runs rows (or elements) [from, to) of `job` on this thread. */
export function runChunk(job: KernelJob, from: number, to: number, thread: ThreadKernels): void {
  switch (job.kind) {
    case 'matmul-loop':
      if (job.float32) {
        thread.matmulRowsFloat32(job.A, job.PB, job.C, job.m, job.k, job.n, job.transposeA, from, to);
        return;
      }
      if (thread.panelA.length < 4 * job.k) thread.panelA = new Float64Array(4 * job.k);
      thread.matmulRows(job.A, job.PB, job.C, job.m, job.k, job.n, job.transposeA, from, to, thread.panelA);
      return;
    case 'matmul-wasm': {
      const rows = job.float32 ? thread.wasm!.rows32 : thread.wasm!.rows;
      rows(job.a, job.ai, job.ap, job.m, job.k, job.pb, job.stride, job.c, from, to, job.pa + thread.index * job.paStride, job.epilogue, job.bias, job.mask);
      return;
    }
    case 'adam-loop':
      if (job.form === 'keras') thread.adamKerasRange(job.p, job.g, job.m, job.v, job.beta1, job.beta2, job.epsilon, job.alpha, from, to);
      else thread.adamTorchRange(job.p, job.g, job.m, job.v, job.beta1, job.beta2, job.epsilon, job.stepSize, job.sqrtBiasCorrection2, from, to);
      return;
    case 'adam-wasm':
      thread.wasm!.adam(job.p, job.g, job.m, job.v, 4 * from, 4 * to, job.torch, job.beta1, job.beta2, job.epsilon, job.alpha, job.stepSize, job.sqrtBiasCorrection2);
      return;
    case 'gather-wasm':
      thread.wasm!.gatherRows(job.table, job.indices + 4 * from, to - from, job.rowBytes, job.out + from * job.rowBytes);
      return;
    case 'copy-blocks-wasm':
      thread.wasm!.copyBlocks(job.src + from * job.srcStride, job.srcStride, job.out + from * job.outStride, job.outStride, to - from, job.blockBytes);
      return;
    case 'multiply-wasm':
      thread.wasm!.multiply(job.a + 4 * from, job.b + 4 * from, job.out + 4 * from, 4 * (to - from));
      return;
    case 'zero-wasm':
      thread.wasm!.zero(job.out + 16 * from, 16 * (to - from));
      return;
    case 'sparse-adam-wasm':
      thread.wasm!.sparseAdam(job.p, job.g, job.m, job.v, job.touched, from, to, job.rowBytes, job.beta1, job.beta2, job.epsilon, job.stepSize);
      return;
    case 'keep-mask-wasm':
      thread.wasm!.keepMask(job.states + 16 * Math.floor(from / job.statesEvery), to - from, job.threshold, job.keepBits, job.out + 4 * from);
      return;
    case 'pack-b32-wasm': {
      // Panel p holds columns 8p … 8p + 7 at pb + 4·8k·p; the last panel's zero pad comes with it.
      const columns = Math.min(job.n, 8 * to) - 8 * from;
      thread.wasm!.packB32(job.b + 4 * 8 * from * job.bj, job.bp, job.bj, job.k, columns, job.pb + 4 * 8 * job.k * from);
      return;
    }
  }
  const unknown: never = job; // a new kind of job without a case here does not compile
  throw new Error(`unknown kernel job ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
}

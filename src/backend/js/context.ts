/**
 * What a kernel of the js backend computes with (kernels/*.ts take it as their first
 * argument): the thread pool, the WebAssembly memory where the module runs, and the
 * backend's own matmul for kernels built from matmuls. Each kernel decides once per call
 * where it runs — in the module when every array is float32 and the call's memory layout
 * fits, else in its TypeScript loop, which gives the same bits.
 */
import type { Accumulation, FloatArray } from '../types.ts';
import type { ThreadPool } from './thread-pool.ts';
import type { WasmMemory } from './wasm-memory.ts';

export interface KernelContext {
  readonly pool: ThreadPool;
  /** The module's memory; null where the kernels run their TypeScript loops only. */
  readonly wasm: WasmMemory | null;
  /** Work (multiply-adds; for elementwise kernels, elements) from which a call is split, where a test sets it; else each kernel's default. */
  readonly minParallelWork: number | undefined;
  /** How float32 matmuls sum their products (types.ts's Accumulation). */
  readonly accumulation: Accumulation;
  /** Calls that ran in the module, by kernel, where the tests check that it ran. */
  readonly wasmCalls: { adam: number };
  /** The backend's matmul (kernels/matmul.ts through the context): C[m×n] = op(A)·op(B). */
  matmul(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean): void;
}

/** Whether a product of these arrays sums in float32: all float32, and the backend asks for float32 accumulation. */
export function sumsInFloat32(ctx: KernelContext, ...arrays: FloatArray[]): boolean {
  return ctx.accumulation === 'float32' && allFloat32(...arrays);
}

/** Whether every array is float32 (the module computes float32 only). */
export function allFloat32(...arrays: FloatArray[]): boolean {
  return arrays.every((a) => a instanceof Float32Array);
}

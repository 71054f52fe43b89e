/**
 * The js backend's WebAssembly module: every kernel's functions (kernels/*.ts), emitted
 * from TypeScript at start-up (wasm-writer.ts), compiled once per kind of memory. The
 * module imports one memory, `env.memory`, shared where the engine allows it so that the
 * worker threads run the same functions on the same bytes (wasm-memory.ts owns it).
 */
import { encodeModule, type WasmFunction } from './wasm-writer.ts';
import { packBFunction, rowsFunction } from './kernels/matmul-wasm.ts';
import { maskColumnSumsFromFunction, maskColumnSumsFunction } from './kernels/dense.ts';
import { packB32Function, rows32Function } from './kernels/matmul-wasm-f32.ts';
import { matvec32Function } from './kernels/matvec.ts';
import { copyBlocksFunction, gatherRowsFunction, multiplyFunction, scatterAddRowsFunction, zeroFunction } from './kernels/rows-wasm.ts';
import { adamFunction } from './kernels/adam.ts';
import { sparseAdamFunction } from './kernels/sparse-adam.ts';
import { keepMaskFunction } from './kernels/keep-mask.ts';
import { WASM_MAX_PAGES } from './wasm-memory.ts';

/** The module's exports, as the kernels call them (byte offsets into the memory; see each function's emitter). */
export interface KernelExports {
  packB(b: number, bp: number, bj: number, k: number, n: number, pb: number): void;
  rows(a: number, ai: number, ap: number, m: number, k: number, pb: number, n4: number, c: number, rowFrom: number, rowTo: number, pa: number, epilogue: number, bias: number, mask: number): void;
  maskColumnSums(gz: number, y: number, db: number, m: number, n: number, mode: number, dropoutMask: number): void;
  adam(p: number, g: number, m: number, v: number, from: number, to: number, torch: number, beta1: number, beta2: number, epsilon: number, alpha: number, stepSize: number, sqrtBiasCorrection2: number): void;
  packB32(b: number, bp: number, bj: number, k: number, n: number, pb: number): void;
  rows32(a: number, ai: number, ap: number, m: number, k: number, pb: number, n4: number, c: number, rowFrom: number, rowTo: number, pa: number, epilogue: number, bias: number, mask: number): void;
  gatherRows(table: number, indices: number, count: number, rowBytes: number, out: number): void;
  scatterAddRows(values: number, indices: number, count: number, rowBytes: number, out: number): void;
  copyBlocks(src: number, srcStride: number, out: number, outStride: number, blocks: number, blockBytes: number): void;
  multiply(a: number, b: number, out: number, bytes: number): void;
  zero(out: number, bytes: number): void;
  sparseAdam(p: number, g: number, m: number, v: number, rows: number, from: number, to: number, rowBytes: number, beta1: number, beta2: number, epsilon: number, stepSize: number): void;
  keepMask(state: number, count: number, threshold: number, keepBits: number, out: number): void;
  maskColumnSumsFrom(g: number, gz: number, y: number, db: number, m: number, n: number, mode: number, dropoutMask: number): void;
  matvec32(a: number, ai: number, ap: number, m: number, k: number, b: number, c: number): void;
}

/** The module's functions, in export order. */
export function kernelFunctions(): WasmFunction[] {
  return [packBFunction(), rowsFunction(), maskColumnSumsFunction(), adamFunction(), packB32Function(), rows32Function(), gatherRowsFunction(), scatterAddRowsFunction(), copyBlocksFunction(), multiplyFunction(), sparseAdamFunction(), zeroFunction(), keepMaskFunction(), maskColumnSumsFromFunction(), matvec32Function()];
}

/** The module's binary for a shared or an unshared memory, with its name section (function and local names, for stack traces). */
export function kernelModuleBytes(sharedMemory = true): Uint8Array<ArrayBuffer> {
  return encodeModule(kernelFunctions(), { minPages: 1, maxPages: WASM_MAX_PAGES, shared: sharedMemory }, { names: true });
}

const compiled = new Map<boolean, WebAssembly.Module | null>();

/** The compiled module for a shared or an unshared memory, or null where this engine lacks WebAssembly SIMD. */
export function kernelModule(sharedMemory = true): WebAssembly.Module | null {
  const cached = compiled.get(sharedMemory);
  if (cached !== undefined) return cached;
  const bytes = kernelModuleBytes(sharedMemory);
  const module = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  compiled.set(sharedMemory, module);
  return module;
}

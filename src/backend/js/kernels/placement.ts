/**
 * Where a kernel finds its arrays in the module's memory: a resident array (an arena's, a
 * parameter's) in place, anything else copied into the call's scratch (and a result copied
 * out). The matmul, dense and matrix–vector kernels share these two rules.
 */
import type { WasmMemory } from '../wasm-memory.ts';

/**
 * Where a kernel finds `array` (its first `length` values) in the module's memory: in place
 * when it is a resident array (an arena's or a parameter's), else copied to byte `at`.
 */
export function placeIn(wasm: WasmMemory, array: Float32Array, at: number, length: number): number {
  const offset = array.length >= length ? wasm.residentOffset(array) : null;
  if (offset !== null) return offset;
  wasm.copyIn(array, at, length);
  return at;
}

/**
 * The byte offset where the kernel may write an [m×n] result straight into `out`: a
 * resident array whose rows fill the kernel's stride and blocks of 4 rows exactly; else
 * null (the kernel writes its scratch and the caller copies out).
 */
export function writeInPlace(wasm: WasmMemory, out: Float32Array, m: number, n: number, stride: number): number | null {
  return m % 4 === 0 && n === stride && out.length >= m * n ? wasm.residentOffset(out) : null;
}

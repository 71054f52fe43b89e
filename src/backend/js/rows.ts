/**
 * The memory-bound kernels of the js backend: row gather and row scatter-add. In the module
 * (kernels/rows-wasm.ts) where the table and the output are float32 arrays resident in its
 * memory (a parameter, an arena's buffer) and the width is a multiple of 4; else these
 * TypeScript loops. Same bits either way.
 */
import type { FloatArray } from '../types.ts';
import type { KernelContext } from './context.ts';

/** Runs the module's row kernel `name` on resident `from` and `to`, the indices copied to the scratch; false where it does not apply. */
function rowsInModule(ctx: KernelContext, name: 'gatherRows' | 'scatterAddRows', from: FloatArray, indices: Int32Array, width: number, to: FloatArray): boolean {
  const wasm = ctx.wasm;
  if (wasm === null || width % 4 !== 0 || !(from instanceof Float32Array) || !(to instanceof Float32Array)) return false;
  const fromAt = wasm.residentOffset(from);
  const toAt = wasm.residentOffset(to);
  const at = wasm.scratchBase;
  if (fromAt === null || toAt === null || !wasm.reserve(at + 4 * indices.length)) return false;
  // The module reads and writes wherever an index points: every index must name a row of the table.
  const rows = (name === 'gatherRows' ? from.length : to.length) / width;
  for (let i = 0; i < indices.length; i++) if (!(indices[i]! >= 0 && indices[i]! < rows)) return false;
  wasm.copyInInt32(indices, at);
  wasm.exports[name](fromAt, at, indices.length, 4 * width, toAt);
  return true;
}

/** out[i, :] = table[indices[i], :]. */
export function gatherRows(ctx: KernelContext, table: FloatArray, indices: Int32Array, width: number, out: FloatArray): void {
  if (rowsInModule(ctx, 'gatherRows', table, indices, width, out)) return;
  for (let i = 0, o = 0; i < indices.length; i++) {
    const from = indices[i] * width;
    for (let j = 0; j < width; j++, o++) out[o] = table[from + j];
  }
}

/** out[indices[i], :] += values[i, :] for i ascending. */
export function scatterAddRows(ctx: KernelContext, values: FloatArray, indices: Int32Array, width: number, out: FloatArray): void {
  if (rowsInModule(ctx, 'scatterAddRows', values, indices, width, out)) return;
  for (let i = 0; i < indices.length; i++) {
    const to = indices[i] * width;
    const from = i * width;
    for (let j = 0; j < width; j++) out[to + j] += values[from + j];
  }
}

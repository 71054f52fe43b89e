/**
 * The memory-bound kernels of the js backend: row gather, row scatter-add, strided block
 * copies (concat and slice along columns) and the elementwise product. In the module
 * (kernels/rows-wasm.ts) where the arrays are float32 arrays resident in its memory (a
 * parameter, an arena's buffer) and the counts fit its four lanes; else these TypeScript
 * loops. Same bits either way. The gather, the block copies and the product split across
 * the threads when large (each row, block or element is written by one thread, as on one);
 * the scatter-add does not (two rows of a batch may add into one table row, in order).
 */
import type { FloatArray } from '../types.ts';
import type { KernelContext } from './context.ts';

/** Floats a call moves from which it is split across the threads (about 64 KB: ~10 µs of copying, past the ~2 µs a split costs where the dispatch is cheap: ThreadPool.cheapDispatch). */
export const PARALLEL_MIN_FLOATS = 1 << 14;
const splits = (ctx: KernelContext, floats: number) => floats >= (ctx.minParallelWork ?? PARALLEL_MIN_FLOATS) && ctx.pool.cheapDispatch;

/** Runs the module's row kernel `name` on resident `from` and `to`, the indices copied to the scratch; false where it does not apply. */
function rowsInModule(ctx: KernelContext, name: 'gatherRows' | 'scatterAddRows', from: FloatArray, indices: Int32Array, width: number, to: FloatArray): boolean {
  const wasm = ctx.wasm;
  if (wasm === null || width <= 0 || width % 4 !== 0 || !(from instanceof Float32Array) || !(to instanceof Float32Array)) return false;
  const fromAt = wasm.residentOffset(from);
  const toAt = wasm.residentOffset(to);
  const at = wasm.scratchBase;
  if (fromAt === null || toAt === null || !wasm.reserve(at + 4 * indices.length)) return false;
  // The module reads and writes wherever an index points: every index must name a whole row
  // of the table, and the batch side must hold a row per index.
  const [table, batch] = name === 'gatherRows' ? [from, to] : [to, from];
  const rows = Math.floor(table.length / width);
  if (batch.length < indices.length * width) return false;
  for (let i = 0; i < indices.length; i++) if (!(indices[i]! >= 0 && indices[i]! < rows)) return false;
  wasm.copyInInt32(indices, at);
  if (name === 'gatherRows') ctx.pool.run({ kind: 'gather-wasm', table: fromAt, indices: at, rowBytes: 4 * width, out: toAt }, indices.length, splits(ctx, indices.length * width));
  else wasm.exports.scatterAddRows(fromAt, at, indices.length, 4 * width, toAt);
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

/**
 * Block o of `block` elements, from src at srcOffset + o·srcStride to out at outOffset +
 * o·outStride, in the module where both are resident float32 arrays and every count is a
 * multiple of 4 (16 bytes); false otherwise, and the caller copies.
 */
export function copyBlocksInModule(ctx: KernelContext, src: FloatArray, srcOffset: number, srcStride: number, out: FloatArray, outOffset: number, outStride: number, blocks: number, block: number): boolean {
  const wasm = ctx.wasm;
  if (wasm === null || !(src instanceof Float32Array) || !(out instanceof Float32Array) || (block | srcOffset | srcStride | outOffset | outStride) % 4 !== 0) return false;
  const srcAt = wasm.residentOffset(src);
  const outAt = wasm.residentOffset(out);
  if (srcAt === null || outAt === null || blocks < 1) return false;
  // Every block inside both arrays, as the loop's typed-array writes would be.
  const inside = (offset: number, stride: number, length: number) => offset >= 0 && stride >= 0 && offset + (blocks - 1) * stride + block <= length;
  if (!inside(srcOffset, srcStride, src.length) || !inside(outOffset, outStride, out.length)) return false;
  const job = { kind: 'copy-blocks-wasm', src: srcAt + 4 * srcOffset, srcStride: 4 * srcStride, out: outAt + 4 * outOffset, outStride: 4 * outStride, blockBytes: 4 * block } as const;
  ctx.pool.run(job, blocks, splits(ctx, blocks * block));
  return true;
}

/**
 * out[i] = a[i]·b[i] (float32 products, as the loop's) in the module where all three are
 * resident float32 arrays of one length, four at a time, the last length mod 4 here; false
 * otherwise, and the caller loops.
 */
export function multiplyInModule(ctx: KernelContext, a: FloatArray, b: FloatArray, out: FloatArray): boolean {
  const wasm = ctx.wasm;
  if (wasm === null || !(a instanceof Float32Array) || !(b instanceof Float32Array) || !(out instanceof Float32Array) || a.length !== out.length || b.length !== out.length) return false;
  const aAt = wasm.residentOffset(a);
  const bAt = wasm.residentOffset(b);
  const outAt = wasm.residentOffset(out);
  if (aAt === null || bAt === null || outAt === null) return false;
  const whole = out.length - (out.length % 4);
  ctx.pool.run({ kind: 'multiply-wasm', a: aAt, b: bAt, out: outAt }, whole, splits(ctx, whole));
  for (let i = whole; i < out.length; i++) out[i] = a[i]! * b[i]!;
  return true;
}

/** Floats from which zeroing an array goes to the module and its threads (256 KB); below, the engine's fill is as fast. */
export const ZERO_MIN_FLOATS = 1 << 16;

/**
 * Zeroes a resident float32 array of at least ZERO_MIN_FLOATS in the module, split across
 * the threads (a step's embedding-table gradients: 7 MB at 5M interactions); false
 * otherwise, and the caller fills it.
 */
export function zeroInModule(ctx: KernelContext, out: FloatArray): boolean {
  const wasm = ctx.wasm;
  if (wasm === null || !(out instanceof Float32Array) || out.length < (ctx.minParallelWork ?? ZERO_MIN_FLOATS)) return false;
  const at = wasm.residentOffset(out);
  if (at === null || at % 16 !== 0) return false;
  const whole = out.length >> 2;
  ctx.pool.run({ kind: 'zero-wasm', out: at }, whole, ctx.pool.cheapDispatch);
  out.fill(0, whole << 2);
  return true;
}

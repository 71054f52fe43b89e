/**
 * C = op(A)·op(B) over flat row-major arrays, as a packed 4×4 register-blocked loop (the
 * BLIS scheme, Van Zee & van de Geijn 2015, reduced to one level): op(B) is packed once
 * into float64 column panels of width 4, each block of 4 rows of op(A) is packed into a
 * float64 row panel, and the micro-kernel keeps a 4×4 block of C in 16 local doubles,
 * reading both panels contiguously. Packing turns every transpose mix (A·B, Aᵀ·B, A·Bᵀ,
 * Aᵀ·Bᵀ) into the same inner loop and takes the float32→float64 conversions out of it.
 * The same loop in WebAssembly is matmul-wasm.ts; `matmul` below runs one or the other.
 *
 * Numerics: every product is exact in float64 and each cell is summed in float64 in
 * ascending k, then rounded once when stored (the 'float64' accumulation; matmulRowsFloat32
 * below is the 'float32' one). A cell's value depends only on its row of op(A) and column
 * of op(B), never on which block or thread computed it, so any row partition across
 * threads (chunks of a multiple of 4 rows) gives the same bits as one.
 */
import type { FloatArray } from '../../types.ts';
import { allFloat32, sumsInFloat32, type KernelContext } from '../context.ts';
import { EPILOGUE_NONE } from './matmul-wasm.ts';
import { placeIn, writeInPlace } from './placement.ts';
import { matvecInWasm } from './matvec.ts';
import { align16, align64, up4, up8, type WasmMemory } from '../wasm-memory.ts';
import { isSharedBuffer, sharedBuffer } from '../../shared-memory.ts';

/** Below this many multiply-adds a matmul stays on the calling thread (a dispatch costs ~50 µs). */
export const PARALLEL_MIN_WORK = 1 << 18;
/** The same for the WebAssembly kernel, which does that work about 4× faster. */
export const PARALLEL_MIN_WORK_WASM = 1 << 20;
/** Floats of op(B) from which packB32 splits by panels across the threads. */
export const PARALLEL_MIN_PACK = 1 << 15;

/** Length of the float64 panel buffer `packB` fills for an n-column op(B) of depth k. */
export function packedBLength(k: number, n: number): number {
  return Math.ceil(n / 4) * 4 * k;
}

/** op(B)[p, j] goes to PB[(j >> 2)·4k + 4p + (j & 3)]; columns past n are zero. */
export function packB(B: FloatArray, PB: Float64Array, k: number, n: number, transposeB: boolean): void {
  const bp = transposeB ? 1 : n;
  const bj = transposeB ? k : 1;
  for (let j0 = 0; j0 < n; j0 += 4) {
    const base = j0 * k;
    const cols = Math.min(4, n - j0);
    for (let p = 0; p < k; p++) {
      const o = base + 4 * p;
      const src = p * bp + j0 * bj;
      for (let c = 0; c < 4; c++) PB[o + c] = c < cols ? B[src + c * bj] : 0;
    }
  }
}

/**
 * Rows [rowFrom, rowTo) of C[m×n] = op(A)·op(B), with op(B) already packed by `packB`.
 * rowFrom must be a multiple of 4. PA is float64 scratch of at least 4k.
 */
export function matmulRows(A: FloatArray, PB: Float64Array, C: FloatArray, m: number, k: number, n: number, transposeA: boolean, rowFrom: number, rowTo: number, PA: Float64Array): void {
  const ai = transposeA ? 1 : k; // op(A)[i, p] = A[i·ai + p·ap]
  const ap = transposeA ? m : 1;
  for (let i = rowFrom; i < rowTo; i += 4) {
    const rows = Math.min(4, rowTo - i);
    for (let p = 0; p < k; p++) {
      const o = 4 * p;
      const src = i * ai + p * ap;
      for (let r = 0; r < 4; r++) PA[o + r] = r < rows ? A[src + r * ai] : 0;
    }
    for (let j = 0; j < n; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, pa = 0, pb = j * k; p < k; p++, pa += 4, pb += 4) {
        const x0 = PA[pa], x1 = PA[pa + 1], x2 = PA[pa + 2], x3 = PA[pa + 3];
        const y0 = PB[pb], y1 = PB[pb + 1], y2 = PB[pb + 2], y3 = PB[pb + 3];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      let o = i * n + j;
      if (rows === 4 && j + 4 <= n) {
        C[o] = c00; C[o + 1] = c01; C[o + 2] = c02; C[o + 3] = c03; o += n;
        C[o] = c10; C[o + 1] = c11; C[o + 2] = c12; C[o + 3] = c13; o += n;
        C[o] = c20; C[o + 1] = c21; C[o + 2] = c22; C[o + 3] = c23; o += n;
        C[o] = c30; C[o + 1] = c31; C[o + 2] = c32; C[o + 3] = c33;
      } else {
        // A block on the bottom or right edge: store only the cells inside C.
        const cols = Math.min(4, n - j);
        C[o] = c00; if (cols > 1) C[o + 1] = c01; if (cols > 2) C[o + 2] = c02; if (cols > 3) C[o + 3] = c03;
        if (rows > 1) { o += n; C[o] = c10; if (cols > 1) C[o + 1] = c11; if (cols > 2) C[o + 2] = c12; if (cols > 3) C[o + 3] = c13; }
        if (rows > 2) { o += n; C[o] = c20; if (cols > 1) C[o + 1] = c21; if (cols > 2) C[o + 2] = c22; if (cols > 3) C[o + 3] = c23; }
        if (rows > 3) { o += n; C[o] = c30; if (cols > 1) C[o + 1] = c31; if (cols > 2) C[o + 2] = c32; if (cols > 3) C[o + 3] = c33; }
      }
    }
  }
}

/**
 * matmulRows with float32 accumulation (the default 'float32' accumulation's reference):
 * s = +0, then s = fl32(s + fl32(a·b)) for p ascending (Math.fround: a float32 product or
 * sum rounded from float64 equals the float32 operation, 53 >= 2·24 + 2 bits), the bits of
 * the module's rows32 (matmul-wasm-f32.ts). A row at a time; PA is unused.
 */
export function matmulRowsFloat32(A: FloatArray, PB: Float64Array, C: FloatArray, m: number, k: number, n: number, transposeA: boolean, rowFrom: number, rowTo: number): void {
  const ai = transposeA ? 1 : k;
  const ap = transposeA ? m : 1;
  const round = Math.fround;
  for (let i = rowFrom; i < Math.min(rowTo, m); i++) {
    for (let j = 0; j < n; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0, a = i * ai, pb = j * k; p < k; p++, a += ap, pb += 4) {
        const x = A[a];
        s0 = round(s0 + round(x * PB[pb]));
        s1 = round(s1 + round(x * PB[pb + 1]));
        s2 = round(s2 + round(x * PB[pb + 2]));
        s3 = round(s3 + round(x * PB[pb + 3]));
      }
      const o = i * n + j;
      C[o] = s0;
      if (j + 1 < n) C[o + 1] = s1;
      if (j + 2 < n) C[o + 2] = s2;
      if (j + 3 < n) C[o + 3] = s3;
    }
  }
}

let panelB = new Float64Array(0);
let panelA = new Float64Array(0);

/** C = op(A)·op(B) on the calling thread, with scratch panels kept across calls (the reference the tests compare with); float32 accumulation when `float32`. */
export function matmulInto(A: FloatArray, B: FloatArray, C: FloatArray, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, float32 = false): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    C.fill(0);
    return;
  }
  const need = packedBLength(k, n);
  if (panelB.length < need) panelB = new Float64Array(need);
  if (panelA.length < 4 * k) panelA = new Float64Array(4 * k);
  packB(B, panelB, k, n, transposeB);
  if (float32) matmulRowsFloat32(A, panelB, C, m, k, n, transposeA, 0, m);
  else matmulRows(A, panelB, C, m, k, n, transposeA, 0, m, panelA);
}

/** Byte offsets of one call's arrays in the module's memory (all 16-byte aligned). */
export interface MatmulLayout {
  /** Which kernel the layout is for: rows32 (float32 accumulation) or rows (float64). */
  readonly float32: boolean;
  readonly a: number;
  readonly b: number;
  /** The dense layer's bias, padded with zeros to `stride`. */
  readonly bias: number;
  readonly pb: number;
  readonly c: number;
  /** C's row stride in cells: n rounded up to the kernel's column block (8 for rows32, 4 for rows). */
  readonly stride: number;
  /** A dropout mask laid out as C. */
  readonly mask: number;
  /** Row-panel scratch of thread t at pa + t·paStride. */
  readonly pa: number;
  readonly paStride: number;
  readonly bytes: number;
}

/**
 * The regions of one call, from byte `base` on (16-byte aligned); the mask region is empty
 * unless `withMask`. float32: for rows32 (float32 panels, 8 columns a block), else for rows.
 */
export function matmulLayout(m: number, k: number, n: number, threads: number, withMask = false, base = 0, float32 = false): MatmulLayout {
  const stride = float32 ? up8(n) : up4(n);
  const cellBytes = float32 ? 4 : 8; // of the packed panels
  const a = base;
  const b = align16(a + 4 * m * k);
  const bias = align16(b + 4 * k * n);
  const pb = align16(bias + 4 * stride);
  const c = align16(pb + cellBytes * stride * k);
  const mask = align16(c + 4 * up4(m) * stride);
  // Each thread's row panel on cache lines of its own (paStride, 16k or 32k bytes, is a multiple of 64 for even k).
  const pa = align64(mask + (withMask ? 4 * up4(m) * stride : 0));
  const paStride = 4 * cellBytes * k;
  return { float32, a, b, bias, pb, c, stride, mask, pa, paStride, bytes: pa + threads * paStride };
}

/**
 * Rows of C = op(A)·(packed op(B)) in the module, all at byte offsets: C with row stride
 * `stride` (the layout's), split across the threads when large; rows32 where `float32`
 * (B packed by packB32), else rows. The dense kernels use it too.
 */
export function wasmRows(ctx: KernelContext, float32: boolean, a: number, ai: number, ap: number, m: number, k: number, pb: number, stride: number, c: number, epilogue: number, bias: number, mask: number, pa: number, paStride: number): void {
  const split = m > 4 && stride * m * k >= (ctx.minParallelWork ?? PARALLEL_MIN_WORK_WASM);
  ctx.pool.run({ kind: 'matmul-wasm', float32, a, ai, ap, m, k, pb, stride, c, pa, paStride, epilogue, bias, mask }, up4(m), split);
}

/**
 * op(B) packed for the kernel that will read it: packB32 for rows32 (`float32`; split by
 * panels of 8 columns across the threads when large), else packB.
 */
export function wasmPackB(ctx: KernelContext, wasm: WasmMemory, float32: boolean, b: number, bp: number, bj: number, k: number, n: number, pb: number): void {
  if (!float32) return wasm.exports.packB(b, bp, bj, k, n, pb);
  const panels = Math.ceil(n / 8);
  ctx.pool.run({ kind: 'pack-b32-wasm', b, bp, bj, k, n, pb }, panels, panels > 4 && k * n >= (ctx.minParallelWork ?? PARALLEL_MIN_PACK) && ctx.pool.cheapDispatch);
}

/**
 * The float32 product in the module over layout L (reserved), with the dense epilogue
 * (bias, ReLU, a dropout mask [m×n], n equal to the layout's stride) when asked. Resident
 * arrays are read and written in place (placeIn, writeInPlace); the rest pass through L.
 */
export function matmulInWasm(ctx: KernelContext, wasm: WasmMemory, L: MatmulLayout, A: Float32Array, B: Float32Array, C: Float32Array, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, epilogue: number, bias: Float32Array | null, mask: Float32Array | null): void {
  const a = placeIn(wasm, A, L.a, m * k);
  const b = placeIn(wasm, B, L.b, k * n);
  let biasAt = L.bias;
  if (bias !== null) {
    // The kernel reads `stride` bias values: in place only where that is the array itself.
    const inPlace = n === L.stride ? wasm.residentOffset(bias) : null;
    if (inPlace !== null) biasAt = inPlace;
    else {
      wasm.copyIn(bias, L.bias, n);
      wasm.zero(L.bias + 4 * n, L.bias + 4 * L.stride);
    }
  }
  const maskAt = mask !== null ? placeIn(wasm, mask, L.mask, m * n) : L.mask;
  const c = writeInPlace(wasm, C, m, n, L.stride);
  // op(A)[i, p] = A[i·ai + p·ap], op(B)[p, j] = B[p·bp + j·bj]
  const [ai, ap] = transposeA ? [1, m] : [k, 1];
  const [bp, bj] = transposeB ? [1, k] : [n, 1];
  wasmPackB(ctx, wasm, L.float32, b, bp, bj, k, n, L.pb);
  wasmRows(ctx, L.float32, a, ai, ap, m, k, L.pb, L.stride, c ?? L.c, epilogue, biasAt, maskAt, L.pa, L.paStride);
  if (c === null) wasm.copyOut(C, L.c, m, n, L.stride);
}

/** The TypeScript loop's shared buffers, kept across calls: packed B, and shared copies of A and C that arrive in ordinary memory. */
export class MatmulLoopScratch {
  panelB = new Float64Array(sharedBuffer(8));
  private sharedA: FloatArray | null = null;
  private sharedC: FloatArray | null = null;

  /** `a` itself when it is in shared memory, else a shared array of its length (its values copied when `copy`). */
  shared(which: 'A' | 'C', a: FloatArray, copy: boolean): FloatArray {
    if (isSharedBuffer(a.buffer)) return a;
    const current = which === 'A' ? this.sharedA : this.sharedC;
    let out: FloatArray;
    if (current !== null && current.length >= a.length && current.constructor === a.constructor) out = current.length === a.length ? current : current.subarray(0, a.length);
    else {
      const bytes = sharedBuffer(Math.max(a.length, 1024) * a.BYTES_PER_ELEMENT);
      const fresh = a instanceof Float64Array ? new Float64Array(bytes) : new Float32Array(bytes);
      if (which === 'A') this.sharedA = fresh;
      else this.sharedC = fresh;
      out = fresh.subarray(0, a.length);
    }
    if (copy) out.set(a);
    return out;
  }
}

/** C = op(A)·op(B) in the TypeScript loop, split by rows across the pool when large. */
export function matmulInLoop(ctx: KernelContext, scratch: MatmulLoopScratch, A: FloatArray, B: FloatArray, C: FloatArray, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean): void {
  const need = packedBLength(k, n);
  if (scratch.panelB.length < need) scratch.panelB = new Float64Array(sharedBuffer(need * 8));
  const PB = scratch.panelB;
  packB(B, PB, k, n, transposeB);
  const float32 = sumsInFloat32(ctx, A, B, C);
  if (!(ctx.pool.threads > 1 && m > 4 && m * n * k >= (ctx.minParallelWork ?? PARALLEL_MIN_WORK))) {
    ctx.pool.run({ kind: 'matmul-loop', float32, A, PB, C, m, k, n, transposeA }, m, false);
    return;
  }
  const sharedA = scratch.shared('A', A, true);
  const sharedC = scratch.shared('C', C, false);
  ctx.pool.run({ kind: 'matmul-loop', float32, A: sharedA, PB, C: sharedC, m, k, n, transposeA }, m, true);
  if (sharedC !== C) C.set(sharedC);
}

/** C[m×n] = op(A)·op(B): in the module when all three are float32 and the call fits in its memory, else the TypeScript loop (same bits, for either accumulation). */
export function matmul(ctx: KernelContext, scratch: MatmulLoopScratch, A: FloatArray, B: FloatArray, C: FloatArray, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    C.fill(0);
    return;
  }
  const wasm = ctx.wasm;
  if (n === 1 && wasm !== null && sumsInFloat32(ctx, A, B, C) && matvecInWasm(wasm, A as Float32Array, B as Float32Array, C as Float32Array, m, k, transposeA)) return;
  const L = wasm !== null && allFloat32(A, B, C) ? matmulLayout(m, k, n, ctx.pool.threads, false, wasm.scratchBase, sumsInFloat32(ctx, A, B, C)) : null;
  if (L !== null && wasm!.reserve(L.bytes)) matmulInWasm(ctx, wasm!, L, A as Float32Array, B as Float32Array, C as Float32Array, m, k, n, transposeA, transposeB, EPILOGUE_NONE, null, null);
  else matmulInLoop(ctx, scratch, A, B, C, m, k, n, transposeA, transposeB);
}

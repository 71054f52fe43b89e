/**
 * The dense layer's kernels: forward out = act(x·w + bias) (times a dropout mask), and its
 * backward (dx, dw, db) as ../../dense-backward.ts defines it. In the module, the forward
 * is the matmul with its store's epilogue (matmul-wasm.ts) and the backward is the mask
 * pass below plus two products with gz kept in the memory; in TypeScript, the backend's
 * matmul then passes over the arrays. Both give the same bits.
 */
import type { FloatArray } from '../../types.ts';
import { allFloat32, sumsInFloat32, type KernelContext } from '../context.ts';
import { align16, align64, up4, up8 } from '../wasm-memory.ts';
import { I32, V128, defineFunction, type FunctionBuilder, type Value, type WasmFunction } from '../wasm-writer.ts';
import { matmulInWasm, matmulLayout, wasmPackB, wasmRows } from './matmul.ts';
import { placeIn, writeInPlace } from './placement.ts';
import { EPILOGUE_BIAS, EPILOGUE_BIAS_RELU, EPILOGUE_BIAS_RELU_MASK, EPILOGUE_NONE } from './matmul-wasm.ts';
import { denseBackwardByParts, multiplyInPlace, type scratchArrays } from '../../dense-backward.ts';

/**
 * out[r, j] = act(out[r, j] + bias[j]) in place over an [m×n] matrix. The sum is done in
 * float64 and rounded once, as if by a separate add then relu on float32 tensors.
 */
export function addBiasActivation(out: FloatArray, bias: FloatArray, m: number, n: number, relu: boolean): void {
  for (let r = 0, o = 0; r < m; r++) {
    for (let j = 0; j < n; j++, o++) {
      const z = out[o] + bias[j];
      // NaN passes through relu, as in the relu op and the gpujs kernel.
      out[o] = relu && z <= 0 ? 0 : z;
    }
  }
}

/** maskColumnSums's mode bits. */
export const MASK_RELU = 1;
export const MASK_DROPOUT = 2;

/**
 * maskColumnSums(gz, y, db, m, n, mode, dropoutMask): the dense backward's elementwise pass
 * over [m×n] float32 (n a multiple of 4), as dense-backward.ts computes it:
 *   MASK_DROPOUT: gz ← gz·mask, rounded once (dropout's backward)
 *   MASK_RELU: gz ← gz·f, f = 1 where y > 0, NaN where y is NaN, else 0 (exact in float32)
 *   db[j] += gz[r, j] for r ascending, one float32 rounding per addition (a float32 add of
 *   two float32 values rounds as float64-then-float32 does: 53 >= 2·24 + 2 bits)
 */
export const maskColumnSumsFunction = (): WasmFunction => maskPass('maskColumnSums', false);

/**
 * maskColumnSumsFrom(g, gz, y, db, m, n, mode, dropoutMask): maskColumnSums reading the
 * incoming gradient at g and writing the masked one at gz (g may equal gz): the same
 * operations on each cell in the same order, without the copy of g to gz before the pass.
 */
export const maskColumnSumsFromFunction = (): WasmFunction => maskPass('maskColumnSumsFrom', true);

const MASK_PASS_PARAMS = { gz: I32, y: I32, db: I32, m: I32, n: I32, mode: I32, dropoutMask: I32 } as const;

/** The mask pass over [m×n], in place on gz, or (`fromG`) from g into gz; row by row, four cells at a time. */
function maskPass(name: string, fromG: boolean): WasmFunction {
  if (fromG) return defineFunction(name, { g: I32, ...MASK_PASS_PARAMS }, (f, args) => maskPassBody(f, args.g, args, true));
  return defineFunction(name, MASK_PASS_PARAMS, (f, args) => maskPassBody(f, args.gz, args, false));
}

function maskPassBody(f: FunctionBuilder, from: Value, { gz, y, db, m, n, mode, dropoutMask }: Record<keyof typeof MASK_PASS_PARAMS, Value>, fromG: boolean): void {
  const [o, end, j, rowEnd] = ['o', 'end', 'j', 'rowEnd'].map((local) => f.local(I32, local));
  const [v, yy] = ['v', 'yy'].map((local) => f.local(V128, local));
  f.i32(0).set(o);
  f.get(m).get(n).i32Mul().i32(4).i32Mul().set(end);
  f.loop(() => {
    f.get(o).get(n).i32(4).i32Mul().i32Add().set(rowEnd);
    f.i32(0).set(j);
    f.loop(() => {
      f.get(from).get(o).i32Add().v128Load(0).set(v);
      f.get(mode).i32(MASK_DROPOUT).i32And().ifElse(() => {
        f.get(v).get(dropoutMask).get(o).i32Add().v128Load(0).f32x4Mul().set(v);
      });
      f.get(mode).i32(MASK_RELU).i32And().ifElse(() => {
        f.get(y).get(o).i32Add().v128Load(0).set(yy);
        // factor = NaN where y is NaN, else (y > 0 ? 1 : 0)
        f.get(v);
        f.f32x4Splat(NaN).f32x4Splat(1).f32x4Splat(0).get(yy).f32x4Splat(0).f32x4Gt().v128Bitselect();
        f.get(yy).get(yy).f32x4Ne().v128Bitselect();
        f.f32x4Mul().set(v);
      });
      // In place, a cell no mode changes is already there; from g, every cell is stored.
      if (fromG) f.get(gz).get(o).i32Add().get(v).v128Store(0);
      else f.get(mode).ifElse(() => f.get(gz).get(o).i32Add().get(v).v128Store(0));
      f.get(db).get(j).i32Add().get(db).get(j).i32Add().v128Load(0).get(v).f32x4Add().v128Store(0);
      f.get(j).i32(16).i32Add().set(j);
      f.get(o).i32(16).i32Add().tee(o).get(rowEnd).i32LtU().brIf(0);
    });
    f.get(o).get(end).i32LtU().brIf(0);
  });
}

/**
 * out[m×n] = act(x·w + bias) (times a dropout mask, if given): in the module's store where
 * it runs (float32, and for a mask: ReLU and n a multiple of 4), else the backend's matmul
 * then passes over out (same bits).
 */
export function denseForward(ctx: KernelContext, x: FloatArray, w: FloatArray, bias: FloatArray, out: FloatArray, m: number, k: number, n: number, relu: boolean, dropoutMask?: FloatArray): void {
  const wasm = ctx.wasm;
  const float32 = sumsInFloat32(ctx, x, w, out, bias);
  // The module reads the mask with C's row stride: n rounded up to the kernel's column block.
  const maskFits = dropoutMask === undefined || (dropoutMask instanceof Float32Array && relu && n === (float32 ? up8(n) : up4(n)));
  // A 1-wide layer (float32 sums): the module's matvec32 through the backend's matmul, then the bias and activation below.
  const inModule = wasm !== null && m > 0 && n > 0 && k > 0 && allFloat32(x, w, out, bias) && maskFits && !(float32 && n === 1);
  const L = inModule ? matmulLayout(m, k, n, ctx.pool.threads, dropoutMask !== undefined, wasm.scratchBase, float32) : null;
  if (L !== null && wasm!.reserve(L.bytes)) {
    const epilogue = dropoutMask !== undefined ? EPILOGUE_BIAS_RELU_MASK : relu ? EPILOGUE_BIAS_RELU : EPILOGUE_BIAS;
    const mask = (dropoutMask as Float32Array | undefined) ?? null;
    matmulInWasm(ctx, wasm!, L, x as Float32Array, w as Float32Array, out as Float32Array, m, k, n, false, false, epilogue, bias as Float32Array, mask);
    return;
  }
  ctx.matmul(x, w, out, m, k, n, false, false);
  addBiasActivation(out, bias, m, n, relu);
  if (dropoutMask !== undefined) multiplyInPlace(out, dropoutMask);
}

/**
 * Byte offsets of the module's dense backward (all 16-byte aligned); `pb` holds packed wᵀ
 * (n × k) or gz (m × n), float32 panels for rows32 where `float32`, else float64 for rows;
 * dx and dw have row strides `kStride` and `nStride` (k and n rounded up to the kernel's
 * column block).
 */
function denseBackwardLayout(m: number, k: number, n: number, threads: number, withMask: boolean, base: number, float32: boolean) {
  const roundUp = float32 ? up8 : up4;
  const cellBytes = float32 ? 4 : 8;
  const at = { x: 0, w: 0, gz: 0, y: 0, mask: 0, db: 0, pb: 0, dx: 0, dw: 0, pa: 0, paStride: 4 * cellBytes * Math.max(n, m), kStride: roundUp(k), nStride: roundUp(n), bytes: 0 };
  let next = base;
  const place = (key: 'x' | 'w' | 'gz' | 'y' | 'mask' | 'db' | 'pb' | 'dx' | 'dw' | 'pa', bytes: number) => {
    at[key] = next;
    next = align16(next + bytes);
  };
  place('x', 4 * m * k);
  place('w', 4 * k * n);
  place('gz', 4 * m * n);
  place('y', 4 * m * n);
  place('mask', withMask ? 4 * m * n : 0);
  place('db', 4 * n);
  place('pb', cellBytes * Math.max(at.kStride * n, at.nStride * m));
  place('dx', 4 * up4(m) * at.kStride);
  place('dw', 4 * up4(k) * at.nStride);
  next = align64(next); // each thread's row panel on cache lines of its own (paStride is a multiple of 64)
  place('pa', threads * at.paStride);
  at.bytes = next;
  return at;
}

/**
 * The dense layer's backward: gz = (g·dropoutMask)·act'(y) (ReLU or the identity; the mask
 * when given), db = column sums of gz, dx = gz·wᵀ, dw = xᵀ·gz. In the module where every
 * array is float32, n is a multiple of 4 and the call fits (gz stays in its memory for both
 * products); else by parts with the backend's matmul (dense-backward.ts). Same bits.
 */
export function denseBackward(ctx: KernelContext, gzScratch: ReturnType<typeof scratchArrays>, x: FloatArray, w: FloatArray, g: FloatArray, y: FloatArray, dx: FloatArray, dw: FloatArray, db: FloatArray, m: number, k: number, n: number, relu: boolean, dropoutMask?: FloatArray): void {
  const wasm = ctx.wasm;
  const inModule = wasm !== null && allFloat32(x, w, g, y, dx, dw, db, dropoutMask ?? x) && n % 4 === 0 && m > 0 && k > 0 && n > 0;
  const float32 = sumsInFloat32(ctx, x, w, g);
  const at = inModule ? denseBackwardLayout(m, k, n, ctx.pool.threads, dropoutMask !== undefined, wasm.scratchBase, float32) : null;
  if (at === null || !wasm!.reserve(at.bytes)) {
    denseBackwardByParts(ctx, gzScratch, x, w, g, y, dx, dw, db, m, k, n, relu, dropoutMask);
    return;
  }
  const memory = wasm!;
  // Resident arrays (an arena's, a parameter's) are read and written in place; g is copied
  // to gz, which the mask pass overwrites.
  const xAt = placeIn(memory, x as Float32Array, at.x, m * k);
  const wAt = placeIn(memory, w as Float32Array, at.w, k * n);
  const yAt = placeIn(memory, y as Float32Array, at.y, m * n);
  const maskAt = dropoutMask !== undefined ? placeIn(memory, dropoutMask as Float32Array, at.mask, m * n) : at.mask;
  const mode = (relu ? MASK_RELU : 0) | (dropoutMask !== undefined ? MASK_DROPOUT : 0);
  memory.zero(at.db, at.db + 4 * n);
  if (float32) {
    // A resident g is read in place and the masked gz written beside it (no copy of g first).
    memory.exports.maskColumnSumsFrom(placeIn(memory, g as Float32Array, at.gz, m * n), at.gz, yAt, at.db, m, n, mode, maskAt);
  } else {
    // The exact path's pass as captured byte for byte (test/backend/js/wasm-module.test.ts): g copied to gz, masked in place.
    memory.copyIn(g as Float32Array, at.gz, m * n);
    memory.exports.maskColumnSums(at.gz, yAt, at.db, m, n, mode, maskAt);
  }
  const dxAt = writeInPlace(memory, dx as Float32Array, m, k, at.kStride);
  const dwAt = writeInPlace(memory, dw as Float32Array, k, n, at.nStride);
  // dx[m×k] = gz·wᵀ: op(B)[p, j] = w[j, p], so bp = 1, bj = n.
  wasmPackB(ctx, memory, float32, wAt, 1, n, n, k, at.pb);
  wasmRows(ctx, float32, at.gz, n, 1, m, n, at.pb, at.kStride, dxAt ?? at.dx, EPILOGUE_NONE, 0, 0, at.pa, at.paStride);
  // dw[k×n] = xᵀ·gz: op(A)[i, p] = x[p, i], so ai = 1, ap = k.
  wasmPackB(ctx, memory, float32, at.gz, n, 1, m, n, at.pb);
  wasmRows(ctx, float32, xAt, 1, k, k, m, at.pb, at.nStride, dwAt ?? at.dw, EPILOGUE_NONE, 0, 0, at.pa, at.paStride);
  if (dxAt === null) memory.copyOut(dx as Float32Array, at.dx, m, k, at.kStride);
  if (dwAt === null) memory.copyOut(dw as Float32Array, at.dw, k, n, at.nStride);
  db.set(memory.floats.subarray(at.db / 4, at.db / 4 + n));
}

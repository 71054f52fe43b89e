/**
 * The js backend's WebAssembly module, emitted from TypeScript at start-up
 * (src/backend/js/wasm-writer.ts): the float32 matmul below, the dense backward's mask pass
 * (maskColumnSums) and Adam's update (wasm-adam.ts). The matmul is the packed 4×4
 * register-blocked loop of matmul.ts with two f64 lanes per instruction:
 *
 *   packB   op(B) → float64 column panels of width 4 (as matmul.ts's packB)
 *   rows    for each block of 4 rows of op(A): pack it into a float64 row panel, then
 *           for each column panel keep the 4×4 block of C in eight f64x2 accumulators
 *           (acc[r][0] = C[r, j..j+1], acc[r][1] = C[r, j+2..j+3]) and add
 *           broadcast(op(A)[r, p]) · op(B)[p, j..j+3] for p ascending; then, for a
 *           dense layer, add the bias and apply ReLU to the block as it is stored
 *
 * The arithmetic is matmulRows's, operation for operation: float32 inputs widened exactly
 * to float64, every product exact in float64 (24 + 24 bits < 53), each cell summed in
 * float64 in ascending k with no fused multiply-add, rounded once to float32 (nearest,
 * ties to even) when stored. So it gives the same bits as the TypeScript loop, which stays
 * as the reference and the fallback (the tests compare the two bit for bit). The dense
 * epilogue is addBiasActivation's arithmetic (rows.ts): the rounded cell plus the bias in
 * float64, rounded once, then ReLU (z <= 0 → +0, NaN kept) on the float32 result, which
 * zeroes exactly the cells that z <= 0 does in float64.
 *
 * Memory: one shared WebAssembly.Memory, so worker threads run `rows` on their own rows
 * of the same call. C is written with a row stride of n rounded up to 4 and m rounded up
 * to 4 rows; the caller copies the m×n cells out. Resident arrays (parameters, optimizer
 * state) sit below each call's scratch (wasm-kernels.ts).
 */
import { FunctionBuilder, I32, V128, encodeModule } from './wasm-writer.ts';
import { adamFunction } from './wasm-adam.ts';

export const WASM_PAGE_BYTES = 65536;
/** 1 GiB: calls that need more memory run the TypeScript loop (same bits). */
export const WASM_MAX_PAGES = 16384;

/** packB(b, bp, bj, k, n, pb): op(B)[p, j] = f32 at b + 4(p·bp + j·bj) → f64 at pb + 8((j >> 2)·4k + 4p + (j & 3)). */
function packBFunction(): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32, I32, I32]);
  const [b, bp, bj, k, n, pb] = [0, 1, 2, 3, 4, 5];
  const bp4 = f.local(I32), bj4 = f.local(I32), j0 = f.local(I32), p = f.local(I32), src = f.local(I32), dst = f.local(I32), left = f.local(I32);
  f.get(bp).i32(4).i32Mul().set(bp4);
  f.get(bj).i32(4).i32Mul().set(bj4);
  f.get(pb).set(dst); // panels are contiguous: dst runs through all of them in order
  f.i32(0).set(j0);
  f.loop(() => {
    f.get(n).get(j0).i32Sub().set(left); // columns left, >= 1
    f.get(b).get(j0).get(bj4).i32Mul().i32Add().set(src);
    f.i32(0).set(p);
    f.loop(() => {
      for (let c = 0; c < 4; c++) {
        const load = () => f.get(dst).get(src).get(bj4).i32(c).i32Mul().i32Add().f32LoadAsF64().f64Store(8 * c);
        const zero = () => f.get(dst).f64Zero().f64Store(8 * c);
        if (c === 0) load();
        else f.i32(c).get(left).i32LtS().ifElse(load, zero);
      }
      f.get(src).get(bp4).i32Add().set(src);
      f.get(dst).i32(32).i32Add().set(dst);
      f.get(p).i32(1).i32Add().tee(p).get(k).i32LtS().brIf(0);
    });
    f.get(j0).i32(4).i32Add().tee(j0).get(n).i32LtS().brIf(0);
  });
  return f;
}

/** What `rows` does to a 4×4 block of C as it stores it. */
export const EPILOGUE_NONE = 0;
export const EPILOGUE_BIAS = 1;
export const EPILOGUE_BIAS_RELU = 2;
/** Bias, ReLU, then the product with a dropout mask of the same layout as C. */
export const EPILOGUE_BIAS_RELU_MASK = 3;

/**
 * rows(a, ai, ap, m, k, pb, n4, c, rowFrom, rowTo, pa, epilogue, bias, mask): rows
 * [rowFrom, rowTo) of C, rowFrom a multiple of 4, rowTo <= m rounded up to 4. op(A)[i, p]
 * = f32 at a + 4(i·ai + p·ap); pa is 32k bytes of scratch for the row panel; C[i, j] goes
 * to c + 4(i·n4 + j). With an epilogue, bias holds n4 float32 values (zero past n); with
 * the mask epilogue, the mask's cell (i, j) is at mask + 4(i·n4 + j), and the stored cell
 * is ReLU's float32 result times it, rounded once (the product dropout computes).
 */
function rowsFunction(): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [a, ai, ap, m, k, pb, n4, c, rowFrom, rowTo, pa, epilogue, bias, mask] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  const ai4 = f.local(I32), ap4 = f.local(I32), panelBytes = f.local(I32), i = f.local(I32), r = f.local(I32), j = f.local(I32);
  const src = f.local(I32), dst = f.local(I32), end = f.local(I32), x = f.local(I32), y = f.local(I32), out = f.local(I32);
  const acc: number[] = [];
  for (let q = 0; q < 8; q++) acc.push(f.local(V128));
  const y01 = f.local(V128), y23 = f.local(V128), xr = f.local(V128), z = f.local(V128);

  f.get(ai).i32(4).i32Mul().set(ai4);
  f.get(ap).i32(4).i32Mul().set(ap4);
  f.get(k).i32(32).i32Mul().set(panelBytes);
  f.get(rowFrom).set(i);
  f.loop(() => {
    // Pack rows i..i+3 of op(A): pa + 8(4p + r) = op(A)[i + r, p], zero for rows past m.
    f.i32(0).set(r);
    f.loop(() => {
      f.get(pa).get(r).i32(8).i32Mul().i32Add().tee(dst).get(panelBytes).i32Add().set(end);
      f.get(i).get(r).i32Add().get(m).i32LtS().ifElse(
        () => {
          f.get(a).get(i).get(r).i32Add().get(ai4).i32Mul().i32Add().set(src);
          f.loop(() => {
            f.get(dst).get(src).f32LoadAsF64().f64Store();
            f.get(src).get(ap4).i32Add().set(src);
            f.get(dst).i32(32).i32Add().tee(dst).get(end).i32LtU().brIf(0);
          });
        },
        () => {
          f.loop(() => {
            f.get(dst).f64Zero().f64Store();
            f.get(dst).i32(32).i32Add().tee(dst).get(end).i32LtU().brIf(0);
          });
        },
      );
      f.get(r).i32(1).i32Add().tee(r).i32(4).i32LtS().brIf(0);
    });
    // The 4×4 blocks of this row block, column panel by column panel (y runs through them in order).
    f.get(pb).set(y);
    f.i32(0).set(j);
    f.loop(() => {
      for (const q of acc) f.v128Zero().set(q);
      f.get(pa).tee(x).get(panelBytes).i32Add().set(end);
      f.loop(() => {
        f.get(y).v128Load(0).set(y01);
        f.get(y).v128Load(16).set(y23);
        for (let row = 0; row < 4; row++) {
          f.get(x).v128Load64Splat(8 * row).set(xr);
          f.get(acc[2 * row]!).get(xr).get(y01).f64x2Mul().f64x2Add().set(acc[2 * row]!);
          f.get(acc[2 * row + 1]!).get(xr).get(y23).f64x2Mul().f64x2Add().set(acc[2 * row + 1]!);
        }
        f.get(y).i32(32).i32Add().set(y);
        f.get(x).i32(32).i32Add().tee(x).get(end).i32LtU().brIf(0);
      });
      // Round each pair of cells to float32 and store it (8 bytes) at C[i + row, j..j+3].
      f.get(c).get(i).get(n4).i32Mul().get(j).i32Add().i32(4).i32Mul().i32Add().set(out);
      const storeBlock = (withBias: boolean, relu: boolean, withMask = false) => {
        if (withBias) {
          // y01, y23 (free after the p loop) hold bias[j..j+1], bias[j+2..j+3] as f64.
          f.get(bias).get(j).i32(4).i32Mul().i32Add().tee(x).v128Load64Zero(0).f64x2PromoteLowF32x4().set(y01);
          f.get(x).v128Load64Zero(8).f64x2PromoteLowF32x4().set(y23);
        }
        for (let row = 0; row < 4; row++) {
          for (const half of [0, 1]) {
            f.get(out).get(acc[2 * row + half]!).f32x4DemoteF64x2Zero();
            if (withBias) f.f64x2PromoteLowF32x4().get(half === 0 ? y01 : y23).f64x2Add().f32x4DemoteF64x2Zero();
            if (relu) f.tee(z).get(z).v128Zero().f32x4Le().v128AndNot();
            if (withMask) f.get(out).get(c).i32Sub().get(mask).i32Add().v128Load64Zero(8 * half).f32x4Mul();
            f.v128Store64Lane(8 * half, 0);
          }
          if (row < 3) f.get(out).get(n4).i32(4).i32Mul().i32Add().set(out);
        }
      };
      f.get(epilogue).i32(EPILOGUE_NONE).i32Eq().ifElse(
        () => storeBlock(false, false),
        () =>
          f.get(epilogue).i32(EPILOGUE_BIAS).i32Eq().ifElse(
            () => storeBlock(true, false),
            () => f.get(epilogue).i32(EPILOGUE_BIAS_RELU).i32Eq().ifElse(() => storeBlock(true, true), () => storeBlock(true, true, true)),
          ),
      );
      f.get(j).i32(4).i32Add().tee(j).get(n4).i32LtS().brIf(0);
    });
    f.get(i).i32(4).i32Add().tee(i).get(rowTo).i32LtS().brIf(0);
  });
  return f;
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
function maskColumnSumsFunction(): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32, I32, I32, I32]);
  const [gz, y, db, m, n, mode, dropoutMask] = [0, 1, 2, 3, 4, 5, 6];
  const o = f.local(I32), end = f.local(I32), j = f.local(I32), rowEnd = f.local(I32), v = f.local(V128), yy = f.local(V128);
  f.i32(0).set(o);
  f.get(m).get(n).i32Mul().i32(4).i32Mul().set(end);
  f.loop(() => {
    f.get(o).get(n).i32(4).i32Mul().i32Add().set(rowEnd);
    f.i32(0).set(j);
    f.loop(() => {
      f.get(gz).get(o).i32Add().v128Load(0).set(v);
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
      f.get(mode).ifElse(() => f.get(gz).get(o).i32Add().get(v).v128Store(0));
      f.get(db).get(j).i32Add().get(db).get(j).i32Add().v128Load(0).get(v).f32x4Add().v128Store(0);
      f.get(j).i32(16).i32Add().set(j);
      f.get(o).i32(16).i32Add().tee(o).get(rowEnd).i32LtU().brIf(0);
    });
    f.get(o).get(end).i32LtU().brIf(0);
  });
  return f;
}

export interface MatmulExports {
  maskColumnSums(gz: number, y: number, db: number, m: number, n: number, mode: number, dropoutMask: number): void;
  adam(p: number, g: number, m: number, v: number, from: number, to: number, torch: number, beta1: number, beta2: number, epsilon: number, alpha: number, stepSize: number, sqrtBiasCorrection2: number): void;
  packB(b: number, bp: number, bj: number, k: number, n: number, pb: number): void;
  rows(a: number, ai: number, ap: number, m: number, k: number, pb: number, n4: number, c: number, rowFrom: number, rowTo: number, pa: number, epilogue: number, bias: number, mask: number): void;
}

const compiled = new Map<boolean, WebAssembly.Module | null>();

/** The kernel module's binary for a shared or an unshared memory. */
export function matmulModuleBytes(sharedMemory = true): Uint8Array<ArrayBuffer> {
  return encodeModule(
    [
      { name: 'packB', body: packBFunction() },
      { name: 'rows', body: rowsFunction() },
      { name: 'maskColumnSums', body: maskColumnSumsFunction() },
      { name: 'adam', body: adamFunction() },
    ],
    { minPages: 1, maxPages: WASM_MAX_PAGES, shared: sharedMemory },
  );
}

/** The compiled kernel module for a shared or an unshared memory, or null where this engine lacks WebAssembly SIMD. */
export function matmulModule(sharedMemory = true): WebAssembly.Module | null {
  const cached = compiled.get(sharedMemory);
  if (cached !== undefined) return cached;
  const bytes = matmulModuleBytes(sharedMemory);
  const module = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  compiled.set(sharedMemory, module);
  return module;
}

/** Byte offsets of one call's arrays in the shared memory (all 16-byte aligned). */
export interface MatmulLayout {
  readonly a: number;
  readonly b: number;
  /** The dense layer's bias, padded with zeros to n rounded up to 4. */
  readonly bias: number;
  readonly pb: number;
  readonly c: number;
  /** A dropout mask laid out as C. */
  readonly mask: number;
  /** Row-panel scratch of thread t at pa + t·paStride. */
  readonly pa: number;
  readonly paStride: number;
  readonly bytes: number;
}

export const align16 = (x: number) => Math.ceil(x / 16) * 16;
export const up4 = (x: number) => Math.ceil(x / 4) * 4;

/** The regions of one call, from byte `base` on (16-byte aligned); the mask region is empty unless `withMask`. */
export function matmulLayout(m: number, k: number, n: number, threads: number, withMask = false, base = 0): MatmulLayout {
  const m4 = up4(m);
  const n4 = up4(n);
  const a = base;
  const b = align16(a + 4 * m * k);
  const bias = align16(b + 4 * k * n);
  const pb = align16(bias + 4 * n4);
  const c = align16(pb + 8 * n4 * k);
  const mask = align16(c + 4 * m4 * n4);
  const pa = align16(mask + (withMask ? 4 * m4 * n4 : 0));
  const paStride = 32 * k;
  return { a, b, bias, pb, c, mask, pa, paStride, bytes: pa + threads * paStride };
}

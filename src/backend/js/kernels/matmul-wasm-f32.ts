/**
 * The float32 matmul with float32 accumulation (the backend's default, `accumulation:
 * 'float32'`), in WebAssembly: four f32 lanes per instruction where matmul-wasm.ts's exact
 * path has two f64 lanes, on a 4×8 block of C.
 *
 *   packB32  op(B) → float32 column panels of width 8: pb + 4((j >> 3)·8k + 8p + (j & 7))
 *   rows32   for each block of 4 rows of op(A): pack it into a float32 row panel
 *            (pa + 4(4p + r)), then for each column panel keep the 4×8 block of C in eight
 *            f32x4 accumulators (acc_r_h = C[i + r, j + 4h .. j + 4h + 3]) and, for p
 *            ascending, add splat(op(A)[i + r, p]) · op(B)[p, j + 4h .. j + 4h + 3]; then
 *            the dense epilogue
 *
 * Why 4×8: the eight accumulators, two vectors of B and four splats of A fill 14 of the 15
 * SIMD registers V8 allocates on x64; an 8×4 block (eight splats live at once) spilled an
 * accumulator to the stack and ran at the float64 kernel's speed.
 *
 * Numerics (docs/performance.md, "Numerics"): each cell is s_0 = +0, s_{p+1} =
 * fl32(s_p + fl32(a_p·b_p)) for p ascending — every product and every sum rounded to
 * float32 (nearest, ties to even), no fused multiply-add. The order is fixed by the cell
 * alone, so the bits do not depend on blocks, threads or engine; the TypeScript loop
 * (matmul.ts's matmulRowsFloat32) computes the same bits with Math.fround. Against the
 * exact sum, |ŝ − Σ a_p b_p| ≤ γ_k Σ |a_p b_p| with γ_k = k·u/(1 − k·u), u = 2⁻²⁴ (Higham,
 * "Accuracy and Stability of Numerical Algorithms", 2nd ed., eq. 3.5).
 *
 * The epilogue is the exact path's: + bias (one float32 addition), ReLU (z <= 0 → +0, NaN
 * kept), times the dropout mask (one float32 product). C is written with a row stride of
 * n rounded up to 8 (`n8`) and m rounded up to 4 rows; the caller copies the m×n cells out.
 */
import { I32, V128, defineFunction, type WasmFunction } from '../wasm-writer.ts';
import { packRowBlock, storeByEpilogue } from './matmul-wasm.ts';

/** Columns of C in one block of rows32: C's rows, the bias, and the mask have a stride of n rounded up to it. */
export const COLUMNS32_BLOCK = 8;

/** packB32(b, bp, bj, k, n, pb): op(B)[p, j] = f32 at b + 4(p·bp + j·bj) → f32 at pb + 4((j >> 3)·8k + 8p + (j & 7)), zero past n. */
export const packB32Function = (): WasmFunction =>
  defineFunction('packB32', { b: I32, bp: I32, bj: I32, k: I32, n: I32, pb: I32 }, (f, { b, bp, bj, k, n, pb }) => {
    const [bp4, bj4, j0, p, src, dst, left] = ['bp4', 'bj4', 'j0', 'p', 'src', 'dst', 'left'].map((name) => f.local(I32, name));
    f.get(bp).i32(4).i32Mul().set(bp4);
    f.get(bj).i32(4).i32Mul().set(bj4);
    f.get(pb).set(dst);
    f.i32(0).set(j0);
    f.loop(() => {
      f.get(n).get(j0).i32Sub().set(left);
      f.get(b).get(j0).get(bj4).i32Mul().i32Add().set(src);
      f.i32(0).set(p);
      const nextP = () => {
        f.get(src).get(bp4).i32Add().set(src);
        f.get(dst).i32(4 * COLUMNS32_BLOCK).i32Add().set(dst);
        f.get(p).i32(1).i32Add().tee(p).get(k).i32LtS().brIf(0);
      };
      // Eight contiguous columns (bj = 1, a whole panel): two vector copies a row.
      f.get(bj).i32(1).i32Eq().i32(COLUMNS32_BLOCK - 1).get(left).i32LtS().i32And().ifElse(
        () =>
          f.loop(() => {
            f.get(dst).get(src).v128Load(0).v128Store(0);
            f.get(dst).get(src).v128Load(16).v128Store(16);
            nextP();
          }),
        () =>
          f.loop(() => {
            for (let c = 0; c < COLUMNS32_BLOCK; c++) {
              const load = () => f.get(dst).get(src).get(bj4).i32(c).i32Mul().i32Add().f32Load().f32Store(4 * c);
              const zero = () => f.get(dst).f32Zero().f32Store(4 * c);
              if (c === 0) load();
              else f.i32(c).get(left).i32LtS().ifElse(load, zero);
            }
            nextP();
          }),
      );
      f.get(j0).i32(COLUMNS32_BLOCK).i32Add().tee(j0).get(n).i32LtS().brIf(0);
    });
  });

const ROWS_PARAMS = { a: I32, ai: I32, ap: I32, m: I32, k: I32, pb: I32, n8: I32, c: I32, rowFrom: I32, rowTo: I32, pa: I32, epilogue: I32, bias: I32, mask: I32 } as const;

/**
 * rows32(a, ai, ap, m, k, pb, n8, c, rowFrom, rowTo, pa, epilogue, bias, mask): as
 * matmul-wasm.ts's `rows` (A as there, pa 16k bytes of scratch, rowFrom a multiple of 4,
 * rowTo <= m rounded up to 4), with B packed by packB32 and C, the bias (zero past n) and
 * the mask laid out with row stride n8, n rounded up to 8.
 */
export const rows32Function = (): WasmFunction =>
  defineFunction('rows32', ROWS_PARAMS, (f, { a, ai, ap, m, k, pb, n8, c, rowFrom, rowTo, pa, epilogue, bias, mask }) => {
    const [ai4, ap4, panelBytes, i, r, j, src, dst, end, x, y, out] = ['ai4', 'ap4', 'panelBytes', 'i', 'r', 'j', 'src', 'dst', 'end', 'x', 'y', 'out'].map((name) => f.local(I32, name));
    const acc = [0, 1, 2, 3].map((row) => [f.local(V128, `acc_${row}_0`), f.local(V128, `acc_${row}_1`)] as const);
    const [y0, y1, xr, z] = ['y0', 'y1', 'xr', 'z'].map((name) => f.local(V128, name));

    f.get(ai).i32(4).i32Mul().set(ai4);
    f.get(ap).i32(4).i32Mul().set(ap4);
    f.get(k).i32(16).i32Mul().set(panelBytes);
    f.get(rowFrom).set(i);
    f.loop(() => {
      // Pack rows i..i+3 of op(A): pa + 4(4p + r) = op(A)[i + r, p], zero for rows past m.
      // Where op(A) is a transpose (ai = 1) and all four rows exist, they are contiguous: one vector copy per p.
      f.get(ai).i32(1).i32Eq().get(i).i32(3).i32Add().get(m).i32LtS().i32And().ifElse(() => {
        f.get(a).get(i).i32(4).i32Mul().i32Add().set(src);
        f.get(pa).tee(dst).get(panelBytes).i32Add().set(end);
        f.loop(() => {
          f.get(dst).get(src).v128Load(0).v128Store(0);
          f.get(src).get(ap4).i32Add().set(src);
          f.get(dst).i32(16).i32Add().tee(dst).get(end).i32LtU().brIf(0);
        });
      }, () => packRowBlock(f, { a, i, m, ai4, ap4, pa, panelBytes, r, src, dst, end }, false));
      // The 4×8 blocks of this row block, column panel by column panel (y runs through them in order).
      f.get(pb).set(y);
      f.i32(0).set(j);
      f.loop(() => {
        for (const [lo, hi] of acc) f.v128Zero().set(lo).v128Zero().set(hi);
        f.get(pa).tee(x).get(panelBytes).i32Add().set(end);
        f.loop(() => {
          f.get(y).v128Load(0).set(y0);
          f.get(y).v128Load(16).set(y1);
          acc.forEach(([lo, hi], row) => {
            f.get(x).v128Load32Splat(4 * row).set(xr);
            f.get(lo).get(xr).get(y0).f32x4Mul().f32x4Add().set(lo); // acc += op(A)[i + row, p]·op(B)[p, j..j+3]
            f.get(hi).get(xr).get(y1).f32x4Mul().f32x4Add().set(hi); //        … ·op(B)[p, j+4..j+7]
          });
          f.get(y).i32(32).i32Add().set(y);
          f.get(x).i32(16).i32Add().tee(x).get(end).i32LtU().brIf(0);
        });
        f.get(c).get(i).get(n8).i32Mul().get(j).i32Add().i32(4).i32Mul().i32Add().set(out);
        const storeBlock = (withBias: boolean, relu: boolean, withMask: boolean) => {
          if (withBias) {
            // y0, y1 (free after the p loop) hold bias[j..j+3], bias[j+4..j+7].
            f.get(bias).get(j).i32(4).i32Mul().i32Add().tee(x).v128Load(0).set(y0);
            f.get(x).v128Load(16).set(y1);
          }
          acc.forEach((pair, row) => {
            pair.forEach((lane, half) => {
              f.get(out).get(lane);
              if (withBias) f.get(half === 0 ? y0 : y1).f32x4Add();
              if (relu) f.tee(z).get(z).v128Zero().f32x4Le().v128AndNot(); // z & ~(z <= 0)
              if (withMask) f.get(out).get(c).i32Sub().get(mask).i32Add().v128Load(16 * half).f32x4Mul();
              f.v128Store(16 * half);
            });
            if (row < 3) f.get(out).get(n8).i32(4).i32Mul().i32Add().set(out);
          });
        };
        storeByEpilogue(f, epilogue, storeBlock);
        f.get(j).i32(COLUMNS32_BLOCK).i32Add().tee(j).get(n8).i32LtS().brIf(0);
      });
      f.get(i).i32(4).i32Add().tee(i).get(rowTo).i32LtS().brIf(0);
    });
  });

/**
 * The float32 matmul in WebAssembly: kernels/matmul.ts's packed 4×4 register-blocked loop
 * with two f64 lanes per instruction, emitted from TypeScript (../wasm-writer.ts).
 *
 *   packB   op(B) → float64 column panels of width 4 (as matmul.ts's packB)
 *   rows    for each block of 4 rows of op(A): pack it into a float64 row panel, then
 *           for each column panel keep the 4×4 block of C in eight f64x2 accumulators
 *           (acc_r_0 = C[r, j..j+1], acc_r_1 = C[r, j+2..j+3]) and add
 *           broadcast(op(A)[r, p]) · op(B)[p, j..j+3] for p ascending; then, for a
 *           dense layer, add the bias and apply ReLU to the block as it is stored
 *
 * The arithmetic is matmulRows's, operation for operation: float32 inputs widened exactly
 * to float64, every product exact in float64 (24 + 24 bits < 53), each cell summed in
 * float64 in ascending k with no fused multiply-add, rounded once to float32 (nearest,
 * ties to even) when stored. So it gives the same bits as the TypeScript loop, which stays
 * as the reference and the fallback (the tests compare the two bit for bit). The dense
 * epilogue is addBiasActivation's arithmetic (kernels/dense.ts): the rounded cell plus the
 * bias in float64, rounded once, then ReLU (z <= 0 → +0, NaN kept) on the float32 result,
 * which zeroes exactly the cells that z <= 0 does in float64.
 *
 * C is written with a row stride of n rounded up to 4 and m rounded up to 4 rows; the
 * caller copies the m×n cells out (kernels/matmul.ts's layout).
 */
import { I32, V128, defineFunction, type FunctionBuilder, type Value, type WasmFunction } from '../wasm-writer.ts';

/** packB(b, bp, bj, k, n, pb): op(B)[p, j] = f32 at b + 4(p·bp + j·bj) → f64 at pb + 8((j >> 2)·4k + 4p + (j & 3)). */
export const packBFunction = (): WasmFunction =>
  defineFunction('packB', { b: I32, bp: I32, bj: I32, k: I32, n: I32, pb: I32 }, (f, { b, bp, bj, k, n, pb }) => {
    const [bp4, bj4, j0, p, src, dst, left] = ['bp4', 'bj4', 'j0', 'p', 'src', 'dst', 'left'].map((name) => f.local(I32, name));
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
  });

/** The locals and parameters packRowBlock works with (the caller's). */
export interface RowBlockValues {
  readonly a: Value;
  readonly i: Value;
  readonly m: Value;
  readonly ai4: Value;
  readonly ap4: Value;
  readonly pa: Value;
  readonly panelBytes: Value;
  readonly r: Value;
  readonly src: Value;
  readonly dst: Value;
  readonly end: Value;
}

/**
 * Packs rows i..i+3 of op(A) (f32 at a + i·ai4 + p·ap4) into the row panel at pa, row r's
 * cell p at pa + cell·(4p + r): widened to float64 (cell 8, for `rows`) or as float32 (cell
 * 4, for rows32); rows past m are zero. One row at a time, any stride.
 */
export function packRowBlock(f: FunctionBuilder, v: RowBlockValues, widen: boolean): void {
  const { a, i, m, ai4, ap4, pa, panelBytes, r, src, dst, end } = v;
  const cell = widen ? 8 : 4;
  f.i32(0).set(r);
  f.loop(() => {
    f.get(pa).get(r).i32(cell).i32Mul().i32Add().tee(dst).get(panelBytes).i32Add().set(end);
    f.get(i).get(r).i32Add().get(m).i32LtS().ifElse(
      () => {
        f.get(a).get(i).get(r).i32Add().get(ai4).i32Mul().i32Add().set(src);
        f.loop(() => {
          if (widen) f.get(dst).get(src).f32LoadAsF64().f64Store();
          else f.get(dst).get(src).f32Load().f32Store();
          f.get(src).get(ap4).i32Add().set(src);
          f.get(dst).i32(4 * cell).i32Add().tee(dst).get(end).i32LtU().brIf(0);
        });
      },
      () => {
        f.loop(() => {
          if (widen) f.get(dst).f64Zero().f64Store();
          else f.get(dst).f32Zero().f32Store();
          f.get(dst).i32(4 * cell).i32Add().tee(dst).get(end).i32LtU().brIf(0);
        });
      },
    );
    f.get(r).i32(1).i32Add().tee(r).i32(4).i32LtS().brIf(0);
  });
}

/**
 * The store of a block, chosen at run time by `epilogue`: `store(withBias, relu, withMask)`
 * emits one variant (rows and rows32 each write theirs).
 */
export function storeByEpilogue(f: FunctionBuilder, epilogue: Value, store: (withBias: boolean, relu: boolean, withMask: boolean) => void): void {
  f.get(epilogue).i32(EPILOGUE_NONE).i32Eq().ifElse(
    () => store(false, false, false),
    () =>
      f.get(epilogue).i32(EPILOGUE_BIAS).i32Eq().ifElse(
        () => store(true, false, false),
        () => f.get(epilogue).i32(EPILOGUE_BIAS_RELU).i32Eq().ifElse(() => store(true, true, false), () => store(true, true, true)),
      ),
  );
}

/** What `rows` does to a 4×4 block of C as it stores it. */
export const EPILOGUE_NONE = 0;
export const EPILOGUE_BIAS = 1;
export const EPILOGUE_BIAS_RELU = 2;
/** Bias, ReLU, then the product with a dropout mask of the same layout as C. */
export const EPILOGUE_BIAS_RELU_MASK = 3;

const ROWS_PARAMS = { a: I32, ai: I32, ap: I32, m: I32, k: I32, pb: I32, n4: I32, c: I32, rowFrom: I32, rowTo: I32, pa: I32, epilogue: I32, bias: I32, mask: I32 } as const;

/**
 * rows(a, ai, ap, m, k, pb, n4, c, rowFrom, rowTo, pa, epilogue, bias, mask): rows
 * [rowFrom, rowTo) of C, rowFrom a multiple of 4, rowTo <= m rounded up to 4. op(A)[i, p]
 * = f32 at a + 4(i·ai + p·ap); pa is 32k bytes of scratch for the row panel; C[i, j] goes
 * to c + 4(i·n4 + j). With an epilogue, bias holds n4 float32 values (zero past n); with
 * the mask epilogue, the mask's cell (i, j) is at mask + 4(i·n4 + j), and the stored cell
 * is ReLU's float32 result times it, rounded once (the product dropout computes).
 */
export const rowsFunction = (): WasmFunction =>
  defineFunction('rows', ROWS_PARAMS, (f, { a, ai, ap, m, k, pb, n4, c, rowFrom, rowTo, pa, epilogue, bias, mask }) => {
    const [ai4, ap4, panelBytes, i, r, j, src, dst, end, x, y, out] = ['ai4', 'ap4', 'panelBytes', 'i', 'r', 'j', 'src', 'dst', 'end', 'x', 'y', 'out'].map((name) => f.local(I32, name));
    const acc = [0, 1, 2, 3].map((row) => [f.local(V128, `acc_${row}_0`), f.local(V128, `acc_${row}_1`)] as const);
    const [y01, y23, xr, z] = ['y01', 'y23', 'xr', 'z'].map((name) => f.local(V128, name));

    f.get(ai).i32(4).i32Mul().set(ai4);
    f.get(ap).i32(4).i32Mul().set(ap4);
    f.get(k).i32(32).i32Mul().set(panelBytes);
    f.get(rowFrom).set(i);
    f.loop(() => {
      // Pack rows i..i+3 of op(A): pa + 8(4p + r) = op(A)[i + r, p], zero for rows past m.
      packRowBlock(f, { a, i, m, ai4, ap4, pa, panelBytes, r, src, dst, end }, true);
      // The 4×4 blocks of this row block, column panel by column panel (y runs through them in order).
      f.get(pb).set(y);
      f.i32(0).set(j);
      f.loop(() => {
        for (const [lo, hi] of acc) f.v128Zero().set(lo).v128Zero().set(hi);
        f.get(pa).tee(x).get(panelBytes).i32Add().set(end);
        f.loop(() => {
          f.get(y).v128Load(0).set(y01);
          f.get(y).v128Load(16).set(y23);
          for (let row = 0; row < 4; row++) {
            const [lo, hi] = acc[row]!;
            f.get(x).v128Load64Splat(8 * row).set(xr);
            f.get(lo).get(xr).get(y01).f64x2Mul().f64x2Add().set(lo); // acc += op(A)[i + row, p]·op(B)[p, j..j+1]
            f.get(hi).get(xr).get(y23).f64x2Mul().f64x2Add().set(hi); //        … ·op(B)[p, j+2..j+3]
          }
          f.get(y).i32(32).i32Add().set(y);
          f.get(x).i32(32).i32Add().tee(x).get(end).i32LtU().brIf(0);
        });
        // Round each pair of cells to float32 and store it (8 bytes) at C[i + row, j..j+3].
        f.get(c).get(i).get(n4).i32Mul().get(j).i32Add().i32(4).i32Mul().i32Add().set(out);
        const storeBlock = (withBias: boolean, relu: boolean, withMask: boolean) => {
          if (withBias) {
            // y01, y23 (free after the p loop) hold bias[j..j+1], bias[j+2..j+3] as f64.
            f.get(bias).get(j).i32(4).i32Mul().i32Add().tee(x).v128Load64Zero(0).f64x2PromoteLowF32x4().set(y01);
            f.get(x).v128Load64Zero(8).f64x2PromoteLowF32x4().set(y23);
          }
          for (let row = 0; row < 4; row++) {
            for (const half of [0, 1] as const) {
              f.get(out).get(acc[row]![half]).f32x4DemoteF64x2Zero();
              if (withBias) f.f64x2PromoteLowF32x4().get(half === 0 ? y01 : y23).f64x2Add().f32x4DemoteF64x2Zero();
              if (relu) f.tee(z).get(z).v128Zero().f32x4Le().v128AndNot(); // z & ~(z <= 0)
              if (withMask) f.get(out).get(c).i32Sub().get(mask).i32Add().v128Load64Zero(8 * half).f32x4Mul();
              f.v128Store64Lane(8 * half, 0);
            }
            if (row < 3) f.get(out).get(n4).i32(4).i32Mul().i32Add().set(out);
          }
        };
        storeByEpilogue(f, epilogue, storeBlock);
        f.get(j).i32(4).i32Add().tee(j).get(n4).i32LtS().brIf(0);
      });
      f.get(i).i32(4).i32Add().tee(i).get(rowTo).i32LtS().brIf(0);
    });
  });

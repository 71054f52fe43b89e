/**
 * A one-column product with float32 sums (the NeuMF head's layer: [2048×32]·[32×1] forward,
 * [32×2048]·[2048×1] for its weight gradient): the module's matvec32 on the calling thread.
 * rows32 (matmul-wasm-f32.ts) would pack every block of four rows and compute seven zero
 * columns beside the one; the bits are rows32's, cell by cell.
 */
import { F32, I32, defineFunction, type WasmFunction } from '../wasm-writer.ts';
import { align16, type WasmMemory } from '../wasm-memory.ts';
import { placeIn } from './placement.ts';

/** Rows of matvec32's block: four running sums at once (a float32 add waits on the one before it in its row). */
const MATVEC_ROWS = 4;

/**
 * matvec32(a, ai, ap, m, k, b, c): c[i] = Σ_p op(A)[i, p]·b[p] for i < m (op(A)[i, p] at
 * a + 4(i·ai + p·ap), b and c float32 vectors), each cell s_0 = +0, s_{p+1} = fl32(s_p +
 * fl32(a_p·b_p)) for p ascending: rows32's bits for one column (n = 1), in scalar float32
 * operations on four rows at a time (then one at a time).
 */
export const matvec32Function = (): WasmFunction =>
  defineFunction('matvec32', { a: I32, ai: I32, ap: I32, m: I32, k: I32, b: I32, c: I32 }, (f, { a, ai, ap, m, k, b, c }) => {
    const [i, ai4, ap4, bp, bEnd, last] = ['i', 'ai4', 'ap4', 'bp', 'bEnd', 'last'].map((name) => f.local(I32, name));
    const x = f.local(F32, 'x');
    const rows = Array.from({ length: MATVEC_ROWS }, (_, r) => [f.local(I32, `at${r}`), f.local(F32, `s${r}`)] as const);
    f.get(ai).i32(4).i32Mul().set(ai4);
    f.get(ap).i32(4).i32Mul().set(ap4);
    f.get(b).get(k).i32(4).i32Mul().i32Add().set(bEnd);
    /** Rows i … i + count − 1 (count ≤ MATVEC_ROWS, k ≥ 1): their sums over p, stored to c; then i += count. */
    const block = (count: number) => {
      const mine = rows.slice(0, count);
      mine.forEach(([at, s], r) => {
        f.get(a).get(i).i32(r).i32Add().get(ai4).i32Mul().i32Add().set(at);
        f.f32Zero().set(s);
      });
      f.get(b).set(bp);
      f.loop(() => {
        f.get(bp).f32Load().set(x);
        for (const [at, s] of mine) {
          f.get(s).get(at).f32Load().get(x).f32Mul().f32Add().set(s); // s ← fl32(s + fl32(a·b))
          f.get(at).get(ap4).i32Add().set(at);
        }
        f.get(bp).i32(4).i32Add().tee(bp).get(bEnd).i32LtU().brIf(0);
      });
      mine.forEach(([, s], r) => f.get(c).get(i).i32(r).i32Add().i32(4).i32Mul().i32Add().get(s).f32Store());
      f.get(i).i32(count).i32Add().set(i);
    };
    f.i32(0).set(i);
    f.get(m).i32(MATVEC_ROWS - 1).i32Sub().set(last);
    f.get(i).get(last).i32LtS().ifElse(() => f.loop(() => {
      block(MATVEC_ROWS);
      f.get(i).get(last).i32LtS().brIf(0);
    }));
    f.get(i).get(m).i32LtS().ifElse(() => f.loop(() => {
      block(1);
      f.get(i).get(m).i32LtS().brIf(0);
    }));
  });

/**
 * C[m×1] = op(A)·b with float32 sums in the module's matvec32 (one thread: a 1-wide layer's
 * product is tens of microseconds); false where the call does not fit in its memory.
 */
export function matvecInWasm(wasm: WasmMemory, A: Float32Array, B: Float32Array, C: Float32Array, m: number, k: number, transposeA: boolean): boolean {
  const aAt = wasm.scratchBase;
  const bAt = align16(aAt + 4 * m * k);
  const cAt = align16(bAt + 4 * k);
  if (!wasm.reserve(cAt + 4 * m)) return false;
  const a = placeIn(wasm, A, aAt, m * k);
  const b = placeIn(wasm, B, bAt, k); // op(B)[p, 0] = B[p], transposed or not
  const c = C.length >= m ? wasm.residentOffset(C) : null;
  const [ai, ap] = transposeA ? [1, m] : [k, 1];
  wasm.exports.matvec32(a, ai, ap, m, k, b, c ?? cAt);
  if (c === null) wasm.copyOut(C, cAt, m, 1, 1);
  return true;
}

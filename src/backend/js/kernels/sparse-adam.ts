/**
 * SparseAdam's lazy update (src/optim/sparseadam.ts's sparseAdamUpdate: torch's
 * SparseAdam, in its order of operations) over the rows of an embedding table a step
 * touched, in the module: the loop's arithmetic, operation for operation and operand for
 * operand, on two float32 elements per instruction, each widened exactly to float64; m and
 * v rounded to float32 as they are stored, p's update from their unrounded float64 sums,
 * p rounded once. The same bits as the loop (a test compares them). Rows are independent,
 * so splitting the touched rows into ranges across threads never changes a bit.
 */
import type { FloatArray, SparseAdamStepScalars } from '../../types.ts';
import { allFloat32, type KernelContext } from '../context.ts';
import { F64, I32, V128, defineFunction, type Value, type WasmFunction } from '../wasm-writer.ts';
import { PARALLEL_MIN_ELEMENTS } from './adam.ts';

/**
 * Rows updated side by side, element by element. A touched row is a random cache line of
 * each of p, g, m and v in tables past the L2 cache; one row at a time, its misses waited
 * behind the previous row's square roots and divisions, and random rows ran 3.3× slower
 * than consecutive ones. Eight at a time keep eight rows' loads in flight: the four tables
 * of a 5M-interaction step (1,900 random rows each) 1.79–1.84 → 0.62–0.67 ms, at 0.5M
 * 0.90–1.00 → 0.42–0.47 ms (one thread; 2, 4, 6 and 12 rows measured too, 8 and 12 the best).
 */
const ROWS_AT_ONCE = 8;
/**
 * Elements (touched rows × row size) from which an update splits across the threads where
 * the dispatch is cheap (ThreadPool.cheapDispatch; else Adam's PARALLEL_MIN_ELEMENTS): random
 * rows wait on memory, so a second thread pays from a few thousand. A batch touches ~1,900
 * rows of 16 in each of the 5M set's four tables (30,400 elements, under Adam's 32,768): the
 * four tables' update on two threads 0.52–0.54 → 0.33–0.35 ms with this threshold (4,096:
 * 0.38–0.43 ms).
 */
export const PARALLEL_MIN_SPARSE_ELEMENTS = 1 << 13;
const PARAMS = { p: I32, g: I32, m: I32, v: I32, rows: I32, from: I32, to: I32, rowBytes: I32, beta1: F64, beta2: F64, epsilon: F64, stepSize: F64 } as const;

/**
 * sparseAdam(p, g, m, v, rows, from, to, rowBytes, beta1, beta2, epsilon, stepSize): for
 * the rows named by int32 rows[from … to) of the float32 arrays at byte offsets p, g, m, v
 * (rowBytes a multiple of 8), each element, in float64:
 *   mInc = (g − m)·(1 − β1),  vInc = (g·g − v)·(1 − β2)
 *   m ← m + mInc,  v ← v + vInc,  p ← p + (−stepSize)·((mInc + m_old)/(√(vInc + v_old) + ε))
 */
export const sparseAdamFunction = (): WasmFunction =>
  defineFunction('sparseAdam', PARAMS, (f, { p, g, m, v, rows, from, to, rowBytes, beta1, beta2, epsilon, stepSize }) => {
    const [i, o, end, groupsEnd] = ['i', 'o', 'end', 'groupsEnd'].map((name) => f.local(I32, name));
    const others = Array.from({ length: ROWS_AT_ONCE - 1 }, (_, r) => f.local(I32, `o${r + 1}`));
    const [c1, c2, eps, negStep, gi, mOld, vOld, mInc, vInc] = ['c1', 'c2', 'eps', 'negStep', 'gi', 'mOld', 'vOld', 'mInc', 'vInc'].map((name) => f.local(V128, name));
    f.f64Const(1).get(beta1).f64Sub().f64x2Splat().set(c1);
    f.f64Const(1).get(beta2).f64Sub().f64x2Splat().set(c2);
    f.get(epsilon).f64x2Splat().set(eps);
    f.get(stepSize).f64Neg().f64x2Splat().set(negStep); // −stepSize, a negation as in JavaScript
    /** The update of the two elements at byte `at` of each array. */
    const pair = (at: Value) => {
      const widened = (array: Value) => f.get(array).get(at).i32Add().v128Load64Zero(0).f64x2PromoteLowF32x4();
      widened(g).set(gi);
      widened(m).set(mOld);
      widened(v).set(vOld);
      f.get(gi).get(mOld).f64x2Sub().get(c1).f64x2Mul().set(mInc);
      f.get(gi).get(gi).f64x2Mul().get(vOld).f64x2Sub().get(c2).f64x2Mul().set(vInc);
      f.get(m).get(at).i32Add().get(mOld).get(mInc).f64x2Add().f32x4DemoteF64x2Zero().v128Store64Lane(0, 0);
      f.get(v).get(at).i32Add().get(vOld).get(vInc).f64x2Add().f32x4DemoteF64x2Zero().v128Store64Lane(0, 0);
      f.get(p).get(at).i32Add(); // the store's address
      widened(p);
      f.get(negStep).get(mInc).get(mOld).f64x2Add().get(vInc).get(vOld).f64x2Add().f64x2Sqrt().get(eps).f64x2Add().f64x2Div().f64x2Mul();
      f.f64x2Add().f32x4DemoteF64x2Zero().v128Store64Lane(0, 0);
    };
    /** o = rows[i]·rowBytes and end = o + rowBytes: row i's bytes. */
    const rowAt = (into: Value, row: () => void) => {
      f.get(rows);
      row();
      f.i32(4).i32Mul().i32Add().i32Load().get(rowBytes).i32Mul().set(into);
    };
    f.get(from).set(i);
    // ROWS_AT_ONCE rows at a time, element by element side by side (see there).
    f.get(to).i32(ROWS_AT_ONCE - 1).i32Sub().set(groupsEnd);
    f.get(i).get(groupsEnd).i32LtS().ifElse(() =>
      f.loop(() => {
        rowAt(o, () => f.get(i));
        others.forEach((other, r) => rowAt(other, () => f.get(i).i32(r + 1).i32Add()));
        f.get(o).get(rowBytes).i32Add().set(end);
        f.loop(() => {
          pair(o);
          for (const other of others) pair(other);
          for (const other of others) f.get(other).i32(8).i32Add().set(other);
          f.get(o).i32(8).i32Add().tee(o).get(end).i32LtU().brIf(0);
        });
        f.get(i).i32(ROWS_AT_ONCE).i32Add().tee(i).get(groupsEnd).i32LtS().brIf(0);
      }),
    );
    // The rows left over, one at a time.
    f.get(i).get(to).i32LtS().ifElse(() =>
      f.loop(() => {
        rowAt(o, () => f.get(i));
        f.get(o).get(rowBytes).i32Add().set(end);
        f.loop(() => {
          pair(o);
          f.get(o).i32(8).i32Add().tee(o).get(end).i32LtU().brIf(0);
        });
        f.get(i).i32(1).i32Add().tee(i).get(to).i32LtS().brIf(0);
      }),
    );
  });

/**
 * SparseAdam over the touched `rows` (ascending, distinct) of a parameter with `rowSize`
 * values per row, in the module where p, m, v and g are resident float32 arrays of one
 * length and rowSize is even; split by rows across the threads when large. False where it
 * does not apply (the rule's loop runs then).
 */
export function sparseAdamUpdate(ctx: KernelContext, p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, rows: Int32Array, rowSize: number, step: SparseAdamStepScalars): boolean {
  const wasm = ctx.wasm;
  const n = p.length;
  if (wasm === null || !allFloat32(p, g, m, v) || g.length !== n || m.length !== n || v.length !== n || rowSize <= 0 || rowSize % 2 !== 0 || n % rowSize !== 0) return false;
  const [pAt, gAt, mAt, vAt] = [p, g, m, v].map((array) => wasm.residentOffset(array as Float32Array));
  if (pAt === null || gAt === null || mAt === null || vAt === null) return false;
  // The module writes wherever a row number points: each must name a row, and once (two
  // threads must never update one row); touchedRows gives them ascending and distinct.
  if (rows.length > 0 && !(rows[0]! >= 0 && rows[rows.length - 1]! < n / rowSize)) return false;
  for (let i = 1; i < rows.length; i++) if (!(rows[i]! > rows[i - 1]!)) return false;
  const at = wasm.scratchBase;
  if (!wasm.reserve(at + 4 * rows.length)) return false;
  wasm.copyInInt32(rows, at);
  const { beta1, beta2, epsilon, stepSize } = step;
  const job = { kind: 'sparse-adam-wasm', p: pAt!, g: gAt!, m: mAt!, v: vAt!, touched: at, rowBytes: 4 * rowSize, beta1, beta2, epsilon, stepSize } as const;
  const elements = rows.length * rowSize;
  ctx.pool.run(job, rows.length, elements >= (ctx.minParallelWork ?? (ctx.pool.cheapDispatch ? PARALLEL_MIN_SPARSE_ELEMENTS : PARALLEL_MIN_ELEMENTS)));
  return true;
}

/**
 * random.ts's dropout mask (`fillKeepMask`) in WebAssembly with 64-bit integers: the same
 * draws as seedrandom's Alea, about three times faster than the float64 loop.
 *
 * Alea (Baagøe 2010) keeps s0, s1, s2 as multiples of 2⁻³² in [0, 1) and an integer carry
 * c in [0, 2091639]; its step t = 2091639·s0 + c·2⁻³², s0 ← s1, s1 ← s2, c ← ⌊t⌋, s2 ← t − c
 * is exact in float64 (t·2³² < 2⁵³). With S = s·2³², integers below 2³², it is the lag-3
 * multiply-with-carry X = 2091639·S0 + c, c ← X >> 32, S2 ← X mod 2³², whose carry chain is
 * an add and a shift per draw where float64 needs a multiply, an add and a floor. The mask
 * cell is `keep` (rounded to float32) where s2 >= rate, i.e. S2 >= ⌈rate·2³²⌉ (rate·2³² is
 * exact), else +0, as the float64 loop stores it. On the machines measured it takes about
 * a third of the float64 loop's time (docs/performance.md).
 */
import { F64, I32, I64, defineFunction, encodeModule } from './backend/js/wasm-writer.ts';
import type { RngState } from './random.ts';

const MULTIPLIER = 2091639;
const TWO_32 = 2 ** 32;
const PAGE = 65536;
/** Bytes 0–15 hold the state (S0, S1, S2, c as u32); the mask is written from byte 16. */
const MASK_AT = 16;

const keepMaskFunction = () =>
  defineFunction('keepMask', { state: I32, count: I32, threshold: F64, keepBits: I32 }, (f, { state, count, threshold, keepBits }) => {
    const [s0, s1, s2, c, out, end] = ['s0', 's1', 's2', 'c', 'out', 'end'].map((name) => f.local(I32, name));
    const [x, t] = ['x', 't'].map((name) => f.local(I64, name));
    f.get(state).i32Load(0).set(s0);
    f.get(state).i32Load(4).set(s1);
    f.get(state).i32Load(8).set(s2);
    f.get(state).i32Load(12).set(c);
    f.get(threshold).i64TruncF64U().set(t);
    f.i32(MASK_AT).tee(out).get(count).i32(4).i32Mul().i32Add().set(end);
    f.get(count).ifElse(() =>
      f.loop(() => {
        f.i64(MULTIPLIER).get(s0).i64ExtendI32U().i64Mul().get(c).i64ExtendI32U().i64Add().set(x); // X = a·S0 + c
        f.get(s1).set(s0);
        f.get(s2).set(s1);
        f.get(x).i64(32).i64ShrU().i32WrapI64().set(c);
        f.get(x).i32WrapI64().set(s2);
        // keep's float32 bits where S2 >= t, else +0: keepBits & −[S2 >= t], without a branch (a select compiles to one, and the draw is random).
        f.get(out).get(keepBits).i32(0).get(s2).i64ExtendI32U().get(t).i64GeU().i32Sub().i32And().i32Store();
        f.get(out).i32(4).i32Add().tee(out).get(end).i32LtU().brIf(0);
      }),
    );
    f.get(state).get(s0).i32Store(0);
    f.get(state).get(s1).i32Store(4);
    f.get(state).get(s2).i32Store(8);
    f.get(state).get(c).i32Store(12);
  });

interface KeepMaskModule {
  readonly memory: WebAssembly.Memory;
  readonly keepMask: (state: number, count: number, threshold: number, keepBits: number) => void;
}

let instance: KeepMaskModule | null | undefined;

/** The module on its own (unshared) memory, or null where the engine has no WebAssembly. */
function keepMaskModule(): KeepMaskModule | null {
  if (instance !== undefined) return instance;
  instance = null;
  if (typeof WebAssembly !== 'object') return instance;
  const bytes = encodeModule([keepMaskFunction()], { minPages: 1, maxPages: 65536, shared: false });
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as unknown as Pick<KeepMaskModule, 'keepMask'>;
  instance = { memory, keepMask: exports.keepMask };
  return instance;
}

type AleaState = RngState['alea'];

/**
 * out[i] = keep·[u_i >= rate] for the next out.length draws u_i of the Alea state, and the
 * state after them; null where this path does not apply (no WebAssembly, a mask too large
 * for the module's memory, or a state whose s values are not multiples of 2⁻³², which Alea
 * never produces but a hand-made one might), and the caller runs its float64 loop.
 */
export function aleaKeepMaskWasm(state: AleaState, out: Float32Array, rate: number, keep: number): AleaState | null {
  const S = [state.s0 * TWO_32, state.s1 * TWO_32, state.s2 * TWO_32];
  if (!S.every((v) => Number.isInteger(v) && v >= 0 && v < TWO_32) || !Number.isInteger(state.c) || state.c < 0 || state.c > MULTIPLIER) return null;
  const module = keepMaskModule();
  if (module === null) return null;
  const bytes = MASK_AT + 4 * out.length;
  if (module.memory.buffer.byteLength < bytes) {
    try {
      module.memory.grow(Math.ceil((bytes - module.memory.buffer.byteLength) / PAGE));
    } catch {
      return null; // past the memory's maximum, or the system will not give the pages: the float64 loop does it
    }
  }
  const words = new Uint32Array(module.memory.buffer, 0, 4);
  words.set([S[0]!, S[1]!, S[2]!, state.c]);
  module.keepMask(0, out.length, Math.ceil(rate * TWO_32), new Int32Array(Float32Array.of(keep).buffer)[0]!);
  out.set(new Float32Array(module.memory.buffer, MASK_AT, out.length));
  const after = new Uint32Array(module.memory.buffer, 0, 4);
  return { s0: after[0]! / TWO_32, s1: after[1]! / TWO_32, s2: after[2]! / TWO_32, c: after[3]! };
}

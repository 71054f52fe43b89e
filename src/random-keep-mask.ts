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
 * a third of the float64 loop's time (docs/performance.md). A backend that holds the mask's
 * array in its own memory can draw it there instead, split across its threads with the same
 * bits (`fill`: the js backend's keepMask, backend/js/kernels/keep-mask.ts, whose draw loop
 * this module runs too).
 */
import { encodeModule } from './backend/js/wasm-writer.ts';
import { MWC_MULTIPLIER, keepMaskFunction } from './backend/js/kernels/keep-mask.ts';
import type { RngState } from './random.ts';

const TWO_32 = 2 ** 32;
const PAGE = 65536;
/** Bytes 0–15 hold the state (S0, S1, S2, c as u32); the mask is written from byte 16. */
const MASK_AT = 16;

/**
 * A backend's mask (KernelBackend.keepMask): out.length cells drawn from the state words
 * (S0, S1, S2, c), left holding the state after them; false where it does not take `out`.
 */
export type KeepMaskFill = (out: Float32Array, state: Uint32Array, threshold: number, keepBits: number) => boolean;

interface KeepMaskModule {
  readonly memory: WebAssembly.Memory;
  readonly keepMask: (state: number, count: number, threshold: number, keepBits: number, out: number) => void;
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
 * state after them: drawn by `fill` (a backend's keepMask, straight into `out` and split
 * across its threads) where given and it takes `out`, else in this module. Null where
 * neither applies (no WebAssembly, a mask too large for the module's memory, or a state
 * whose s values are not multiples of 2⁻³², which Alea never produces but a hand-made one
 * might), and the caller runs its float64 loop.
 */
export function aleaKeepMaskWasm(state: AleaState, out: Float32Array, rate: number, keep: number, fill?: KeepMaskFill): AleaState | null {
  const S = [state.s0 * TWO_32, state.s1 * TWO_32, state.s2 * TWO_32];
  if (!S.every((v) => Number.isInteger(v) && v >= 0 && v < TWO_32) || !Number.isInteger(state.c) || state.c < 0 || state.c > MWC_MULTIPLIER) return null;
  const words = Uint32Array.of(S[0]!, S[1]!, S[2]!, state.c);
  const threshold = Math.ceil(rate * TWO_32);
  const keepBits = new Int32Array(Float32Array.of(keep).buffer)[0]!;
  if (fill !== undefined && fill(out, words, threshold, keepBits)) return stateOf(words);
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
  new Uint32Array(module.memory.buffer, 0, 4).set(words);
  module.keepMask(0, out.length, threshold, keepBits, MASK_AT);
  out.set(new Float32Array(module.memory.buffer, MASK_AT, out.length));
  return stateOf(new Uint32Array(module.memory.buffer, 0, 4));
}

const stateOf = (words: Uint32Array): AleaState => ({ s0: words[0]! / TWO_32, s1: words[1]! / TWO_32, s2: words[2]! / TWO_32, c: words[3]! });

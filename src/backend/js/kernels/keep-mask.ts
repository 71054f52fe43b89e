/**
 * A dropout mask from a lag-3 multiply-with-carry generator (Alea's, see
 * src/random-keep-mask.ts), written straight into a resident array and split across the
 * threads with the same bits as one sequential pass.
 *
 * The generator: with b = 2³² and a = 2091639, a state is (S0, S1, S2, c), S < b, and a draw
 * is X = a·S0 + c, then S0 ← S1, S1 ← S2, S2 ← X mod b, c ← ⌊X / b⌋; the draw's value is
 * S2·2⁻³². Draw i's mask cell is `keep` where S2 >= threshold (= ⌈rate·2³²⌉), else +0.
 *
 * Jumping ahead: a multiply-with-carry generator is a linear congruential one in disguise
 * (Couture & L'Ecuyer 1997). With m = a·b³ − 1 and the state's integer
 *   Z = c·b³ + S2·b² + S1·b + S0,
 * one draw maps Z to Z·a·b² mod m: from b·c' + S2' = a·S0 + c,
 *   b·Z' = b⁴c' + b³S2' + b²S2 + b·S1 = b³(a·S0 + c) + b²S2 + b·S1 ≡ Z (mod m), as a·b³ ≡ 1,
 * so Z' ≡ b⁻¹·Z and b⁻¹ ≡ a·b² (mod m). k draws multiply Z by (a·b²)^k mod m. Z is below m,
 * and so equal to its residue and decoded back digit by digit, when c <= a − 1 and the state
 * is not (b − 1, b − 1, b − 1, a − 1), the generator's fixed point Z = m; a draw keeps c <= a − 1
 * (X <= a(b − 1) + a − 1 < a·b), so every state after the first draw of a stream qualifies,
 * and a state that does not is run in one sequential pass.
 *
 * Each chunk of the mask starts from its own state, jumped to with BigInt (~0.5 µs a chunk once
 * the factor for its distance is cached),
 * so a thread draws its chunk without the ones before it. The module function is the draw
 * loop of src/random-keep-mask.ts's module too, which runs it on its own memory.
 */
import type { FloatArray } from '../../types.ts';
import type { KernelContext } from '../context.ts';
import { F64, I32, I64, defineFunction, type WasmFunction } from '../wasm-writer.ts';

/** The generator's multiplier a (Alea's 2091639). */
export const MWC_MULTIPLIER = 2091639;

/** Masks from this many cells split across the threads (~40 µs of drawing on one). */
export const PARALLEL_MIN_DRAWS = 1 << 15;

/**
 * keepMask(state, count, threshold, keepBits, out): `count` draws from the state at byte
 * `state` (S0, S1, S2, c as u32), cell i of the float32 array at byte `out` set to the float32
 * with bits keepBits where the i-th draw's S2 >= threshold, else +0; the state after the draws
 * is stored back at `state`.
 */
export const keepMaskFunction = (): WasmFunction =>
  defineFunction('keepMask', { state: I32, count: I32, threshold: F64, keepBits: I32, out: I32 }, (f, { state, count, threshold, keepBits, out }) => {
    const [s0, s1, s2, c, end] = ['s0', 's1', 's2', 'c', 'end'].map((name) => f.local(I32, name));
    const [x, t] = ['x', 't'].map((name) => f.local(I64, name));
    f.get(state).i32Load(0).set(s0);
    f.get(state).i32Load(4).set(s1);
    f.get(state).i32Load(8).set(s2);
    f.get(state).i32Load(12).set(c);
    f.get(threshold).i64TruncF64U().set(t);
    f.get(out).get(count).i32(4).i32Mul().i32Add().set(end);
    f.get(count).ifElse(() =>
      f.loop(() => {
        f.i64(MWC_MULTIPLIER).get(s0).i64ExtendI32U().i64Mul().get(c).i64ExtendI32U().i64Add().set(x); // X = a·S0 + c
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

const B = 1n << 32n;
const A = BigInt(MWC_MULTIPLIER);
const M = A * B * B * B - 1n;
/** b⁻¹ mod m: one draw multiplies Z by it. */
const ONE_DRAW = A * B * B;
const jumps = new Map<number, bigint>();

/** (a·b²)^draws mod m, cached per distance (a run asks for a few). */
function jumpFactor(draws: number): bigint {
  let factor = jumps.get(draws);
  if (factor !== undefined) return factor;
  factor = 1n;
  for (let base = ONE_DRAW, e = draws; e > 0; e = Math.floor(e / 2), base = (base * base) % M) {
    if (e % 2 === 1) factor = (factor * base) % M;
  }
  if (jumps.size > 64) jumps.clear();
  jumps.set(draws, factor);
  return factor;
}

/** Whether the state at words[at … at + 3] can be jumped from (Z < m; see the header). */
export function canJump(words: Uint32Array, at = 0): boolean {
  const [s0, s1, s2, c] = [words[at]!, words[at + 1]!, words[at + 2]!, words[at + 3]!];
  return c <= MWC_MULTIPLIER - 1 && !(c === MWC_MULTIPLIER - 1 && s0 === 0xffffffff && s1 === 0xffffffff && s2 === 0xffffffff);
}

/** The state `draws` draws after the one at from[fromAt …], written to to[toAt …] (the state must pass canJump). */
export function jumpState(from: Uint32Array, fromAt: number, draws: number, to: Uint32Array, toAt: number): void {
  const z = BigInt(from[fromAt + 3]!) * B * B * B + BigInt(from[fromAt + 2]!) * B * B + BigInt(from[fromAt + 1]!) * B + BigInt(from[fromAt]!);
  let next = (z * jumpFactor(draws)) % M;
  for (let i = 0; i < 4; i++, next >>= 32n) to[toAt + i] = Number(next & 0xffffffffn);
}

/**
 * out.length draws into the resident float32 array `out` from the state (S0, S1, S2, c) in
 * `state`, which is left holding the state after them; split across the threads from
 * PARALLEL_MIN_DRAWS cells (each chunk from its jumped-to state). False where it does not
 * apply (no module, `out` outside its memory), and nothing is drawn.
 */
export function keepMask(ctx: KernelContext, out: FloatArray, state: Uint32Array, threshold: number, keepBits: number): boolean {
  const wasm = ctx.wasm;
  if (wasm === null || !(out instanceof Float32Array) || state.length !== 4) return false;
  const outAt = wasm.residentOffset(out);
  const n = out.length;
  if (outAt !== null && n === 0) return true;
  const split = n >= (ctx.minParallelWork ?? PARALLEL_MIN_DRAWS) && canJump(state);
  const { rowsPerChunk, chunks } = ctx.pool.chunking(n, split);
  const statesAt = wasm.scratchBase;
  if (outAt === null || !wasm.reserve(statesAt + 16 * chunks)) return false;
  // Chunk j's first state: the start jumped j·rowsPerChunk draws (chained, one jump each).
  const states = new Uint32Array(wasm.memory.buffer, statesAt, 4 * chunks);
  states.set(state);
  for (let j = 1; j < chunks; j++) jumpState(states, 4 * (j - 1), rowsPerChunk, states, 4 * j);
  ctx.pool.run({ kind: 'keep-mask-wasm', states: statesAt, statesEvery: rowsPerChunk, threshold, keepBits, out: outAt }, n, split);
  // The last chunk's state, stored back by the module after its draws: the state after all of them.
  state.set(new Uint32Array(wasm.memory.buffer, statesAt + 16 * (chunks - 1), 4));
  return true;
}

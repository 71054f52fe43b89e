/**
 * The js backend's dropout mask (kernels/keep-mask.ts) draws seedrandom's own Alea numbers,
 * on one thread and split across two or three (each chunk from a state jumped to by the
 * multiply-with-carry's modular form), and leaves the state seedrandom is in after them.
 * The reference is seedrandom's generator itself, drawn one number at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { JsBackend } from '../../../../src/backend/js/index.ts';
import { MWC_MULTIPLIER, canJump, jumpState } from '../../../../src/backend/js/kernels/keep-mask.ts';
import { createRng, restoreRng } from '../../../../src/random.ts';

type AleaState = { c: number; s0: number; s1: number; s2: number };
type Alea = seedrandom.PRNG & { state(): AleaState };
const alea = (seed: string, state?: AleaState) => (state === undefined ? seedrandom.alea(seed, { state: true }) : seedrandom.alea('', { state })) as Alea;
const words = (s: AleaState) => Uint32Array.of(s.s0 * 2 ** 32, s.s1 * 2 ** 32, s.s2 * 2 ** 32, s.c);
const keepBitsOf = (keep: number) => new Int32Array(Float32Array.of(keep).buffer)[0]!;
/** The mask's cells as text, so that +0 and −0 differ and a failure shows where. */
const cells = (a: Float32Array) => Array.from(a, (v) => (Object.is(v, 0) ? '+0' : String(v)));

const pools = [new JsBackend(1), new JsBackend(2, { minParallelWork: 0 }), new JsBackend(3, { minParallelWork: 0 })];
beforeAll(() => Promise.all(pools.map((p) => p.ready())));
afterAll(async () => {
  for (const p of pools) await p.close();
});

describe('jumpState', () => {
  it.each([1, 2, 3, 4, 1000, 65_543])('lands where %s draws of seedrandom leave the state', (draws) => {
    for (const seed of ['a', 'b', 'jump']) {
      const reference = alea(seed);
      reference(); // past the seeding, as every mask's stream is
      const from = words(reference.state());
      for (let i = 0; i < draws; i++) reference();
      const to = new Uint32Array(8).fill(7);
      jumpState(from, 0, draws, to, 4);
      expect(Array.from(to)).toEqual([7, 7, 7, 7, ...words(reference.state())]);
    }
  });

  it('refuses only the states whose integer is not below the modulus', () => {
    expect(canJump(Uint32Array.of(1, 2, 3, MWC_MULTIPLIER - 1))).toBe(true);
    expect(canJump(Uint32Array.of(0, 0, 0, 0))).toBe(true);
    expect(canJump(Uint32Array.of(1, 2, 3, MWC_MULTIPLIER))).toBe(false); // c = a: Alea's range allows it, the form does not
    expect(canJump(Uint32Array.of(0xffffffff, 0xffffffff, 0xffffffff, MWC_MULTIPLIER - 1))).toBe(false); // the fixed point, Z = m
    expect(canJump(Uint32Array.of(0xffffffff, 0xffffffff, 0xfffffffe, MWC_MULTIPLIER - 1))).toBe(true);
  });
});

describe('the js backend keepMask', () => {
  it('gives seedrandom\'s draws and end state on one thread and split, for any length, rate and keep', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.4, 12345 / 2 ** 32)),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.string({ maxLength: 8 }),
        (which, length, rate, keep, seed) => {
          const pool = pools[which]!;
          const reference = alea(`mask/${seed}`);
          const state = words(reference.state());
          const want = Float32Array.from({ length }, () => (reference() >= rate ? keep : 0));
          const out = pool.allocateParameter('float32', length) as Float32Array;
          out.fill(NaN);
          const splitBefore = pool.counters().splitCalls;
          const took = pool.keepMask(out, state, Math.ceil(rate * 2 ** 32), keepBitsOf(keep));
          const split = pool.counters().splitCalls > splitBefore;
          const same = took && cells(out).join() === cells(want).join() && Array.from(state).join() === Array.from(words(reference.state())).join();
          pool.releaseParameter(out);
          // Two or three threads split every mask (minParallelWork 0).
          return same && split === which > 0;
        },
      ),
      { numRuns: 120 },
    );
  });

  it('draws a state it cannot jump from (carry = a) in one pass, still seedrandom\'s numbers', () => {
    const start = { c: MWC_MULTIPLIER, s0: 0.5, s1: 0.25, s2: 0.125 };
    const reference = alea('', start);
    const want = Float32Array.from({ length: 5000 }, () => (reference() >= 0.4 ? 2 : 0));
    const pool = pools[1]!;
    const out = pool.allocateParameter('float32', 5000) as Float32Array;
    const state = words(start);
    const splitBefore = pool.counters().splitCalls;
    expect(pool.keepMask(out, state, Math.ceil(0.4 * 2 ** 32), keepBitsOf(2))).toBe(true);
    expect(pool.counters().splitCalls).toBe(splitBefore);
    expect(cells(out)).toEqual(cells(want));
    expect(Array.from(state)).toEqual(Array.from(words(reference.state())));
    pool.releaseParameter(out);
  });

  it('declines an array outside its memory, drawing nothing', () => {
    const state = Uint32Array.of(1, 2, 3, 4);
    const out = new Float32Array(100).fill(9);
    expect(pools[1]!.keepMask(out, state, 2 ** 31, keepBitsOf(2))).toBe(false);
    expect(Array.from(state)).toEqual([1, 2, 3, 4]);
    expect(out.every((v) => v === 9)).toBe(true);
  });

  it('is what rng.fillKeepMask draws with it, and the stream goes on as without it', () => {
    const pool = pools[2]!;
    const fill = (out: Float32Array, state: Uint32Array, threshold: number, keepBits: number) => pool.keepMask(out, state, threshold, keepBits);
    const [withBackend, without] = [createRng(7).fork('dropout'), createRng(7).fork('dropout')];
    const out = pool.allocateParameter('float32', 30_001) as Float32Array;
    const splitBefore = pool.counters().splitCalls;
    withBackend.fillKeepMask(out, 0.4, 1 / 0.6, fill);
    expect(pool.counters().splitCalls).toBeGreaterThan(splitBefore);
    expect(cells(out)).toEqual(cells(without.fillKeepMask(new Float32Array(30_001), 0.4, 1 / 0.6)));
    expect(withBackend.state()).toEqual(without.state());
    expect(withBackend.uniform32()).toBe(without.uniform32());
    // A restored stream whose carry is a goes through the backend too, in one pass.
    const edge = { path: 'edge', alea: { c: MWC_MULTIPLIER, s0: 0.75, s1: 0.5, s2: 0.25 } };
    const [a, b] = [restoreRng(edge), restoreRng(edge)];
    a.fillKeepMask(out, 0.25, 4, fill);
    expect(cells(out)).toEqual(cells(b.fillKeepMask(new Float32Array(30_001), 0.25, 4)));
    expect(a.state()).toEqual(b.state());
    pool.releaseParameter(out);
  });
});

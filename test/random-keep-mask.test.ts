/** The WebAssembly dropout mask gives seedrandom's own Alea draws, at every rate and length, and hands back the state it ends in. */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { aleaKeepMaskWasm } from '../src/random-keep-mask.ts';

type AleaState = { c: number; s0: number; s1: number; s2: number };
const alea = (seed: string) => seedrandom.alea(seed, { state: true }) as seedrandom.PRNG & { state(): AleaState };

describe('aleaKeepMaskWasm', () => {
  it.each([
    [0.4, 1 / 0.6, 1000],
    [0, 2, 300],
    [1, 3, 300], // every draw is below 1: all dropped
    [2 ** -40, 1.5, 500], // threshold ⌈2^-8⌉ = 1: only a draw of exactly 0 drops
    [12345 / 2 ** 32, 1.25, 400], // a rate on the grid of draws: u = rate is kept (u >= rate)
    [0.999999, 1e6, 64],
    [0.5, 2, 1],
  ])('at rate %s, keep %s, %s cells: keep·[u >= rate] from the generator, then its state', (rate, keep, length) => {
    const reference = alea(`mask-${rate}-${length}`);
    const start = reference.state();
    const want = Float32Array.from({ length }, () => (reference() >= rate ? keep : 0));
    const got = new Float32Array(length).fill(NaN);
    const after = aleaKeepMaskWasm(start, got, rate, keep);
    expect(after).toEqual(reference.state());
    expect(Array.from(got).map((v) => Object.is(v, 0) ? '+0' : v)).toEqual(Array.from(want).map((v) => Object.is(v, 0) ? '+0' : v));
  });

  it('continues a stream across calls exactly as one call', () => {
    const reference = alea('continue');
    const once = new Float32Array(3000);
    const state = aleaKeepMaskWasm(reference.state(), once, 0.4, 2)!;
    expect(state).not.toBeNull();
    const split = new Float32Array(3000);
    let again = reference.state();
    for (const [from, to] of [[0, 7], [7, 1000], [1000, 3000]] as const) again = aleaKeepMaskWasm(again, split.subarray(from, to), 0.4, 2)!;
    expect(split).toEqual(once);
    expect(again).toEqual(state);
  });

  it('declines a state Alea could not be in (s not a multiple of 2^-32), leaving the float64 loop to it', () => {
    expect(aleaKeepMaskWasm({ c: 1, s0: 0.1, s1: 0.5, s2: 0.25 }, new Float32Array(4), 0.5, 2)).toBeNull();
  });
});

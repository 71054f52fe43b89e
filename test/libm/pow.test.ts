/**
 * pow() equals fdlibm's bit for bit, with ECMAScript's special cases. The reference is
 * Node 20's Math.pow, which is V8 11's port of fdlibm's e_pow.c (later V8s use another pow).
 */
import { describe, expect, it } from 'vitest';
import { pow } from '../../src/libm/pow.ts';
import { createRng } from '../../src/random.ts';
import { anyDouble, between, logUniform, neighbours, nodeHasFdlibm } from './inputs.ts';

/** How many (x, y) give other bits than Math.pow (Object.is: −0 and NaN count), and the first few. */
function powMismatches(pairs: readonly (readonly [number, number])[]): { count: number; first: string[] } {
  let count = 0;
  const first: string[] = [];
  for (const [x, y] of pairs) {
    const got = pow(x, y);
    const want = Math.pow(x, y);
    if (!Object.is(got, want)) {
      count++;
      if (first.length < 5) first.push(`pow(${x}, ${y}): got ${got}, want ${want}`);
    }
  }
  return { count, first };
}

/** Every pair of special values: zeros, infinities, NaN, ±1 and its neighbours, integers odd and even, halves, the extremes, the exponents where over- and underflow start. */
function specialPairs(): [number, number][] {
  const xs = [0, -0, Infinity, -Infinity, NaN, 1, -1, 2, -2, 0.5, -0.5, 3, -3, 10, -10, Math.E, Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -1022, -(2 ** -1022), Number.MAX_VALUE, -Number.MAX_VALUE];
  xs.push(...neighbours(1, 3), ...neighbours(-1, 3), 1 + 2 ** -20, 1 - 2 ** -20, 1 + 2 ** -21, 1 - 2 ** -21);
  const ys = [0, -0, Infinity, -Infinity, NaN, 1, -1, 2, -2, 0.5, -0.5, 3, -3, 1.5, -1.5, 0.25, 53, -53, 1023, 1024, 1025, -1074, -1075, -1076];
  for (const p of [2 ** 31, 2 ** 52, 2 ** 53, 2 ** 63, 2 ** 64, 2 ** 65, 2 ** 20, 2 ** 21]) ys.push(...neighbours(p, 2), ...neighbours(-p, 2));
  ys.push(2 ** 53 + 2, 2 ** 52 + 1, 2 ** 52 + 0.5, 2 ** 21 + 1, 2 ** 20 + 1, 2 ** 20 + 0.5, 1e300, -1e300, 5e-324);
  const pairs: [number, number][] = [];
  for (const x of xs) for (const y of ys) pairs.push([x, y]);
  return pairs;
}

/** Results at the edge of overflow (2^1024) and of underflow (2^−1075), where e_pow.c checks p_l against z − p_h. */
function edgePairs(): [number, number][] {
  const pairs: [number, number][] = [];
  for (const x of [2, 0.5, 4, 0.25, -2, -0.5, 10, 0.1, Math.E, 1.5]) {
    const l = Math.log2(Math.abs(x));
    for (const target of [1024, -1074, -1075, -1076, -1022, 1023]) for (const y of neighbours(target / l, 50)) pairs.push([x, y]);
  }
  for (const x of neighbours(Math.SQRT2, 30)) for (const y of [2048, -2150, 2047.9, -2148]) pairs.push([x, y]);
  return pairs;
}

describe('pow', () => {
  it.runIf(nodeHasFdlibm)("equals Node 20's Math.pow (fdlibm) on 1.5 million seeded pairs, every special pair and the over/underflow edges", () => {
    const rng = createRng('libm-pow');
    const pairs = [...specialPairs(), ...edgePairs()];
    for (let i = 0; i < 300_000; i++) pairs.push([rng.uniform() < 0.5 ? [0.9, 0.999, 0.99, 0.95, 0.98][rng.int(5)]! : between(rng, 0.8, 1), 1 + rng.int(100_000)]); // Adam's β^t
    for (let i = 0; i < 150_000; i++) pairs.push([0.96, (1 + rng.int(100_000)) * (rng.uniform() < 0.5 ? 0.004 : between(rng, 0, 1))]); // Nadam's 0.96^(k·ψ)
    for (let i = 0; i < 100_000; i++) pairs.push([1 + rng.int(1_000_000), rng.uniform() < 0.5 ? -0.8 : between(rng, -1, 0)]); // Adafactor's t^(−0.8)
    for (let i = 0; i < 100_000; i++) pairs.push([between(rng, 0, 1), between(rng, 0, 1000)]); // exponential decay schedules
    for (let i = 0; i < 50_000; i++) pairs.push([1 + rng.int(1000), -0.25]); // the synthetic data's rank^(−1/4)
    for (let i = 0; i < 200_000; i++) pairs.push([(rng.uniform() < 0.5 ? -1 : 1) * logUniform(rng, -1074, 1024), between(rng, -4, 4)]); // every exponent of x, subnormals too
    for (let i = 0; i < 200_000; i++) pairs.push([-logUniform(rng, -20, 20), rng.int(401) - 200]); // negative bases, integer exponents
    for (let i = 0; i < 100_000; i++) pairs.push([logUniform(rng, -20, 20), (rng.uniform() < 0.5 ? -1 : 1) * logUniform(rng, -30, 12)]);
    for (let i = 0; i < 100_000; i++) pairs.push([1 + between(rng, -1e-6, 1e-6), (rng.uniform() < 0.5 ? -1 : 1) * logUniform(rng, 20, 66)]); // x near 1, |y| past 2^31
    for (let i = 0; i < 100_000; i++) pairs.push([anyDouble(rng), anyDouble(rng)]);
    for (let i = 0; i < 100_000; i++) pairs.push([anyDouble(rng), rng.int(201) - 100]);
    expect(pairs.length).toBeGreaterThan(1_500_000);
    expect(powMismatches(pairs)).toEqual({ count: 0, first: [] });
  });

  it("follows ECMAScript's special cases, which differ from C's", () => {
    expect(pow(NaN, 0)).toBe(1);
    expect(pow(NaN, -0)).toBe(1);
    expect(pow(1, Infinity)).toBeNaN(); // C's pow gives 1
    expect(pow(-1, -Infinity)).toBeNaN();
    expect(pow(1, NaN)).toBeNaN(); // C's pow gives 1
    expect(pow(-0, -3)).toBe(-Infinity);
    expect(Object.is(pow(-0, 3), -0)).toBe(true);
    expect(Object.is(pow(-Infinity, -3), -0)).toBe(true);
    expect(pow(-8, 1 / 3)).toBeNaN();
    expect(pow(-2, 3)).toBe(-8);
  });

  it('gives known values', () => {
    expect(pow(2, 10)).toBe(1024);
    expect(pow(2, -1074)).toBe(Number.MIN_VALUE);
    expect(pow(2, -1075)).toBe(0);
    expect(pow(2, 1024)).toBe(Infinity);
    expect(pow(10, 22)).toBe(1e22);
    expect(pow(4, 0.5)).toBe(2);
    expect(pow(3, 2)).toBe(9);
    expect(pow(0.9, 1)).toBe(0.9);
    expect(pow(0.999, 1000)).toBeCloseTo(0.36769542477096373, 14);
  });
});

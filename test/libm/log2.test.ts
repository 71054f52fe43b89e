/**
 * log2() equals FreeBSD's e_log2.c bit for bit. The reference is Node 20's Math.log2, which
 * is V8 11's port of it (later V8s differ in the last bit, first on the integer 1375).
 */
import { describe, expect, it } from 'vitest';
import { log2 } from '../../src/libm/log2.ts';
import { createRng } from '../../src/random.ts';
import { anyDouble, between, logUniform, mismatches, neighbours, nodeHasFdlibm } from './inputs.ts';

/** Where log2's branches change: zero, subnormals, 1, every power of two (and √2 times it), with neighbours. */
function log2Boundaries(): number[] {
  const out: number[] = [0, -0, -1, -Number.MIN_VALUE, -Infinity, Infinity, NaN, Number.MIN_VALUE, Number.MAX_VALUE, 2 ** -1022, 2 ** -1022 - 2 ** -1074];
  for (let e = -1074; e <= 1023; e++) for (const x of neighbours(2 ** e, 3)) out.push(x, -x, x * Math.SQRT2, x * 1.38, x * 1.42);
  for (const p of [1, Math.SQRT2, Math.SQRT1_2, 1 + 2 ** -20, 1 - 2 ** -20]) out.push(...neighbours(p, 40));
  return out;
}

describe('log2', () => {
  it.runIf(nodeHasFdlibm)("equals Node 20's Math.log2 (e_log2.c) on every integer 1..2,000,000", () => {
    const inputs: number[] = [];
    for (let n = 1; n <= 2_000_000; n++) inputs.push(n); // NDCG's log2(rank + 2)
    expect(mismatches(inputs, log2, Math.log2)).toEqual({ count: 0, first: [] });
  });

  it.runIf(nodeHasFdlibm)("equals Node 20's Math.log2 on 1.1 million seeded inputs and at every branch's boundary", () => {
    const rng = createRng('libm-log2');
    const inputs = log2Boundaries();
    for (let i = 0; i < 400_000; i++) inputs.push(logUniform(rng, -1074, 1024)); // every exponent, subnormals included
    for (let i = 0; i < 200_000; i++) inputs.push(rng.uniform());
    for (let i = 0; i < 200_000; i++) inputs.push(1 + between(rng, -1e-5, 1e-5)); // near 1
    for (let i = 0; i < 100_000; i++) inputs.push(rng.uniform() * 2 ** -1022); // subnormals
    for (let i = 0; i < 200_000; i++) inputs.push(anyDouble(rng)); // any bits: negatives, ∞, NaN included
    expect(inputs.length).toBeGreaterThan(1_100_000);
    expect(mismatches(inputs, log2, Math.log2)).toEqual({ count: 0, first: [] });
  });

  it('gives known values', () => {
    expect(Object.is(log2(1), 0)).toBe(true);
    expect(log2(0)).toBe(-Infinity);
    expect(log2(-0)).toBe(-Infinity);
    expect(log2(-1)).toBeNaN();
    expect(log2(-Infinity)).toBeNaN();
    expect(log2(Infinity)).toBe(Infinity);
    expect(log2(NaN)).toBeNaN();
    expect(log2(2)).toBe(1);
    expect(log2(1024)).toBe(10);
    expect(log2(0.5)).toBe(-1);
    expect(log2(2 ** -1022)).toBe(-1022);
    expect(log2(Number.MIN_VALUE)).toBe(-1074);
    expect(log2(2 ** 1023)).toBe(1023);
    expect(log2(Math.E)).toBe(Math.LOG2E);
    expect(log2(3)).toBe(1.584962500721156);
    expect(log2(1375)).toBe(10.425215903299385); // the first integer where Chromium's V8 differs
  });
});

/**
 * log() and log1p() equal fdlibm's bit for bit. The reference is Node 20's Math.log and
 * Math.log1p, which are V8 11's ports of fdlibm (e_log.c, s_log1p.c; later V8s use others).
 */
import { describe, expect, it } from 'vitest';
import { log, log1p } from '../../src/libm/log.ts';
import { createRng } from '../../src/random.ts';
import { anyDouble, between, logUniform, mismatches, neighbours, nodeHasFdlibm } from './inputs.ts';

/** Where log's branches change: zero, subnormals, powers of two, √2 and the |f| < 2^−20 band around 1. */
function logBoundaries(): number[] {
  const out: number[] = [0, -0, -1, Infinity, -Infinity, NaN, Number.MIN_VALUE, Number.MAX_VALUE, 2 ** -1022, 2 ** -1022 - 2 ** -1074];
  for (let e = -1074; e <= 1023; e++) for (const x of neighbours(2 ** e, 3)) out.push(x, x * Math.SQRT2, x * 1.38, x * 1.42);
  for (const p of [1, Math.SQRT2, Math.SQRT1_2, 1 + 2 ** -20, 1 - 2 ** -20, 1.380859375, 1.4199981689453125]) out.push(...neighbours(p, 40));
  return out;
}

/** Where log1p's branches change: −1, 2^−54, 2^−29, √2 − 1, 1 − √2/2, 2^53, and |f| < 2^−20 after reduction. */
function log1pBoundaries(): number[] {
  const out: number[] = [0, -0, -1, -2, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE];
  const points = [2 ** -54, 2 ** -29, Math.SQRT2 - 1, 1 - Math.SQRT1_2, 0.41422, 0.2929, 2 ** 53, 2 ** 53 - 1, -1 + 2 ** -53, -0.5, 1, 3];
  for (const p of points) for (const x of neighbours(p, 30)) out.push(x, -x);
  for (let e = -60; e <= 1023; e++) for (const x of neighbours(2 ** e - 1, 2)) out.push(x); // 1 + x near powers of two
  return out;
}

describe('log', () => {
  it.runIf(nodeHasFdlibm)("equals Node 20's Math.log (fdlibm) on 1.3 million seeded inputs and at every branch's boundary", () => {
    const rng = createRng('libm-log');
    const inputs = logBoundaries();
    for (let i = 0; i < 400_000; i++) inputs.push(rng.uniform()); // Box–Muller's log(u1), the synthetic data's Gumbel keys
    for (let i = 0; i < 300_000; i++) inputs.push(logUniform(rng, -1074, 1024)); // every exponent, subnormals included
    for (let i = 0; i < 200_000; i++) inputs.push(1 + between(rng, -1e-5, 1e-5)); // near 1
    for (let i = 0; i < 200_000; i++) inputs.push(between(rng, 1, 5000)); // log(1 + rank)
    for (let i = 0; i < 100_000; i++) inputs.push(rng.uniform() * 2 ** -1022); // subnormals
    for (let i = 0; i < 100_000; i++) inputs.push(anyDouble(rng));
    expect(inputs.length).toBeGreaterThan(1_300_000);
    expect(mismatches(inputs, log, Math.log)).toEqual({ count: 0, first: [] });
  });

  it('gives known values', () => {
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(-Infinity)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(log(NaN)).toBeNaN();
    expect(log(Math.E)).toBe(1);
    expect(log(2)).toBe(Math.LN2);
    expect(log(10)).toBe(Math.LN10);
    expect(log(Number.MIN_VALUE)).toBeCloseTo(-744.4400719213812, 12);
  });
});

describe('log1p', () => {
  it.runIf(nodeHasFdlibm)("equals Node 20's Math.log1p (fdlibm) on 1.2 million seeded inputs and at every branch's boundary", () => {
    const rng = createRng('libm-log1p');
    const inputs = log1pBoundaries();
    for (let i = 0; i < 400_000; i++) inputs.push(rng.uniform()); // softplus and BCE: log1p(e^−|x|)
    for (let i = 0; i < 300_000; i++) inputs.push(between(rng, -1, 3));
    for (let i = 0; i < 300_000; i++) inputs.push((rng.uniform() < 0.5 ? -1 : 1) * logUniform(rng, -60, -1)); // near 0
    for (let i = 0; i < 100_000; i++) inputs.push(logUniform(rng, 0, 1024));
    for (let i = 0; i < 100_000; i++) inputs.push(anyDouble(rng));
    expect(inputs.length).toBeGreaterThan(1_200_000);
    expect(mismatches(inputs, log1p, Math.log1p)).toEqual({ count: 0, first: [] });
  });

  it('gives known values', () => {
    expect(log1p(0)).toBe(0);
    expect(Object.is(log1p(-0), -0)).toBe(true);
    expect(log1p(-1)).toBe(-Infinity);
    expect(log1p(-2)).toBeNaN();
    expect(log1p(Infinity)).toBe(Infinity);
    expect(log1p(NaN)).toBeNaN();
    expect(log1p(1e-20)).toBe(1e-20);
    expect(log1p(1)).toBe(Math.LN2);
    expect(log1p(1e-10)).toBeCloseTo(9.9999999995e-11, 24);
  });
});

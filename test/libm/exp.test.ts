/**
 * exp() and expm1() equal fdlibm's bit for bit. The reference is Node 20's Math.exp and
 * Math.expm1, which are V8 11's ports of fdlibm (e_exp.c, s_expm1.c; later V8s use others).
 */
import { describe, expect, it } from 'vitest';
import { exp, expm1 } from '../../src/libm/exp.ts';
import { createRng } from '../../src/random.ts';
import { anyDouble, between, logUniform, mismatches, neighbours, nodeHasFdlibm } from './inputs.ts';

const LN2 = Math.LN2;

/** Where fdlibm's branches change: thresholds on |x| and the over/underflow limits. */
function boundaries(): number[] {
  const points = [0, -0, Infinity, -Infinity, NaN, 1, -1, 2, 0.5, 709.782712893384, -745.1332191019411, 709.78, -745.13, 710, -746];
  points.push(2 ** -28, 2 ** -54, 0.5 * LN2, 1.5 * LN2, 56 * LN2, 20 * LN2, 1023.5 * LN2, 1024 * LN2, -1021 * LN2, -1021.5 * LN2, -1022 * LN2, -1074 * LN2);
  const out: number[] = [];
  for (const p of points) for (const x of neighbours(p, 20)) out.push(x, -x);
  for (let k = -1080; k <= 1030; k++) out.push(...neighbours(k * LN2, 2), (k + 0.5) * LN2); // where k changes
  return out;
}

describe('exp', () => {
  it.runIf(nodeHasFdlibm)("equals Node 20's Math.exp (fdlibm) on 1.3 million seeded inputs and at every branch's boundary", () => {
    const rng = createRng('libm-exp');
    const inputs = boundaries();
    for (let i = 0; i < 400_000; i++) inputs.push(between(rng, -746, 710)); // the whole finite range
    for (let i = 0; i < 400_000; i++) inputs.push(between(rng, -40, 40)); // sigmoid, BCE, softplus
    for (let i = 0; i < 200_000; i++) inputs.push((rng.uniform() < 0.5 ? -1 : 1) * logUniform(rng, -60, 0)); // near 0
    for (let i = 0; i < 200_000; i++) inputs.push(between(rng, -2, 2)); // the activity spread, k = 0 and ±1
    for (let i = 0; i < 100_000; i++) inputs.push(anyDouble(rng));
    expect(inputs.length).toBeGreaterThan(1_300_000);
    expect(mismatches(inputs, exp, Math.exp)).toEqual({ count: 0, first: [] });
  });

  it('gives known values', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(1)).toBe(Math.E);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(NaN)).toBeNaN();
    expect(exp(710)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(-745)).toBe(5e-324); // the least subnormal
    expect(exp(709.782712893384)).toBe(1.7976931348622732e308);
    expect(exp(2)).toBeCloseTo(7.38905609893065, 13);
    expect(exp(-1)).toBeCloseTo(0.36787944117144233, 16);
    expect(exp(1e-300)).toBe(1);
  });
});

describe('expm1', () => {
  it.runIf(nodeHasFdlibm)("equals Node 20's Math.expm1 (fdlibm) on 1.2 million seeded inputs and at every branch's boundary", () => {
    const rng = createRng('libm-expm1');
    const inputs = boundaries();
    for (let i = 0; i < 300_000; i++) inputs.push(between(rng, -50, 710));
    for (let i = 0; i < 300_000; i++) inputs.push(between(rng, -44, 44)); // tanh's 2|x| < 44
    for (let i = 0; i < 300_000; i++) inputs.push((rng.uniform() < 0.5 ? -1 : 1) * logUniform(rng, -60, 1)); // near 0
    for (let i = 0; i < 200_000; i++) inputs.push(between(rng, -3 * LN2, 3 * LN2)); // k = 0, ±1, ±2
    for (let i = 0; i < 100_000; i++) inputs.push(anyDouble(rng));
    expect(inputs.length).toBeGreaterThan(1_200_000);
    expect(mismatches(inputs, expm1, Math.expm1)).toEqual({ count: 0, first: [] });
  });

  it('gives known values', () => {
    expect(Object.is(expm1(-0), -0)).toBe(true);
    expect(expm1(0)).toBe(0);
    expect(expm1(1e-20)).toBe(1e-20);
    expect(expm1(Infinity)).toBe(Infinity);
    expect(expm1(-Infinity)).toBe(-1);
    expect(expm1(-40)).toBe(-1);
    expect(expm1(NaN)).toBeNaN();
    expect(expm1(710)).toBe(Infinity);
    expect(expm1(1)).toBeCloseTo(1.718281828459045, 15);
    expect(expm1(1e-10)).toBeCloseTo(1.00000000005e-10, 24);
  });
});

/**
 * tanh() equals fdlibm's bit for bit. The reference is Node 20's Math.tanh, which is V8 11's
 * port of fdlibm's s_tanh.c (later V8s call the C library's tanh).
 */
import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/libm/tanh.ts';
import { createRng } from '../../src/random.ts';
import { anyDouble, between, logUniform, mismatches, neighbours, nodeHasFdlibm } from './inputs.ts';

describe('tanh', () => {
  it.runIf(nodeHasFdlibm)("equals Node 20's Math.tanh (fdlibm) on 1.2 million seeded inputs and at every branch's boundary", () => {
    const rng = createRng('libm-tanh');
    const inputs: number[] = [0, -0, Infinity, -Infinity, NaN, Number.MIN_VALUE, Number.MAX_VALUE];
    for (const p of [2 ** -28, 1, 22, 0.5 * Math.LN2, 0.25 * Math.LN2, 28 * Math.LN2, 19.0615]) for (const x of neighbours(p, 30)) inputs.push(x, -x);
    for (let i = 0; i < 500_000; i++) inputs.push(between(rng, -6, 6)); // activations
    for (let i = 0; i < 300_000; i++) inputs.push(between(rng, -25, 25));
    for (let i = 0; i < 300_000; i++) inputs.push((rng.uniform() < 0.5 ? -1 : 1) * logUniform(rng, -40, 0)); // near 0
    for (let i = 0; i < 100_000; i++) inputs.push(anyDouble(rng));
    expect(inputs.length).toBeGreaterThan(1_200_000);
    expect(mismatches(inputs, tanh, Math.tanh)).toEqual({ count: 0, first: [] });
  });

  it('gives known values', () => {
    expect(tanh(0)).toBe(0);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(tanh(Infinity)).toBe(1);
    expect(tanh(-Infinity)).toBe(-1);
    expect(tanh(NaN)).toBeNaN();
    expect(tanh(30)).toBe(1);
    expect(tanh(-30)).toBe(-1);
    expect(tanh(1e-10)).toBe(1e-10);
    expect(tanh(0.5)).toBeCloseTo(0.46211715726000974, 16);
    expect(tanh(-2)).toBeCloseTo(-0.9640275800758169, 16);
  });
});

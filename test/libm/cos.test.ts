/**
 * cosine() equals fdlibm's cos bit for bit. The reference is Node 20's Math.cos, which is
 * V8's port of fdlibm (ieee754::cos; later V8s, as in Chromium, use another cosine).
 */
import { describe, expect, it } from 'vitest';
import { cosine, sine } from '../../src/libm/cos.ts';
import { createRng } from '../../src/random.ts';

const nodeHasFdlibmCos = Number(process.versions.v8.split('.')[0]) < 12;

describe('cosine', () => {
  it.runIf(nodeHasFdlibmCos)("equals Node 20's Math.cos (fdlibm) on 2 million inputs over the ranges seedgrad uses, and near n·π/2", () => {
    const rng = createRng('cosine');
    const inputs: number[] = [0, -0, Math.PI / 4, Math.PI / 2, Math.PI, 1.5 * Math.PI, 2 * Math.PI, 3 * Math.PI, 1e5, -1e5, 800_000];
    for (let n = 1; n <= 40; n++) for (let k = -3; k <= 3; k++) inputs.push((n * Math.PI) / 2 + k * Number.EPSILON * n, -((n * Math.PI) / 2) * (1 + k * 1e-16));
    for (let i = 0; i < 1_000_000; i++) inputs.push(2 * Math.PI * rng.uniform()); // Box–Muller's angle
    for (let i = 0; i < 500_000; i++) inputs.push(Math.PI * rng.uniform()); // the cosine schedule's
    for (let i = 0; i < 500_000; i++) inputs.push((rng.uniform() - 0.5) * 2e5);
    let mismatches = 0;
    for (const x of inputs) if (!Object.is(cosine(x), Math.cos(x))) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('gives known values and refuses what it does not cover', () => {
    expect(cosine(0)).toBe(1);
    expect(cosine(Math.PI)).toBe(-1);
    expect(cosine(Math.PI / 3)).toBeCloseTo(0.5, 15);
    expect(cosine(Infinity)).toBeNaN();
    expect(cosine(NaN)).toBeNaN();
    expect(() => cosine(1e7)).toThrow(/at most 2\^19·π\/2/);
  });
});

describe('sine', () => {
  it.runIf(nodeHasFdlibmCos)("equals Node 20's Math.sin (fdlibm) on a million inputs, small ones, and near n·π/2", () => {
    const rng = createRng('sine');
    const inputs: number[] = [0, -0, 1e-9, -3e-9, Math.PI / 4, -Math.PI / 4, Math.PI / 2, Math.PI, 2 * Math.PI, 1e5, -1e5, 800_000];
    for (let n = 1; n <= 40; n++) for (let k = -3; k <= 3; k++) inputs.push((n * Math.PI) / 2 + k * Number.EPSILON * n, -((n * Math.PI) / 2) * (1 + k * 1e-16));
    for (let i = 0; i < 400_000; i++) inputs.push((rng.uniform() - 0.5) * (Math.PI / 2)); // |x| ≤ π/4: no reduction
    for (let i = 0; i < 400_000; i++) inputs.push((rng.uniform() - 0.5) * 40); // Rastrigin's 2πx over its window
    for (let i = 0; i < 200_000; i++) inputs.push((rng.uniform() - 0.5) * 2e5);
    let mismatches = 0;
    for (const x of inputs) if (!Object.is(sine(x), Math.sin(x))) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('gives known values and refuses what it does not cover', () => {
    expect(Object.is(sine(-0), -0)).toBe(true);
    expect(sine(Math.PI / 2)).toBe(1);
    expect(sine(Math.PI / 6)).toBeCloseTo(0.5, 15);
    expect(sine(-Infinity)).toBeNaN();
    expect(() => sine(-1e7)).toThrow(/at most 2\^19·π\/2/);
  });
});

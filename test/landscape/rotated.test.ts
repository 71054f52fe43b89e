/**
 * The rotated κ = 100 quadratic against the closed-form rates of Goh, "Why Momentum Really
 * Works" (Distill 2017), §"The Dynamics of Momentum": seedgrad's own SGD, run by the
 * landscape's walk, must follow the linear recurrences worked out here by hand.
 *
 * In the Hessian's eigenbasis (eigenvalues λ = 1 and 100) each coordinate e evolves alone:
 *   gradient descent   e_{t+1} = (1 − αλ)·e_t;
 *   heavy ball         e_{t+1} = (1 + β − αλ)·e_t − β·e_{t−1},  e_1 = (1 − αλ)·e_0.
 * At α = 2/(λ_min + λ_max) = 2/101 both factors 1 − αλ are ±99/101. At α = 4/(√λ_min +
 * √λ_max)² = 4/121 and β = ((√κ − 1)/(√κ + 1))² = (9/11)², each coordinate's
 * characteristic equation z² − (1 + β − αλ)z + β = 0 has a double root r = (1 + β − αλ)/2:
 * 9/11 for λ = 1, −9/11 for λ = 100. So e_t = (A + B·t)·r^t with A = e_0, B = e_1/r − e_0,
 * and |r| = 9/11 is the rate.
 */
import { describe, expect, it } from 'vitest';
import { TEST_FUNCTIONS } from '../../src/landscape/functions.ts';
import { runOptimizer, walk } from '../../src/landscape/run.ts';
import { tensor } from '../../src/tensor/create.ts';
import { createOptimizer } from '../../src/optim/index.ts';

const fn = TEST_FUNCTIONS['rotated-ill-conditioned'];
const start = fn.start;
const SQRT_HALF = Math.SQRT1_2;
/** Coordinates along the eigenvectors (1, 1)/√2 (λ = 1) and (1, −1)/√2 (λ = 100). */
const eigen = ([x, y]: readonly number[]): [number, number] => [SQRT_HALF * (x! + y!), SQRT_HALF * (x! - y!)];

const close = (got: number, want: number, scale: number) => Math.abs(got - want) <= 1e-9 * scale;

describe('the rotated ill-conditioned quadratic and the closed-form rates (Goh 2017)', () => {
  it('gradient descent at α = 2/101 contracts every eigen-coordinate by exactly 99/101 per step', () => {
    const run = runOptimizer(fn, { optimizer: 'sgd', learningRate: 2 / 101, convention: 'torch', steps: 300, start, seed: 0 });
    const [u0, v0] = eigen(start);
    run.points.forEach((p, t) => {
      const [u, v] = eigen(p);
      expect(close(u, u0 * (99 / 101) ** t, Math.abs(u0))).toBe(true);
      expect(close(v, v0 * (-99 / 101) ** t, Math.abs(v0))).toBe(true);
    });
    const norm = (p: readonly number[]) => Math.hypot(p[0]!, p[1]!);
    expect(norm(run.points[300]!) / norm(run.points[299]!)).toBeCloseTo(99 / 101, 12);
  });

  it('heavy-ball momentum at α = 4/121, β = (9/11)² follows (A + Bt)(9/11)^t, a rate of 9/11, in both conventions', () => {
    const rate = 9 / 11;
    const root = [rate, -rate]; // (1 + β − αλ)/2 for λ = 1 and 100
    for (const convention of ['torch', 'keras'] as const) {
      const point = tensor([...start], [2], { dtype: 'float64', requiresGrad: true });
      const optimizer = createOptimizer('sgd', {
        convention,
        options: { learningRate: 4 / 121, momentum: rate * rate },
        params: [{ name: 'point', shape: [2], data: point.data }],
      });
      const points: [number, number][] = [];
      walk(fn, optimizer, point, 300, 0, { point: (_t, x, y) => points.push([x, y]) });
      const e0 = eigen(points[0]!);
      const e1 = eigen(points[1]!);
      // Step 1 is plain gradient descent in both conventions: e_1 = (1 − αλ)·e_0.
      expect(close(e1[0], (1 - 4 / 121) * e0[0], Math.abs(e0[0]))).toBe(true);
      expect(close(e1[1], (1 - 400 / 121) * e0[1], Math.abs(e0[1]))).toBe(true);
      points.forEach((p, t) => {
        const e = eigen(p);
        for (const k of [0, 1]) {
          const A = e0[k]!;
          const B = e1[k]! / root[k]! - A;
          expect(close(e[k]!, (A + B * t) * root[k]! ** t, Math.abs(A) + Math.abs(B))).toBe(true);
        }
      });
    }
  });
});

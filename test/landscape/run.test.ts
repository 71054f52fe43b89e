import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random.ts';
import { TEST_FUNCTIONS, FUNCTION_NAMES } from '../../src/landscape/functions.ts';
import { runOptimizer } from '../../src/landscape/run.ts';
import { availableIn } from '../../src/landscape/optimizers.ts';
import { DEFAULT_LEARNING_RATES } from '../../src/landscape/learning-rates.ts';
import { summarize } from '../../src/landscape/summary.ts';
import { runLandscape } from '../../src/landscape/study.ts';

const defaults = { convention: 'keras' as const, steps: 500, seed: 0, tolerance: 0.05 };

describe('runOptimizer', () => {
  it("brings Adam to Rosenbrock's minimum (1, 1) within 0.05 in its default setting", () => {
    const [rosenbrock] = runLandscape({ ...defaults, functions: ['rosenbrock'], optimizers: ['adam'], gridCells: 10 });
    const row = rosenbrock!.rows[0]!;
    expect(row.learningRate).toBe(DEFAULT_LEARNING_RATES.rosenbrock.adam);
    expect(rosenbrock!.start).toEqual([-1.5, 2]);
    expect(row.diverged).toBe(false);
    expect(row.nearestMinimum).toEqual([1, 1]);
    expect(row.finalDistance).toBeLessThanOrEqual(0.05);
    expect(row.stepsToTolerance).not.toBeNull();
    expect(row.finalValue).toBeLessThan(1e-3);
  });

  it('takes the same first step as gradient descent worked by hand', () => {
    // SGD from (−1.5, 2) on Rosenbrock: ∇f = (−2(1−x) − 400x(y−x²), 200(y−x²)) = (−155, −50).
    const run = runOptimizer(TEST_FUNCTIONS.rosenbrock, { optimizer: 'sgd', learningRate: 0.001, convention: 'keras', steps: 1, start: [-1.5, 2], seed: 0 });
    expect(run.points).toEqual([[-1.5, 2], [-1.5 + 0.155, 2 + 0.05]]);
    expect(run.values[0]).toBe(2.5 ** 2 + 100 * 0.25 ** 2);
  });

  it('reports a diverging optimizer as diverged, at the step it happened, without throwing', () => {
    // SGD at lr 0.01 on Rosenbrock: 10× past the stability limit 2/λ_max ≈ 0.002.
    const run = runOptimizer(TEST_FUNCTIONS.rosenbrock, { optimizer: 'sgd', learningRate: 0.01, convention: 'keras', steps: 500, start: [-1.5, 2], seed: 0 });
    expect(run.divergence).not.toBeNull();
    expect(run.divergence!.step).toBeGreaterThan(0);
    expect(run.divergence!.step).toBeLessThan(500);
    expect(run.divergence!.reason).toMatch(/Infinity|NaN/);
    expect(run.points).toHaveLength(run.divergence!.step);
    expect(run.values.every(Number.isFinite)).toBe(true);
    const row = summarize(TEST_FUNCTIONS.rosenbrock, run, 0.05);
    expect(row.diverged).toBe(true);
    expect(row.stepsRun).toBe(run.divergence!.step);
  });

  it('adds seeded N(0, σ²) noise to the noisy quadratic\'s gradient, the same draws for every optimizer', () => {
    const fn = TEST_FUNCTIONS['noisy-quadratic'];
    const noise = createRng(3).fork('landscape').fork('noisy-quadratic').fork('gradient-noise');
    const xi = [noise.normal(), noise.normal()];
    // One SGD step: p1 = p0 − lr·(∇f(p0) + σξ), ∇f(p) = p, σ = 1.
    const run = runOptimizer(fn, { optimizer: 'sgd', learningRate: 0.1, convention: 'keras', steps: 1, start: [-2, 2], seed: 3 });
    expect(run.points[1]![0]).toBeCloseTo(-2 - 0.1 * (-2 + xi[0]!), 14);
    expect(run.points[1]![1]).toBeCloseTo(2 - 0.1 * (2 + xi[1]!), 14);
    // The recorded value is f itself, without the noise term.
    expect(run.values[1]).toBeCloseTo(0.5 * (run.points[1]![0] ** 2 + run.points[1]![1] ** 2), 14);
    const again = runOptimizer(fn, { optimizer: 'sgd', learningRate: 0.1, convention: 'keras', steps: 50, start: [-2, 2], seed: 3 });
    const otherSeed = runOptimizer(fn, { optimizer: 'sgd', learningRate: 0.1, convention: 'keras', steps: 50, start: [-2, 2], seed: 4 });
    expect(again.points.slice(0, 2)).toEqual(run.points);
    expect(otherSeed.points[50]).not.toEqual(again.points[50]);
  });

  for (const convention of ['keras', 'torch'] as const) {
    it(`runs every default learning rate without divergence in the ${convention} convention`, () => {
      for (const name of FUNCTION_NAMES) {
        const fn = TEST_FUNCTIONS[name];
        for (const optimizer of availableIn(convention)) {
          const run = runOptimizer(fn, { optimizer, learningRate: DEFAULT_LEARNING_RATES[name][optimizer], convention, steps: 500, start: fn.start, seed: 0 });
          expect(run.divergence, `${name} ${optimizer}`).toBeNull();
        }
      }
    });
  }

  it('makes each default arrive on the convex quadratic and on Himmelblau, where the rates were chosen to arrive', () => {
    for (const name of ['ill-conditioned', 'himmelblau'] as const) {
      const [result] = runLandscape({ ...defaults, functions: [name], optimizers: availableIn('keras'), gridCells: 10 });
      for (const row of result!.rows) expect(row.finalDistance, `${name} ${row.optimizer}`).toBeLessThanOrEqual(0.05);
    }
  });
});

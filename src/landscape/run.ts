/**
 * One optimizer on one test function: the point (x, y) is a float64 parameter named
 * `point`, its gradient comes from autograd's backward pass over the function's
 * expression, and `createOptimizer(...).step` moves it, the same code that trains a
 * model. A non-finite value, gradient or point ends the run as divergence; it never
 * throws.
 */
import type { LandscapeSeries } from '../report/landscape-style.ts';
import { tensor } from '../tensor/create.ts';
import { add, mul, slice, sum } from '../autograd/index.ts';
import { createOptimizer, type Convention } from '../optim/index.ts';
import { createRng } from '../random.ts';
import type { TestFunction } from './functions.ts';
import { ENGINE_OPTIMIZER, type LandscapeOptimizer } from './optimizers.ts';

export interface RunSettings {
  readonly optimizer: LandscapeOptimizer;
  readonly learningRate: number;
  readonly convention: Convention;
  readonly steps: number;
  readonly start: readonly [number, number];
  /** Seeds the gradient noise of noisy functions. */
  readonly seed: number;
}

export interface Divergence {
  /** The first step whose value, gradient or point was not finite. */
  readonly step: number;
  readonly reason: string;
}

/** One optimizer's path (the plots' LandscapeSeries): points[t] is the point after t steps, points[0] the start; values[t] = f(points[t]) without gradient noise. */
export interface Trajectory extends LandscapeSeries {
  readonly optimizer: LandscapeOptimizer;
  readonly divergence: Divergence | null;
}

/**
 * The gradient-noise stream of a function: the same for every optimizer (it depends on
 * the seed and the function only), so their paths differ by their rules alone.
 */
function noiseStream(fn: TestFunction, seed: number) {
  return createRng(seed).fork('landscape').fork(fn.name).fork('gradient-noise');
}

export function runOptimizer(fn: TestFunction, settings: RunSettings): Trajectory {
  const point = tensor([settings.start[0], settings.start[1]], [2], { dtype: 'float64', requiresGrad: true });
  const engine = ENGINE_OPTIMIZER[settings.optimizer];
  const optimizer = createOptimizer(engine.name, {
    convention: settings.convention,
    options: { ...engine.options, learningRate: settings.learningRate },
    params: [{ name: 'point', shape: point.shape, data: point.data }],
  });
  const noise = noiseStream(fn, settings.seed);
  const noiseVector = tensor([0, 0], [2], { dtype: 'float64' });
  const points: [number, number][] = [];
  const values: number[] = [];
  let divergence: Divergence | null = null;

  for (let t = 0; ; t++) {
    const [x, y] = point.data;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      divergence = { step: t, reason: `the point became (${x}, ${y}) at step ${t}` };
      break;
    }
    point.grad = null;
    const value = sum(fn.expression(slice(point, [0], [1]), slice(point, [1], [1])));
    let objective = value;
    if (fn.gradientNoise > 0) {
      // Objective f(p) + ξ·p with ξ ~ N(0, σ² I): its gradient is ∇f(p) + ξ.
      noiseVector.data[0] = fn.gradientNoise * noise.normal();
      noiseVector.data[1] = fn.gradientNoise * noise.normal();
      objective = add(value, sum(mul(noiseVector, point)));
    }
    const f = value.item();
    if (!Number.isFinite(f)) {
      divergence = { step: t, reason: `f = ${f} at step ${t}` };
      break;
    }
    points.push([x, y]);
    values.push(f);
    if (t === settings.steps) break;
    objective.backward();
    const gradient = point.grad!.data;
    if (!Number.isFinite(gradient[0]) || !Number.isFinite(gradient[1])) {
      divergence = { step: t, reason: `the gradient became (${gradient[0]}, ${gradient[1]}) at step ${t}` };
      break;
    }
    optimizer.step(new Map([['point', gradient]]));
  }
  return { optimizer: settings.optimizer, learningRate: settings.learningRate, points, values, divergence };
}

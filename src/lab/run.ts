/**
 * One optimizer's path on a lab function, with everything the inspector shows: the point,
 * f, the gradient and the optimizer's named state after every step. The loop is the
 * landscape runner's (src/landscape/run.ts): the point is a float64 parameter, autograd
 * gives its gradient, createOptimizer moves it, the noise stream is the same, so a path
 * with the default options is the one `seedgrad landscape` draws. Never throws on
 * divergence: a non-finite value, gradient or point ends the path and is recorded.
 */
import { tensor } from '../tensor/create.ts';
import { createOptimizer, type OptimizerOptions } from '../optim/index.ts';
import { walk } from '../landscape/run.ts';
import type { LearningRateSchedule } from '../optim/schedules.ts';
import type { Convention, OptimizerName } from './catalog.ts';
import type { LabFunction } from './functions.ts';

export interface PathSettings {
  readonly name: OptimizerName;
  readonly convention: Convention;
  readonly options: Readonly<Record<string, number | boolean | string | LearningRateSchedule | null>>;
  readonly steps: number;
  readonly start: readonly [number, number];
  readonly seed: number;
}

export interface Path {
  readonly settings: PathSettings;
  /** Every option in effect: the settings' and the convention's defaults for the rest. */
  readonly resolved: Readonly<Record<string, unknown>>;
  /** points[2t], points[2t + 1]: the point after t steps (t = 0: the start). */
  readonly points: Float64Array;
  /** f after t steps, without gradient noise. */
  readonly values: Float64Array;
  /** The gradient used by step t + 1 (taken at point t), noise included. */
  readonly gradients: Float64Array;
  /** The optimizer's named state after step t (index t − 1), each a copy. */
  readonly states: readonly Readonly<Record<string, readonly number[]>>[];
  /** Steps taken (the number of points is steps + 1). */
  readonly length: number;
  readonly divergence: { readonly step: number; readonly reason: string } | null;
}

export function runPath(fn: LabFunction, settings: PathSettings): Path {
  const point = tensor([settings.start[0], settings.start[1]], [2], { dtype: 'float64', requiresGrad: true });
  const optimizer = createOptimizer(settings.name, {
    convention: settings.convention,
    options: settings.options as OptimizerOptions,
    // Shape [1, 2]: the elementwise rules ignore it, and Adafactor keeps its factored
    // state (a row and a column factor), which with one row gives exactly the same steps as
    // the unfactored v that `seedgrad landscape`'s shape [2] keeps. Muon is the exception:
    // it orthogonalises a matrix, so it gets the landscape's [2] and takes the same steps
    // (Keras's Adam step; torch's Muon refuses a 1-D parameter, and the run says so).
    params: [{ name: 'point', shape: settings.name === 'muon' ? [2] : [1, 2], data: point.data }],
  });
  const points = new Float64Array(2 * (settings.steps + 1));
  const values = new Float64Array(settings.steps + 1);
  const gradients = new Float64Array(2 * settings.steps);
  const states: Record<string, number[]>[] = [];
  let reached = 0;
  const divergence = walk({ name: fn.id, expression: fn.expression, gradientNoise: fn.gradientNoise }, optimizer, point, settings.steps, settings.seed, {
    point(t, x, y, f) {
      points[2 * t] = x;
      points[2 * t + 1] = y;
      values[t] = f;
      reached = t;
    },
    step(t, g, stepped) {
      gradients[2 * t] = g[0]!;
      gradients[2 * t + 1] = g[1]!;
      states.push(Object.fromEntries(Object.entries(stepped.state('point')).map(([key, array]) => [key, Array.from(array)])));
    },
  }, Int32Array.of(0)); // the one row of shape [1, 2]
  // Steps taken: every point reached but the start, less the step that diverged.
  const length = divergence === null ? reached : divergence.step - 1;
  return { settings, resolved: optimizer.options, points, values, gradients, states, length: Math.max(length, 0), divergence };
}

/** The first step whose point differs between two paths (0: the starts differ), or null when every common point is equal. */
export function firstDifference(a: Path, b: Path): { step: number; distance: number } | null {
  const n = Math.min(a.length, b.length);
  for (let t = 0; t <= n; t++) {
    const dx = a.points[2 * t]! - b.points[2 * t]!;
    const dy = a.points[2 * t + 1]! - b.points[2 * t + 1]!;
    if (dx !== 0 || dy !== 0) return { step: t, distance: Math.hypot(dx, dy) };
  }
  return null;
}

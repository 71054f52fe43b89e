/**
 * One optimizer on one test function: the point (x, y) is a float64 parameter named
 * `point`, its gradient comes from autograd's backward pass over the function's
 * expression, and `createOptimizer(...).step` moves it, the same code that trains a
 * model. A non-finite value, gradient or point ends the run as divergence; it never
 * throws.
 */
import type { LandscapeSeries } from '../report/landscape-style.ts';
import { tensor } from '../tensor/create.ts';
import type { Tensor } from '../tensor/tensor.ts';
import { add, mul, slice, sum } from '../autograd/index.ts';
import { createOptimizer, type Convention, type Optimizer } from '../optim/index.ts';
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

/** What a walk needs of a function: f in engine ops, its gradient noise, and the name its noise stream is forked by. */
export interface WalkFunction {
  readonly name: string;
  readonly expression: TestFunction['expression'];
  readonly gradientNoise: number;
}

/** What a walk reports: each point it reaches (t = 0: the start), and each gradient it steps with. */
export interface WalkVisitor {
  point(t: number, x: number, y: number, f: number): void;
  step?(t: number, gradient: Float64Array, optimizer: Optimizer): void;
}

/**
 * The gradient-noise stream of a function: the same for every optimizer (it depends on
 * the seed and the function only), so their paths differ by their rules alone.
 */
function noiseStream(fn: WalkFunction, seed: number) {
  return createRng(seed).fork('landscape').fork(fn.name).fork('gradient-noise');
}

/**
 * Moves `point` (a float64 [2] leaf that `optimizer` updates) over f for up to `steps`
 * steps: autograd gives the gradient of f (plus ξ·p with seeded ξ ~ N(0, σ² I) on a noisy
 * function) and the optimizer steps with it, through `step(closure)`: a per-parameter rule
 * takes the one evaluation at the step's start; L-BFGS evaluates again where it needs
 * (each evaluation of a noisy function draws fresh noise). Every evaluation touches the
 * whole point, so each gives `allRows`, every row of the optimizer's parameter (its
 * shape's first axis; SparseAdam reads them). Returns where it diverged, or null. The
 * landscape's runs and the Lab's paths are both this walk.
 */
export function walk(fn: WalkFunction, optimizer: Optimizer, point: Tensor, steps: number, seed: number, visitor: WalkVisitor, allRows = Int32Array.of(0, 1)): Divergence | null {
  const touchedRows = new Map([['point', allRows]]);
  const noise = noiseStream(fn, seed);
  const noiseVector = tensor([0, 0], [2], { dtype: 'float64' });
  const evaluate = () => {
    point.grad = null;
    const value = sum(fn.expression(slice(point, [0], [1]), slice(point, [1], [1])));
    if (fn.gradientNoise === 0) return { value, objective: value };
    // Objective f(p) + ξ·p with ξ ~ N(0, σ² I): its gradient is ∇f(p) + ξ.
    noiseVector.data[0] = fn.gradientNoise * noise.normal();
    noiseVector.data[1] = fn.gradientNoise * noise.normal();
    return { value, objective: add(value, sum(mul(noiseVector, point))) };
  };
  /** Loss and gradient at the current point, for a closure rule's further evaluations. */
  const reevaluate = () => {
    const { objective } = evaluate();
    objective.backward();
    return { loss: objective.item(), grads: new Map([['point', point.grad!.data as Float64Array]]), touchedRows };
  };
  for (let t = 0; ; t++) {
    const [x, y] = point.data as unknown as [number, number];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return { step: t, reason: `the point became (${x}, ${y}) at step ${t}` };
    const { value, objective } = evaluate();
    const f = value.item();
    if (!Number.isFinite(f)) return { step: t, reason: `f = ${f} at step ${t}` };
    visitor.point(t, x, y, f);
    if (t === steps) return null;
    objective.backward();
    const gradient = point.grad!.data as Float64Array;
    if (!Number.isFinite(gradient[0]!) || !Number.isFinite(gradient[1]!)) return { step: t, reason: `the gradient became (${gradient[0]}, ${gradient[1]}) at step ${t}` };
    let evaluations = 0;
    optimizer.step(() => (evaluations++ === 0 ? { loss: objective.item(), grads: new Map([['point', gradient]]), touchedRows } : reevaluate()));
    visitor.step?.(t, gradient, optimizer);
  }
}

export function runOptimizer(fn: TestFunction, settings: RunSettings): Trajectory {
  const point = tensor([settings.start[0], settings.start[1]], [2], { dtype: 'float64', requiresGrad: true });
  const engine = ENGINE_OPTIMIZER[settings.optimizer];
  const optimizer = createOptimizer(engine.name, {
    convention: settings.convention,
    options: { ...engine.options, learningRate: settings.learningRate },
    params: [{ name: 'point', shape: point.shape, data: point.data }],
  });
  const points: [number, number][] = [];
  const values: number[] = [];
  const divergence = walk(fn, optimizer, point, settings.steps, settings.seed, {
    point(_t, x, y, f) {
      points.push([x, y]);
      values.push(f);
    },
  });
  return { optimizer: settings.optimizer, learningRate: settings.learningRate, points, values, divergence };
}

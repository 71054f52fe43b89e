/** Shared test plumbing: make parameters, run trajectories, compare arrays. */
import fc from 'fast-check';
import { createOptimizer } from '../../src/optim/index.ts';
import type { Convention, Dtype, FloatArray, Optimizer, OptimizerName, OptimizerOptions, OptimizerParam } from '../../src/optim/index.ts';

export interface ParamSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: readonly number[];
}

export function makeParams(specs: readonly ParamSpec[], dtype: Dtype): OptimizerParam[] {
  return specs.map((s) => ({ name: s.name, shape: [...s.shape], data: dtype === 'float32' ? Float32Array.from(s.data) : Float64Array.from(s.data) }));
}

export function gradientsFor(params: readonly OptimizerParam[], values: readonly (readonly number[])[], dtype: Dtype): Record<string, FloatArray> {
  return Object.fromEntries(params.map((p, k) => [p.name, dtype === 'float32' ? Float32Array.from(values[k]!) : Float64Array.from(values[k]!)]));
}

/** Runs the optimizer over a recorded gradient sequence; returns the params after each step. */
export function runTrajectory(
  optimizer: OptimizerName,
  convention: Convention,
  options: OptimizerOptions,
  specs: readonly ParamSpec[],
  grads: readonly (readonly (readonly number[])[])[],
  dtype: Dtype = 'float64',
): { trajectory: number[][][]; optimizer: Optimizer; params: OptimizerParam[] } {
  const params = makeParams(specs, dtype);
  const opt = createOptimizer(optimizer, { convention, options, params });
  const trajectory = grads.map((step) => {
    opt.step(gradientsFor(params, step, dtype));
    return params.map((p) => Array.from(p.data));
  });
  return { trajectory, optimizer: opt, params };
}

/** A small deterministic generator (xorshift-style) for test inputs; no Math.random. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

export const STANDARD_SHAPES: readonly { name: string; shape: number[] }[] = [
  { name: 'w', shape: [2, 3] },
  { name: 'b', shape: [3] },
  { name: 'k', shape: [2, 2, 2] },
];

/** Params of rank 1–3 and `steps` well-scaled gradients (|g| in [0.05, 1.05], random sign). */
export function wellScaledProblem(seed: number, steps: number, shapes: readonly { name: string; shape: number[] }[] = STANDARD_SHAPES): { specs: ParamSpec[]; grads: number[][][] } {
  const uniform = seededUniform(seed);
  const draw = (n: number, f: () => number): number[] => Array.from({ length: n }, f);
  const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
  const specs = shapes.map((s) => ({ name: s.name, shape: s.shape, data: draw(size(s.shape), () => uniform() * 2 - 1) }));
  const grads = Array.from({ length: steps }, () =>
    shapes.map((s) => draw(size(s.shape), () => (uniform() < 0.5 ? -1 : 1) * (0.05 + uniform()))),
  );
  return { specs, grads };
}

/** max |a − e| / |e| over paired arrays (0/0 counts as 0). */
export function maxRelativeError(actual: readonly (readonly number[])[], expected: readonly (readonly number[])[]): number {
  let worst = 0;
  actual.forEach((row, k) =>
    row.forEach((a, i) => {
      const e = expected[k]![i]!;
      const error = a === e ? 0 : Math.abs(a - e) / Math.abs(e);
      worst = Math.max(worst, Number.isNaN(error) ? Infinity : error);
    }),
  );
  return worst;
}

/** Runs one parameter `p` of `shape` through the given gradients; returns p after each step. */
/** A start of 1–4 values in [−3, 3] and 1–`maxSteps` gradients of its length in [−5, 5]: the input of a rule-against-reference property. */
export function startAndGradients(maxSteps = 40): fc.Arbitrary<[number[], number[][]]> {
  return fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 4 }).chain((start) =>
    fc.tuple(fc.constant(start), fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: start.length, maxLength: start.length }), { minLength: 1, maxLength: maxSteps })),
  );
}

export function stepsOf(
  optimizer: OptimizerName,
  convention: Convention,
  options: OptimizerOptions,
  p0: readonly number[],
  grads: readonly (readonly number[])[],
  shape: readonly number[] = [p0.length],
): number[][] {
  return runTrajectory(optimizer, convention, options, [{ name: 'p', shape, data: p0 }], grads.map((g) => [g])).trajectory.map((step) => step[0]!);
}

/** Elementwise |a − e| ≤ tol·|e| (exact equality also passes, so 0 = 0 works). */
export function expectAllClose(actual: readonly number[], expected: readonly number[], tol = 1e-14): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    if (!(a === e || Math.abs(a - e) <= tol * Math.abs(e))) throw new Error(`element ${i}: got ${a}, expected ${e} (relative tolerance ${tol})`);
  });
}

/**
 * Runs a hand-written scalar rule on each element separately (each element gets a fresh
 * stepper with its own state) and returns the values after each step, step by element.
 */
export function elementwiseByHand(
  p0: readonly number[],
  grads: readonly (readonly number[])[],
  makeStepper: () => (p: number, g: number, t: number) => number,
): number[][] {
  const steppers = p0.map(() => makeStepper());
  const current = [...p0];
  return grads.map((g, s) => {
    current.forEach((p, i) => (current[i] = steppers[i]!(p, g[i]!, s + 1)));
    return [...current];
  });
}

/**
 * Property: with ε = 0 the trajectory under gradients c·g equals the one under g (to
 * rounding), in both conventions; the normalising optimizers must pass it.
 */
export function assertScaleInvariant(optimizer: OptimizerName, options: OptimizerOptions = {}): void {
  const gradient = fc.double({ min: 1e-3, max: 1e3, noNaN: true }).chain((m) => fc.constantFrom(m, -m));
  fc.assert(
    fc.property(
      fc.array(fc.array(gradient, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
      fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      fc.constantFrom('keras' as const, 'torch' as const),
      (grads, scale, convention) => {
        const a = stepsOf(optimizer, convention, { ...options, epsilon: 0 }, [0.5, -1], grads);
        const b = stepsOf(optimizer, convention, { ...options, epsilon: 0 }, [0.5, -1], grads.map((g) => g.map((x) => x * scale)));
        a.forEach((s, k) => expectAllClose(b[k]!, s, 1e-11));
      },
    ),
  );
}

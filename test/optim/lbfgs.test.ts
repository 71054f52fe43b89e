/**
 * L-BFGS against torch.optim.LBFGS (scripts/torch_golden_lbfgs_sparseadam.py, float64):
 * the same function evaluated on both sides, every step(closure)'s parameters, returned
 * loss and torch's counters; and its own properties.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOptimizer, parseTraceInput, runTrace, type OptimizerOptions } from '../../src/optim/index.ts';
import { cubicInterpolate } from '../../src/optim/strong-wolfe.ts';
import { maxRelativeError } from './helpers.ts';

const FIXTURE_DIR = new URL('../fixtures/torch/lbfgs/', import.meta.url);

interface LbfgsFixture {
  readonly id: string;
  readonly function: { readonly name: 'rosenbrock-chain' } | { readonly name: 'quadratic'; readonly a: number[][]; readonly b: number[] };
  readonly options: OptimizerOptions;
  readonly params: { name: string; shape: number[]; data: number[] }[];
  readonly steps: { loss: number; params: number[][]; funcEvals: number; nIter: number; t: number | null; historyLength: number }[];
}

/** f and ∇f of x (the parameters' concatenation), worked by hand in float64. */
type Objective = (x: Float64Array) => { loss: number; grad: Float64Array };

/**
 * Σ_i 100·(x_{i+1} − x_i²)² + (1 − x_i)²; the 2-D landscape's Rosenbrock is its n = 2 case.
 * The gradient in the order torch's autograd forms it (100·(2r), then ·2x; the x_i terms
 * summed before the term from x_{i−1}), so both sides evaluate the same bits.
 */
function rosenbrockChain(x: Float64Array): { loss: number; grad: Float64Array } {
  const grad = new Float64Array(x.length);
  const fromNext = new Float64Array(x.length);
  let loss = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const r = x[i + 1]! - x[i]! * x[i]!;
    const u = 1 - x[i]!;
    loss += 100 * (r * r) + u * u;
    const term = 100 * (2 * r);
    grad[i] = -term * (2 * x[i]!) + -(2 * u);
    fromNext[i + 1] = term;
  }
  for (let i = 1; i < x.length; i++) grad[i] = grad[i]! + fromNext[i]!;
  return { loss, grad };
}

/** ½·xᵀAx − bᵀx, gradient Ax − b (A symmetric). */
function quadratic(a: number[][], b: number[]): Objective {
  return (x) => {
    const ax = a.map((row) => row.reduce((s, aij, j) => s + aij * x[j]!, 0));
    const loss = 0.5 * ax.reduce((s, v, i) => s + v * x[i]!, 0) - b.reduce((s, v, i) => s + v * x[i]!, 0);
    return { loss, grad: Float64Array.from(ax, (v, i) => v - b[i]!) };
  };
}

/** The parameters as the optimizer sees them, and a closure evaluating `objective` at their current values. */
function problem(params: readonly { name: string; shape: number[]; data: readonly number[] }[], objective: Objective) {
  const live = params.map((p) => ({ name: p.name, shape: p.shape, data: Float64Array.from(p.data) }));
  let evaluations = 0;
  const closure = () => {
    evaluations += 1;
    const x = Float64Array.from(live.flatMap((p) => Array.from(p.data)));
    const { loss, grad } = objective(x);
    let offset = 0;
    const grads = Object.fromEntries(live.map((p) => [p.name, grad.slice(offset, (offset += p.data.length))]));
    return { loss, grads };
  };
  return { live, closure, evaluations: () => evaluations };
}

const fixtures = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, FIXTURE_DIR), 'utf8')) as LbfgsFixture);

describe('lbfgs vs torch.optim.LBFGS', () => {
  it('has fixtures with and without the strong-Wolfe line search, over one and several parameters', () => {
    expect(fixtures.some((f) => f.options.lineSearchFn === 'strong_wolfe')).toBe(true);
    expect(fixtures.some((f) => f.options.lineSearchFn === undefined)).toBe(true);
    expect(fixtures.some((f) => f.params.length > 1)).toBe(true);
    // The history fills and shifts in some fixture.
    expect(fixtures.some((f) => f.steps.at(-1)!.nIter > 2 * (f.steps.at(-1)!.historyLength + 1))).toBe(true);
  });

  // Bit for bit in practice (torch's baseline kernels, see the script); 1e-12 relative is the bar.
  it.each(fixtures.map((f) => [f.id, f] as const))('%s: every step matches torch to 1e-12 relative', (_id, fixture) => {
    const objective = fixture.function.name === 'quadratic' ? quadratic(fixture.function.a, fixture.function.b) : rosenbrockChain;
    const { live, closure, evaluations } = problem(fixture.params, objective);
    const optimizer = createOptimizer('lbfgs', { convention: 'torch', options: fixture.options, params: live });
    let worst = 0;
    for (const expected of fixture.steps) {
      const loss = optimizer.step(closure);
      worst = Math.max(worst, maxRelativeError([[loss]], [[expected.loss]]), maxRelativeError(live.map((p) => Array.from(p.data)), expected.params));
      const scalars = optimizer.scalars();
      expect([scalars['funcEvals'], scalars['nIter'], scalars['historyLength']]).toEqual([expected.funcEvals, expected.nIter, expected.historyLength]);
      if (expected.t !== null) worst = Math.max(worst, maxRelativeError([[scalars['t']!]], [[expected.t]]));
      expect(evaluations()).toBe(expected.funcEvals);
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
    expect(maxRelativeError(fixture.steps.at(-1)!.params, fixture.params.map((p) => p.data))).toBeGreaterThan(1e-2);
  });
});

describe('lbfgs', () => {
  const start = () => [{ name: 'point', shape: [2], data: Float64Array.from([-1.5, 2]) }];
  const closureOver = (params: { data: Float64Array }[]) => () => {
    const { loss, grad } = rosenbrockChain(params[0]!.data);
    return { loss, grads: { point: grad } };
  };

  it('takes a closure only: step(grads) is refused in one line saying why', () => {
    const optimizer = createOptimizer('lbfgs', { convention: 'torch', params: start() });
    expect(() => optimizer.step({ point: new Float64Array(2) })).toThrow(/^step: lbfgs evaluates the function itself: call step\(closure\)[^\n]*$/);
  });

  it('cannot be traced: the trace refuses it in one line saying why', () => {
    const input = parseTraceInput(JSON.stringify({ optimizer: 'lbfgs', convention: 'torch', params: [{ name: 'p', shape: [1], data: [1] }], grads: [[[0.5]]] }));
    expect(() => runTrace(input, false)).toThrow(/^lbfgs cannot be traced: a trace replays recorded gradients, and L-BFGS evaluates the function itself[^\n]*$/);
  });

  it('solves Rosenbrock with the strong-Wolfe search', () => {
    const params = start();
    const optimizer = createOptimizer('lbfgs', { convention: 'torch', options: { lineSearchFn: 'strong_wolfe' }, params });
    for (let s = 0; s < 5; s++) optimizer.step(closureOver(params));
    expect(rosenbrockChain(params[0]!.data).loss).toBeLessThan(1e-8);
    expect(Math.abs(params[0]!.data[0]! - 1)).toBeLessThan(1e-4);
  });

  it('keeps its history, ρ and counters as state, and resumes from a state dict exactly', () => {
    const options = { historySize: 3, maxIter: 4 };
    const unbroken = start();
    const a = createOptimizer('lbfgs', { convention: 'torch', options, params: unbroken });
    for (let s = 0; s < 6; s++) a.step(closureOver(unbroken));
    const first = start();
    const b = createOptimizer('lbfgs', { convention: 'torch', options, params: first });
    for (let s = 0; s < 3; s++) b.step(closureOver(first));
    const resumedParams = first.map((p) => ({ ...p, data: p.data.slice() }));
    const resumed = createOptimizer('lbfgs', { convention: 'torch', options, params: resumedParams });
    resumed.loadStateDict(JSON.parse(JSON.stringify(b.stateDict())));
    for (let s = 0; s < 3; s++) resumed.step(closureOver(resumedParams));
    expect(Array.from(resumedParams[0]!.data)).toEqual(Array.from(unbroken[0]!.data));
    expect(Object.keys(a.state('point'))).toEqual(['d', 'prevGrad', 's', 'y']);
    expect(a.state('point')['s']!.length).toBe(6);
    const scalars = a.scalars();
    expect(scalars['historyLength']).toBe(3);
    // ρ_i = 1/(y_iᵀs_i) for each stored pair.
    const { s, y } = a.state('point');
    for (let i = 0; i < 3; i++) expect(scalars[`rho${i}`]).toBe(1 / (y![2 * i]! * s![2 * i]! + y![2 * i + 1]! * s![2 * i + 1]!));
  });

  it('refuses a line search other than strong_wolfe, and non-integer counts, naming the option', () => {
    expect(() => createOptimizer('lbfgs', { convention: 'torch', options: { lineSearchFn: 'armijo' }, params: [] })).toThrow(/lineSearchFn must be null or 'strong_wolfe', got/);
    expect(() => createOptimizer('lbfgs', { convention: 'torch', options: { maxIter: 2.5 }, params: [] })).toThrow(/maxIter must be an integer >= 1/);
    expect(() => createOptimizer('lbfgs', { convention: 'keras', params: [] })).toThrow(/lbfgs is not offered in the keras convention/);
  });

  it('interpolates by the cubic through two points with their slopes (worked by hand)', () => {
    // f = x³ − 3x has f(0) = 0, f'(0) = −3, f(2) = 2, f'(2) = 9; its minimum is at x = 1.
    expect(cubicInterpolate(0, 0, -3, 2, 2, 9)).toBeCloseTo(1, 14);
    // Clamped to the bounds given.
    expect(cubicInterpolate(0, 0, -3, 2, 2, 9, [1.5, 3])).toBe(1.5);
    // No real minimiser (d1² < g1·g2): the bounds' midpoint.
    expect(cubicInterpolate(0, 0, 1, 1, 2 / 3, 1)).toBe(0.5);
  });

  it('runs on float32 parameters, its state in float32, near the float64 run', () => {
    const run = (dtype: 'float32' | 'float64') => {
      const data = dtype === 'float32' ? Float32Array.from([-1.5, 2]) : Float64Array.from([-1.5, 2]);
      const params = [{ name: 'point', shape: [2], data }];
      const optimizer = createOptimizer('lbfgs', { convention: 'torch', options: { lineSearchFn: 'strong_wolfe', maxIter: 5 }, params });
      for (let s = 0; s < 3; s++) {
        optimizer.step(() => {
          const { loss, grad } = rosenbrockChain(Float64Array.from(data));
          return { loss, grads: { point: dtype === 'float32' ? Float32Array.from(grad) : grad } };
        });
      }
      return { data, state: optimizer.state('point') };
    };
    const single = run('float32');
    const double = run('float64');
    expect(single.state['s']).toBeInstanceOf(Float32Array);
    for (let i = 0; i < 2; i++) expect(Math.abs(single.data[i]! - double.data[i]!)).toBeLessThan(1e-3);
    expect(Array.from(single.data)).not.toEqual(Array.from(double.data));
  });
});

describe('step(closure) for a per-parameter rule', () => {
  it('calls the closure once, steps as step(grads) does, and returns its loss', () => {
    const a = [{ name: 'w', shape: [2], data: Float64Array.from([1, -2]) }];
    const b = [{ name: 'w', shape: [2], data: Float64Array.from([1, -2]) }];
    const withClosure = createOptimizer('adam', { convention: 'torch', options: { learningRate: 0.1 }, params: a });
    const withGrads = createOptimizer('adam', { convention: 'torch', options: { learningRate: 0.1 }, params: b });
    let calls = 0;
    for (let s = 0; s < 5; s++) {
      const loss = withClosure.step(() => {
        calls += 1;
        return { loss: 0.5 * (a[0]!.data[0]! ** 2 + a[0]!.data[1]! ** 2), grads: { w: a[0]!.data.slice() } };
      });
      expect(loss).toBeGreaterThan(0);
      withGrads.step({ w: b[0]!.data.slice() });
    }
    expect(calls).toBe(5);
    expect(Array.from(a[0]!.data)).toEqual(Array.from(b[0]!.data));
    expect(() => withClosure.step((() => ({ loss: 'x' })) as never)).toThrow(/^step\(closure\): the closure must return \{ loss: number, grads/);
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOptimizer, parseTraceInput, runTrace } from '../../src/optim/index.ts';
import { expectAllClose, gradientsFor, makeParams, maxRelativeError, stepsOf } from './helpers.ts';
import type { ParamSpec } from './helpers.ts';

const p0 = [1, -2];
const grads = [[0.5, -1], [-0.25, 0.1], [0.3, 0.2]];

describe('asgd worked by hand (torch convention; Keras has no ASGD)', () => {
  it('step 1: η = lr, μ = 1: p ← p·(1 − λ·lr) − lr·g, and the average is p itself', () => {
    const params = [{ name: 'p', shape: [2], data: Float64Array.from(p0) }];
    const opt = createOptimizer('asgd', { convention: 'torch', options: { learningRate: 0.1, lambd: 0.5, alpha: 1, t0: 0 }, params });
    opt.step({ p: Float64Array.from(grads[0]!) });
    expectAllClose(Array.from(params[0]!.data), [1 * 0.95 - 0.05, -2 * 0.95 + 0.1]);
    expectAllClose(Array.from(opt.state('p')['average']!), Array.from(params[0]!.data));
    // the next step's η = lr/(1 + λ·lr·1)^α = 0.1/1.05, μ = 1/max(1, 1 − 0) = 1
    expect(opt.state('p')['eta']![0]).toBeCloseTo(0.1 / 1.05, 16);
    expect(opt.state('p')['mu']![0]).toBe(1);
  });

  it('steps 2 and 3: η = 0.1/1.05 then 0.1/1.1; μ = 1 then 1/2, so the average becomes the mean of p2 and p3', () => {
    const params = [{ name: 'p', shape: [2], data: Float64Array.from(p0) }];
    const opt = createOptimizer('asgd', { convention: 'torch', options: { learningRate: 0.1, lambd: 0.5, alpha: 1, t0: 0 }, params });
    const p1 = [0.9, -2 * 0.95 + 0.1];
    const eta2 = 0.1 / 1.05, eta3 = 0.1 / 1.1;
    const p2 = p1.map((p, i) => p * (1 - 0.5 * eta2) - eta2 * grads[1]![i]!);
    const p3 = p2.map((p, i) => p * (1 - 0.5 * eta3) - eta3 * grads[2]![i]!);
    for (const g of grads) opt.step({ p: Float64Array.from(g) });
    expectAllClose(Array.from(params[0]!.data), p3, 1e-14);
    expectAllClose(Array.from(opt.state('p')['average']!), p2.map((p, i) => (p + p3[i]!) / 2), 1e-14);
    expect(opt.state('p')['eta']![0]).toBeCloseTo(0.1 / 1.15, 16);
    expect(opt.state('p')['mu']![0]).toBe(1 / 3); // for step 4
  });

  it('keeps η, μ and the average as torch 1.13 does after 100 steps (the golden run with t0 = 10)', () => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/torch/asgd_averaging_l2.json', import.meta.url), 'utf8')) as {
      input: { options: object; params: ParamSpec[]; grads: number[][][] };
      finalState: Record<string, Record<string, number[]>>;
    };
    const params = makeParams(fixture.input.params, 'float64');
    const opt = createOptimizer('asgd', { convention: 'torch', options: fixture.input.options, params });
    for (const step of fixture.input.grads) opt.step(gradientsFor(params, step, 'float64'));
    for (const p of params) {
      const expected = fixture.finalState[p.name]!;
      const state = opt.state(p.name);
      expect(Object.keys(expected).sort()).toEqual(Object.keys(state).sort());
      for (const key of Object.keys(expected)) expect(maxRelativeError([Array.from(state[key]!)], [expected[key]!]), `${p.name}.${key}`).toBeLessThanOrEqual(1e-10);
    }
    expect(fixture.finalState['b']!['mu']).toEqual([1 / 90]); // 1/max(1, 100 − 10)
  });

  it('shows η and μ in a trace with --states', () => {
    const input = parseTraceInput(JSON.stringify({ optimizer: 'asgd', convention: 'torch', params: [{ name: 'w', shape: [2], data: [1, 2] }], grads: [[[0.1, 0.2]], [[0.3, 0.1]]] }));
    const out = JSON.parse(runTrace(input, true).text) as { states: Record<string, Record<string, number[]>>[] };
    expect(Object.keys(out.states[1]!['w']!).sort()).toEqual(['average', 'eta', 'mu']);
    expect(out.states[0]!['w']!['eta']).toEqual([0.01 / (1 + 1e-4 * 0.01) ** 0.75]);
  });

  it('is refused in the keras convention, naming the convention it has', () => {
    expect(() => createOptimizer('asgd', { params: [] })).toThrow("asgd is not offered in the keras convention (ASGD exists only in the torch convention); use convention 'torch'");
  });
});

describe('asgd properties', () => {
  it('with λ = 0, η stays lr and the parameter follows torch SGD to the bit', () => {
    const options = { learningRate: 0.05, lambd: 0 };
    expect(stepsOf('asgd', 'torch', options, p0, grads)).toEqual(stepsOf('sgd', 'torch', { learningRate: 0.05 }, p0, grads));
  });

  it('for an integer t0, the average after step t > t0 + 2 is the mean of the iterates of steps t0 + 2 … t', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 2, maxLength: 2 }), { minLength: 4, maxLength: 20 }),
        fc.integer({ min: 0, max: 5 }),
        (steps, t0) => {
          const params = [{ name: 'p', shape: [2], data: Float64Array.from(p0) }];
          const opt = createOptimizer('asgd', { convention: 'torch', options: { learningRate: 0.05, lambd: 0.1, t0 }, params });
          const iterates: number[][] = [];
          for (const g of steps) {
            opt.step({ p: Float64Array.from(g) });
            iterates.push(Array.from(params[0]!.data));
          }
          const t = steps.length;
          const averaged = t <= t0 + 2 ? iterates[t - 1]! : [0, 1].map((i) => iterates.slice(t0 + 1).reduce((s, p) => s + p[i]!, 0) / (t - t0 - 1));
          const average = Array.from(opt.state('p')['average']!);
          average.forEach((a, i) => expect(Math.abs(a - averaged[i]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(averaged[i]!))));
        },
      ),
    );
  });
});

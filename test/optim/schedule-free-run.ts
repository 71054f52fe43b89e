/** What the Schedule-Free tests share: a run that records y, z and x after each step, and a tolerance check. */
import { expect } from 'vitest';
import { createOptimizer } from '../../src/optim/index.ts';
import type { Convention, OptimizerOptions } from '../../src/optim/index.ts';

export interface Sequences {
  y: number[];
  z: number[];
  x: number[];
}

export function runScheduleFree(optimizer: 'adamw-schedulefree' | 'sgd-schedulefree', convention: Convention, options: OptimizerOptions, p0: readonly number[], grads: readonly (readonly number[])[]): Sequences[] {
  const params = [{ name: 'p', shape: [p0.length], data: Float64Array.from(p0) }];
  const opt = createOptimizer(optimizer, { convention, options, params });
  return grads.map((g) => {
    opt.step({ p: Float64Array.from(g) });
    const { z, x } = opt.state('p');
    return { y: Array.from(params[0]!.data), z: Array.from(z!), x: Array.from(x!) };
  });
}

/** |a − e| ≤ tol·max(|e|, 1) elementwise. */
export function expectNear(actual: readonly number[], expected: readonly number[], tol: number): void {
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!), `element ${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(tol * Math.max(Math.abs(expected[i]!), 1)));
}

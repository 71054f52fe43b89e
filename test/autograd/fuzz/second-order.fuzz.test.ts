/**
 * The second-order fuzzer as a test suite: every op in the table, then random compositions,
 * their Hessian-vector products (through the differentiable backwards) against central
 * finite differences of the fast first gradient, in float64 within 1e-6.
 */
import { describe, expect, it } from 'vitest';
import { opTable } from '../../../src/autograd/index.ts';
import { COMPOSITIONS, fuzzTarget } from '../../../src/autograd/fuzz/runner.ts';

const SEED = 20261129;
const RUNS = 30;

describe('second-order fuzzing', () => {
  for (const target of [...opTable(), COMPOSITIONS]) {
    it(`${target.name}: second derivatives match finite differences of the gradient on ${RUNS} random cases`, () => {
      const report = fuzzTarget(target, { seed: SEED, runs: RUNS, order: 2 });
      expect(report.failure?.message ?? 'passed', report.failure?.test).toBe('passed');
      expect(report.cases).toBe(RUNS);
      expect(report.worstError).toBeLessThanOrEqual(1e-6);
    });
  }
});

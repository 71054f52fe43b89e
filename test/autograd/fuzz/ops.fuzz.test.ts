/**
 * The gradient fuzzer as a test suite: every op in the table, then random compositions,
 * each against central finite differences in float64 within 1e-6.
 */
import { describe, expect, it } from 'vitest';
import { findOp, opTable } from '../../../src/autograd/index.ts';
import { registerOp } from '../../../src/autograd/op-table.ts';
import * as publicOps from '../../../src/autograd/ops/index.ts';
import { COMPOSITIONS, fuzzTarget } from '../../../src/autograd/fuzz/runner.ts';

const SEED = 20261125;
const RUNS = 100;

describe('op table', () => {
  it('holds at least the 30 ops of the foundation, each once, each with a generator', () => {
    const names = opTable().map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
    for (const required of ['add', 'sub', 'mul', 'div', 'neg', 'square', 'pow', 'exp', 'log', 'log1p', 'sqrt', 'abs', 'maximum', 'minimum', 'clamp', 'relu', 'sigmoid', 'tanh', 'softplus', 'matmul', 'sum', 'mean', 'max', 'reshape', 'transpose', 'concat', 'slice', 'gather', 'dropout', 'binaryCrossEntropyWithLogits']) {
      expect(names).toContain(required);
    }
  });

  it('registers every op the public API exports, and nothing else', () => {
    // An exported op missing from the table would never be fuzzed.
    expect(Object.keys(publicOps).sort()).toEqual(opTable().map((op) => op.name).sort());
  });

  it('refuses to register an op without a fast-check generator', () => {
    expect(() => registerOp({ name: 'noGenerator', family: 'test', generate: undefined as never })).toThrow(
      "registerOp: op 'noGenerator' has no fast-check generator of valid inputs",
    );
    expect(findOp('noGenerator')).toBeUndefined();
  });
});

describe('gradient fuzzing', () => {
  for (const target of [...opTable(), COMPOSITIONS]) {
    it(`${target.name}: autograd matches finite differences on ${RUNS} random cases`, () => {
      const report = fuzzTarget(target, { seed: SEED, runs: RUNS });
      expect(report.failure?.message ?? 'passed', report.failure?.test).toBe('passed');
      expect(report.cases).toBe(RUNS);
      expect(report.worstError).toBeLessThanOrEqual(1e-6);
    });
  }
});

describe('forward-mode fuzzing', () => {
  for (const target of [...opTable(), COMPOSITIONS]) {
    it(`${target.name}: forward mode matches finite differences and agrees with reverse mode (dot-product test) on ${RUNS} random cases`, () => {
      const report = fuzzTarget(target, { seed: SEED, runs: RUNS, mode: 'both' });
      expect(report.failure?.message ?? 'passed', report.failure?.test).toBe('passed');
      expect(report.cases).toBe(RUNS);
      expect(report.worstError).toBeLessThanOrEqual(1e-6);
    });
  }
});

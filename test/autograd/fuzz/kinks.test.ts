/**
 * Ties and kinks, sought rather than avoided: every op that states a kink rule in the op
 * table is checked against it exactly on cases full of kink points and ties; the rules
 * say what PyTorch 1.13 does (checked against it in test/autograd/torch-ops.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { findOp, opTable } from '../../../src/autograd/index.ts';
import { fuzzKinks } from '../../../src/autograd/fuzz/kinks.ts';
import type { OpEntry } from '../../../src/autograd/op-table.ts';

const SEED = 20261129;
const RUNS = 200;

describe('the op table states the subgradient at every kink', () => {
  it('for relu and abs at 0, maximum and minimum at a tie, clamp at its bounds, the max reduction at a tie and dense with relu at 0', () => {
    const stated = opTable().filter((op) => op.kinks !== undefined).map((op) => op.name);
    expect(stated.sort()).toEqual(['abs', 'clamp', 'dense', 'max', 'maximum', 'minimum', 'relu']);
    expect(findOp('relu')!.kinks!.statement).toMatch(/^relu′\(0\) = 0/);
    expect(findOp('abs')!.kinks!.statement).toMatch(/^abs′\(0\) = 0/);
    expect(findOp('clamp')!.kinks!.statement).toContain('both bounds included');
    expect(findOp('maximum')!.kinks!.statement).toContain("{ ties: 'split' }");
  });
});

describe('tie and kink fuzzing', () => {
  for (const op of opTable().filter((entry) => entry.kinks !== undefined)) {
    it(`${op.name}: reverse and forward mode give exactly the stated subgradient on ${RUNS} cases full of kinks and ties`, () => {
      const report = fuzzKinks(op, { seed: SEED, runs: RUNS });
      expect(report.failure ?? 'passed').toBe('passed');
      expect(report.cases).toBe(RUNS);
      // The cases are on a grid: they land on kinks and ties, many times.
      expect(report.kinkPoints).toBeGreaterThan(RUNS / 2);
    });
  }

  it('fails an op whose derivative at the kink differs from its statement, naming the element', () => {
    const relu = findOp('relu')!;
    // A statement of relu′(0) = 1 (the other one-sided derivative), which relu does not use.
    const misstated: OpEntry = {
      ...relu,
      kinks: {
        ...relu.kinks!,
        jacobian: ([x]) => {
          const values = (x as { data: Float64Array }).data;
          return [Array.from(values, (v, i) => Array.from(values, (_, j) => (i === j && v >= 0 ? 1 : 0)))];
        },
      },
    };
    const report = fuzzKinks(misstated, { seed: SEED, runs: RUNS });
    expect(report.passed).toBe(false);
    expect(report.failure).toMatch(/^reverse mode, input 0 element \d+: autograd 0, the stated rule \d+, in relu\(tensor\(\[/);
  });

  it("tells ties 'first' from 'split': max's statement for one fails against the other", () => {
    const max = findOp('max')!;
    const swapped: OpEntry = { ...max, kinks: { ...max.kinks!, jacobian: ([x, axes, keepdims, options]) => max.kinks!.jacobian([x, axes, keepdims, { ties: (options as { ties?: string } | undefined)?.ties === 'split' ? 'first' : 'split' }]) } };
    expect(fuzzKinks(swapped, { seed: SEED, runs: RUNS }).passed).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exp, mul, sum, opTable, findOp } from '../../src/autograd/index.ts';
import { gradgradcheck } from '../../src/autograd/gradgradcheck.ts';
import { fuzzTarget } from '../../src/autograd/fuzz/runner.ts';
import { tensorArb } from '../../src/autograd/fuzz/arbitraries.ts';
import { tensor } from '../../src/tensor/create.ts';
import { unaryOp } from '../../src/tensor/elementwise.ts';
import { applyOp, type Primitive } from '../../src/autograd/op.ts';
import type { Tensor } from '../../src/tensor/tensor.ts';

/** x³ with a correct fast backward (3x²·g) and a differentiable one given by `derivative` (correct: 3x²). */
const cube = (derivative: (a: Tensor) => Tensor): Primitive<undefined, undefined> => ({
  name: 'cube',
  forward: ([a]) => ({ output: unaryOp(a, (v) => v ** 3), saved: undefined }),
  backward: (g, { inputs: [a] }) => [mul(g, unaryOp(a, (v) => 3 * v * v))],
  differentiableBackward: (g, { inputs: [a] }) => [mul(g, derivative(a))],
});
const rightCube = cube((a) => mul(mul(a, a), 3));
// Treats 3x² as a constant: right first derivatives, second derivative 0 instead of 6x.
const detachedCube = cube((a) => unaryOp(a, (v) => 3 * v * v));
// 3.001x²: its second derivative is off by 0.001·2x (and its graph gradient by 0.001·x²).
const skewedCube = cube((a) => mul(mul(a, a), 3.001));

describe('gradgradcheck', () => {
  it('accepts correct second derivatives, in float64 whatever the input dtype', () => {
    const x = tensor([[0.3, -1.2], [2, 0.5]]);
    const result = gradgradcheck((a: Tensor) => exp(mul(a, a)), [x]);
    expect(result.ok).toBe(true);
    expect(result.maxError).toBeLessThan(1e-8);
    expect(gradgradcheck((a: Tensor) => applyOp(rightCube, [a], undefined), [x]).maxError).toBeLessThan(1e-8);
  });

  it('catches a differentiable backward that is wrong, however slightly', () => {
    const x = tensor([0.1, 0.2, 0.3], undefined, { dtype: 'float64' });
    const detached = gradgradcheck((a: Tensor) => applyOp(detachedCube, [a], undefined), [x]);
    expect(detached.ok).toBe(false);
    expect(detached.maxError).toBeGreaterThan(1e-3);
    const skewed = gradgradcheck((a: Tensor) => sum(applyOp(skewedCube, [a], undefined)), [tensor([1, 2, 3], undefined, { dtype: 'float64' })]);
    expect(skewed.ok).toBe(false);
    expect(skewed.maxError).toBeGreaterThan(1e-4);
    expect(skewed.worst?.input).toBe(0);
  });

  it('is what `--order 2` fuzzes: a wrong second derivative fails, shrunk, printed as a gradgradcheck test', () => {
    const target = {
      name: 'detachedCube',
      family: 'test',
      generate: fc.integer({ min: 1, max: 4 }).chain((n) => tensorArb([n], { min: -2, max: 2 })).map((x) => ({
        inputs: [x],
        run: ([a]: readonly Tensor[]) => applyOp(detachedCube, [a], undefined),
        code: ([a]: readonly string[]) => `detachedCube(${a})`,
      })),
    };
    expect(fuzzTarget(target, { seed: 1, runs: 50 }).passed).toBe(true);
    const report = fuzzTarget(target, { seed: 1, runs: 50, order: 2 });
    expect(report.passed).toBe(false);
    expect(report.failure?.test).toContain("it('detachedCube: second derivatives match finite differences of the gradient (seedgrad gradcheck --order 2 --seed 1 --op detachedCube)'");
    expect(report.failure?.test).toContain('const result = gradgradcheck((x0) => detachedCube(x0), [x0]);');
  });

  it('every op in the table supports second order, and the kinked ones say where it is undefined', () => {
    for (const op of opTable()) expect(op.secondOrder, op.name).toBeDefined();
    for (const name of ['relu', 'abs', 'maximum', 'minimum', 'clamp', 'max', 'dense']) expect(findOp(name)?.secondOrder?.undefinedAt, name).toMatch(/\S/);
    for (const name of ['exp', 'tanh', 'matmul', 'binaryCrossEntropyWithLogits', 'mean']) expect(findOp(name)?.secondOrder?.undefinedAt, name).toBeUndefined();
  });
});

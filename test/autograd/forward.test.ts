/** Forward mode: jvp() against derivatives worked by hand, its argument checks, and the rule that every op has a JVP. */
import { describe, expect, it } from 'vitest';
import { add, exp, jvp, matmul, mul, sum, tanh, opTable } from '../../src/autograd/index.ts';
import { defineOp } from '../../src/autograd/define-op.ts';
import { registerOp } from '../../src/autograd/op-table.ts';
import { applyOp, simplePrimitive } from '../../src/autograd/op.ts';
import * as draw from '../../src/autograd/input-spec.ts';
import * as core from '../../src/core.ts';
import { tensor } from '../../src/tensor/create.ts';
import { unaryOp } from '../../src/tensor/elementwise.ts';
import type { Tensor } from '../../src/tensor/tensor.ts';

const f64 = (values: number[], shape?: number[]) => tensor(values, shape, { dtype: 'float64' });

describe('jvp', () => {
  it('gives f(x) and d/dε f(x + ε·u) at ε = 0: exp(x²) → 2x·exp(x²)·u', () => {
    const x = f64([0.5, -1, 2]);
    const u = f64([1, 2, -0.5]);
    const { output, tangent } = jvp((a) => exp(mul(a, a)), [x], [u]);
    expect(Array.from(output.data)).toEqual([0.5, -1, 2].map((v) => Math.exp(v * v)));
    const expected = [0.5, -1, 2].map((v, i) => 2 * v * Math.exp(v * v) * [1, 2, -0.5][i]);
    Array.from(tangent.data).forEach((t, i) => expect(t).toBeCloseTo(expected[i], 12));
  });

  it('adds the tangents of several inputs: d(A·B) = dA·B + A·dB, worked by hand for 2×2', () => {
    const a = f64([1, 2, 3, 4], [2, 2]);
    const b = f64([0, 1, -1, 2], [2, 2]);
    const da = f64([1, 0, 0, 0], [2, 2]);
    const db = f64([0, 0, 0, 1], [2, 2]);
    // dA·B = [[0, 1], [0, 0]]; A·dB = [[0, 2], [0, 4]].
    const { tangent } = jvp((p, q) => matmul(p, q), [a, b], [da, db]);
    expect(tangent.shape).toEqual([2, 2]);
    expect(Array.from(tangent.data)).toEqual([0, 3, 0, 4]);
  });

  it('gives a zero tangent to values that do not depend on the primals, and keeps float32 tangents float32', () => {
    const c = f64([3]);
    const { tangent } = jvp(() => tanh(c), [f64([1])], [f64([1])]);
    expect(Array.from(tangent.data)).toEqual([0]);
    const x = tensor([1, 2], undefined, { dtype: 'float32' });
    const result = jvp((a) => sum(add(a, a)), [x], [tensor([1, 1], undefined, { dtype: 'float32' })]);
    expect(result.tangent.dtype).toBe('float32');
    expect(Array.from(result.tangent.data)).toEqual([4]);
  });

  it('is exported from the public API', () => {
    expect(core.jvp).toBe(jvp);
  });

  it('refuses wrong arguments in one line each', () => {
    const x = f64([1, 2]);
    expect(() => jvp('f' as never, [x], [x])).toThrow(/^jvp: the first argument must be a function/);
    expect(() => jvp((a) => a, [x], [])).toThrow('jvp: the tangents (third argument) must be a list of 1 Tensors, one per primal');
    expect(() => jvp((a) => a, [x], [f64([1, 2, 3])])).toThrow('jvp: tangents[0] is float64 [3], but primals[0] is float64 [2]');
    expect(() => jvp((a) => jvp((b) => b, [a], [a]).output, [x], [x])).toThrow('jvp: a jvp inside another jvp is not supported');
    // The refused nested call leaves forward mode off again.
    expect(jvp((a) => mul(a, 2), [x], [x]).tangent.data[1]).toBe(4);
  });

  it('refuses an op without a forward-mode rule that meets a tangent, naming it', () => {
    const noRule = simplePrimitive('noRule', ([a]) => unaryOp(a, (v) => 2 * v), (g) => [g]);
    expect(() => jvp((a) => applyOp(noRule, [a], undefined), [f64([1])], [f64([1])])).toThrow("jvp: op 'noRule' has no forward-mode rule");
  });
});

describe('registration', () => {
  it('gives every op in the table a JVP or its parts (a composite)', () => {
    for (const op of opTable()) expect(['jvp', 'composite'], op.name).toContain(op.forwardMode);
  });

  it('refuses an op defined without a JVP: a registration error, not a skipped op', () => {
    const definition = {
      name: 'double',
      family: 'test',
      prepare: (a: Tensor) => ({ inputs: [a], attrs: undefined }),
      forward: ([a]: readonly Tensor[]) => unaryOp(a, (v) => 2 * v),
      backward: (g: Tensor) => [unaryOp(g, (v) => 2 * v)],
      arbitraryInputs: draw.unaryArguments(),
    };
    expect(() => defineOp(definition as never)).toThrow("registerOp: op 'double' has no JVP (forward-mode rule): give its definition a jvp, or define it as a composite");
    expect(() => registerOp({ name: 'bare', family: 'test', call: () => f64([1]), arbitraryInputs: draw.unaryArguments() })).toThrow("registerOp: op 'bare' has no JVP");
    expect(opTable().map((op) => op.name)).not.toContain('double');
  });
});

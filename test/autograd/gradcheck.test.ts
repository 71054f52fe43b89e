import { describe, expect, it } from 'vitest';
import { gradcheck, describeWorst, mul, sum, exp } from '../../src/autograd/index.ts';
import { tensor } from '../../src/tensor/create.ts';
import { unaryOp } from '../../src/tensor/elementwise.ts';
import { applyOp, simplePrimitive } from '../../src/autograd/op.ts';
import type { Tensor } from '../../src/tensor/tensor.ts';
import { dotProductCheck } from '../../src/autograd/gradcheck-forward.ts';

// d sin(x)/dx is cos(x); this op claims it is cos(x) + 1e-3 at one element.
const slightlyWrongSin = simplePrimitive(
  'wrongSin',
  ([a]) => unaryOp(a, Math.sin),
  (g, { inputs: [a] }) => {
    const d = unaryOp(a, Math.cos);
    d.data[1] += 1e-3;
    return [mul(g, d)];
  },
);

describe('gradcheck', () => {
  it('accepts correct gradients, in float64 whatever the input dtype', () => {
    const x = tensor([[0.3, -1.2], [2, 0.5]]);
    const result = gradcheck((a: Tensor) => exp(mul(a, a)), [x]);
    expect(result.ok).toBe(true);
    expect(result.maxError).toBeLessThan(1e-8);
  });

  it('catches a gradient that is wrong at one element, and names that element', () => {
    const x = tensor([0.1, 0.2, 0.3], undefined, { dtype: 'float64' });
    const result = gradcheck((a: Tensor) => applyOp(slightlyWrongSin, [a], undefined), [x]);
    expect(result.ok).toBe(false);
    expect(result.worst?.index).toBe(1);
    expect(result.worst?.position).toEqual([1]);
    expect(result.maxError).toBeGreaterThan(5e-4);
    expect(describeWorst(result, [x])).toMatch(/^input 0 at \[1\] of shape \[3\]: autograd .* finite differences .* error/);
  });

  it('checks functions of several inputs and reports zero gradients for unused ones', () => {
    const a = tensor([1, 2], undefined, { dtype: 'float64' });
    const b = tensor([3, 4], undefined, { dtype: 'float64' });
    expect(gradcheck((x: Tensor) => sum(mul(x, x)), [a]).ok).toBe(true);
    expect(gradcheck((x: Tensor, _y: Tensor) => mul(x, 2), [a, b]).ok).toBe(true);
  });

  it('fails an infinite gradient, even when later elements are right', () => {
    const infiniteAtZero = simplePrimitive(
      'infiniteAtZero',
      ([a]) => unaryOp(a, (x) => 2 * x),
      (g) => {
        // d(2x)/dx = 2, but this backward claims ∞ for element 0.
        const grad = unaryOp(g, (x) => 2 * x);
        grad.data[0] = Infinity;
        return [grad];
      },
    );
    const x = tensor([0.1, 0.2, 0.3], undefined, { dtype: 'float64' });
    const result = gradcheck((a: Tensor) => applyOp(infiniteAtZero, [a], undefined), [x]);
    expect(result.ok).toBe(false);
    expect(result.worst?.index).toBe(0);
    expect(result.maxError).toBe(Infinity);
  });

  describe('modes', () => {
    // d sin(x)/dx = cos(x); each op is right in one mode and wrong (by 1e-3 at element 1) in the other.
    const wrongOnlyForward = { ...slightlyWrongSin, backward: (g: Tensor, ctx: { inputs: readonly Tensor[] }) => [mul(g, unaryOp(ctx.inputs[0], Math.cos))], jvp: ([t]: readonly Tensor[], ctx: Parameters<typeof slightlyWrongSin.backward>[1]) => slightlyWrongSin.backward(t, ctx)[0]! };
    const wrongOnlyReverse = { ...slightlyWrongSin, jvp: ([t]: readonly Tensor[], ctx: { inputs: readonly Tensor[] }) => mul(t, unaryOp(ctx.inputs[0], Math.cos)) };
    const x = tensor([0.1, 0.2, 0.3], undefined, { dtype: 'float64' });
    const run = (op: typeof slightlyWrongSin) => (a: Tensor) => applyOp(op, [a], undefined);

    it("'fwd' checks the JVP against finite differences, and finds a wrong one at the output element it breaks", () => {
      const result = gradcheck(run(wrongOnlyForward), [x], { mode: 'fwd' });
      expect(result.ok).toBe(false);
      expect(result.worst?.check).toBe('forward');
      expect(result.worst?.position).toEqual([1]);
      expect(describeWorst(result, [x])).toMatch(/^output at \[1\]: forward mode \(J·u\) .* finite differences along u .* error/);
      expect(gradcheck(run(wrongOnlyReverse), [x], { mode: 'fwd' }).ok).toBe(true);
      expect(gradcheck(run(wrongOnlyForward), [x]).ok).toBe(true);
    });

    it("'both' also runs reverse mode and the dot-product test, so a mistake in either mode fails", () => {
      for (const op of [wrongOnlyForward, wrongOnlyReverse]) expect(gradcheck(run(op), [x], { mode: 'both' }).ok).toBe(false);
      const right = gradcheck((a: Tensor, b: Tensor) => exp(mul(a, b)), [x, tensor([1, -2, 0.5], undefined, { dtype: 'float64' })], { mode: 'both' });
      expect(right.ok).toBe(true);
      expect(right.maxError).toBeLessThan(1e-8);
    });

    it('the dot-product test alone tells the modes apart, with no finite differences', () => {
      const check = dotProductCheck(run(wrongOnlyReverse), [x], 0);
      expect(check.check).toBe('dot');
      expect(check.error).toBeGreaterThan(1e-5);
      expect(dotProductCheck((a: Tensor) => exp(mul(a, a)), [x], 0).error).toBeLessThan(1e-14);
    });

    it('refuses an unknown mode in one line', () => {
      expect(() => gradcheck((a: Tensor) => a, [x], { mode: 'sideways' as never })).toThrow('gradcheck: mode must be one of rev, fwd, both, got the string "sideways"');
    });
  });
});

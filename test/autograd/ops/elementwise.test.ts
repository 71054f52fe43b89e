/** Values and derivatives worked by hand, including the conventions at kinks. */
import { describe, expect, it } from 'vitest';
import { abs, clamp, div, maximum, minimum, pow, relu, softplus, sqrt, sub, sum, log, exp, sigmoid, tanh, neg, square, log1p, add, mul } from '../../../src/autograd/index.ts';
import { tensor } from '../../../src/tensor/create.ts';
import type { Tensor } from '../../../src/tensor/tensor.ts';

const f64 = (values: number[]) => tensor(values, undefined, { dtype: 'float64', requiresGrad: true });
const gradOf = (f: (x: Tensor) => Tensor, values: number[]) => {
  const x = f64(values);
  sum(f(x)).backward();
  return Array.from(x.grad!.data);
};

describe('elementwise ops', () => {
  it('compute the textbook values', () => {
    const x = f64([1, 4]);
    expect(Array.from(sqrt(x).data)).toEqual([1, 2]);
    expect(Array.from(log(x).data)).toEqual([0, Math.log(4)]);
    expect(Array.from(exp(tensor([0], undefined, { dtype: 'float64' })).data)).toEqual([1]);
    expect(Array.from(pow(x, 1.5).data)).toEqual([1, 8]);
    expect(Array.from(div(x, 2).data)).toEqual([0.5, 2]);
    expect(Array.from(sub(1, x).data)).toEqual([0, -3]);
    expect(Array.from(sigmoid(tensor([0, -1e4, 1e4])).data)).toEqual([0.5, 0, 1]);
    expect(Array.from(softplus(tensor([0, -1e4, 1e4], undefined, { dtype: 'float64' })).data)).toEqual([Math.LN2, 0, 1e4]);
    expect(Array.from(neg(square(x)).data)).toEqual([-1, -16]);
    expect(Array.from(log1p(tensor([0])).data)).toEqual([0]);
    expect(Array.from(tanh(tensor([0])).data)).toEqual([0]);
  });

  it('have the textbook derivatives', () => {
    expect(gradOf(sqrt, [4])).toEqual([0.25]);
    expect(gradOf((x) => pow(x, 3), [2])).toEqual([12]);
    expect(gradOf((x) => div(1, x), [2])).toEqual([-0.25]);
    expect(gradOf(sigmoid, [0])).toEqual([0.25]);
    expect(gradOf(tanh, [0])).toEqual([1]);
    expect(gradOf((x) => add(mul(x, 3), 1), [5])).toEqual([3]);
  });

  it('use the usual conventions at kinks: abs and relu have slope 0 at 0, softplus ½', () => {
    expect(gradOf(abs, [-2, 0, 3])).toEqual([-1, 0, 1]);
    expect(gradOf(relu, [-2, 0, 3])).toEqual([0, 0, 1]);
    expect(gradOf(softplus, [0])).toEqual([0.5]);
    // clamp passes the gradient at its bounds, not beyond them
    expect(gradOf((x) => clamp(x, -1, 1), [-2, -1, 0, 1, 2])).toEqual([0, 1, 1, 1, 0]);
  });

  it('route maximum and minimum gradients to the selected operand, the first on ties', () => {
    const a = f64([1, 5, 3]);
    const b = f64([2, 4, 3]);
    sum(maximum(a, b)).backward();
    expect(Array.from(a.grad!.data)).toEqual([0, 1, 1]);
    expect(Array.from(b.grad!.data)).toEqual([1, 0, 0]);
    expect(Array.from(minimum(a, b).data)).toEqual([1, 4, 3]);
    expect(() => clamp(a, 2, 1)).toThrow('clamp: need min <= max, got [2, 1]');
  });

  it('let NaN through, forward and backward, instead of hiding it', () => {
    expect(Array.from(relu(tensor([NaN, -1, 2])).data)).toEqual([NaN, 0, 2]);
    expect(gradOf(relu, [NaN])).toEqual([NaN]);
    const a = f64([NaN]);
    const b = f64([5]);
    sum(maximum(a, b)).backward();
    expect(Array.from(maximum(a, b).data)).toEqual([NaN]);
    expect([a.grad!.item(), b.grad!.item()]).toEqual([1, 0]);
  });

  it('give pow(x, 0) a zero gradient, also at x = 0', () => {
    expect(gradOf((x) => pow(x, 0), [0, 2])).toEqual([0, 0]);
  });
});

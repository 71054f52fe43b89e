import { describe, expect, it } from 'vitest';
import { add, gather, mul, noGrad, square, sum, tanh, isGradEnabled } from '../../src/autograd/index.ts';
import { tensor } from '../../src/tensor/create.ts';
import { applyOp, simplePrimitive } from '../../src/autograd/op.ts';

const f64 = (values: number[] | number[][], requiresGrad = true) => tensor(values, undefined, { dtype: 'float64', requiresGrad });

describe('backward', () => {
  it('differentiates a small expression (worked by hand)', () => {
    // L = Σ (x·y + x²),  dL/dx = y + 2x,  dL/dy = x
    const x = f64([1, 2]);
    const y = f64([3, -1]);
    sum(add(mul(x, y), square(x))).backward();
    expect(Array.from(x.grad!.data)).toEqual([5, 3]);
    expect(Array.from(y.grad!.data)).toEqual([1, 2]);
  });

  it('accumulates the gradient of a tensor used more than once', () => {
    // L = Σ x·x·x = Σ x³,  dL/dx = 3x²
    const x = f64([2, -3]);
    const xx = mul(x, x);
    sum(mul(xx, x)).backward();
    expect(Array.from(x.grad!.data)).toEqual([12, 27]);
  });

  it('keeps a lookup table\'s gradient (stored without a copy) apart from later ones: each backward adds to a new tensor', () => {
    // L = Σ rows [1, 1, 0] of T, weighted by w: dL/dT[r] = Σ of w over the lookups of row r (by hand)
    const table = f64([[1, 2], [3, 4], [5, 6]]);
    const w = f64([[1, 10], [100, 1000], [2, 20]], false);
    sum(mul(gather(table, [1, 1, 0]), w)).backward();
    const first = table.grad!;
    expect(Array.from(first.data)).toEqual([2, 20, 101, 1010, 0, 0]);
    sum(mul(gather(table, [2, 1]), f64([[1, 10], [100, 1000]], false))).backward();
    expect(Array.from(first.data)).toEqual([2, 20, 101, 1010, 0, 0]); // untouched by the second pass
    expect(Array.from(table.grad!.data)).toEqual([2, 20, 201, 2010, 1, 10]); // row 1 += [100, 1000], row 2 += [1, 10]
    // A table used by two lookups in one pass: both contributions, as one gradient.
    const twice = f64([[1], [2]]);
    sum(add(gather(twice, [0, 0]), gather(twice, [1, 0]))).backward();
    expect(Array.from(twice.grad!.data)).toEqual([3, 1]);
  });

  it('sums gradients over broadcast axes', () => {
    // L = Σ_ij (a_ij + b_j),  dL/db_j = number of rows
    const a = f64([[1, 2, 3], [4, 5, 6]]);
    const b = f64([10, 20, 30]);
    sum(add(a, b)).backward();
    expect(b.grad!.shape).toEqual([3]);
    expect(Array.from(b.grad!.data)).toEqual([2, 2, 2]);
    expect(a.grad!.shape).toEqual([2, 3]);
  });

  it('accumulates into leaves across backward calls until zeroed', () => {
    const x = f64([1]);
    sum(mul(x, 3)).backward();
    sum(mul(x, 3)).backward();
    expect(x.grad!.item()).toBe(6);
    x.zeroGrad();
    expect(x.grad).toBeNull();
  });

  it('records nothing under noGrad and after detach', () => {
    const x = f64([1, 2]);
    const y = noGrad(() => mul(x, 2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(isGradEnabled()).toBe(true);
    const z = mul(x, 2).detach();
    expect(z.requiresGrad).toBe(false);
    expect(() => sum(z).backward()).toThrow(/does not require grad/);
  });

  it('needs a seed for a non-scalar root and checks its shape', () => {
    const x = f64([1, 2]);
    const y = mul(x, 2);
    expect(() => y.backward()).toThrow('backward: a tensor of shape [2] needs an explicit gradient seed; only one-element tensors default to 1');
    expect(() => y.backward(f64([1, 2, 3], false))).toThrow(/seed float64 \[3\] does not match the tensor's float64 \[2\]/);
    y.backward(f64([1, 10], false));
    expect(Array.from(x.grad!.data)).toEqual([2, 20]);
  });

  it('walks very deep graphs without overflowing the stack', () => {
    const x = f64([0.5]);
    let y = x;
    for (let i = 0; i < 50_000; i++) y = add(y, 0);
    sum(tanh(y)).backward();
    expect(x.grad!.item()).toBeCloseTo(1 - Math.tanh(0.5) ** 2, 12);
  });

  it('reports an op whose gradient has the wrong shape, with both shapes', () => {
    const broken = simplePrimitive('broken', ([a]) => a.clone(), () => [f64([1, 2, 3], false)]);
    const x = f64([1, 2]);
    expect(() => sum(applyOp(broken, [x], undefined)).backward()).toThrow(
      "backward: op 'broken' gave input 0 a float64 gradient of shape [3], but the input is float64 [2]",
    );
  });
});

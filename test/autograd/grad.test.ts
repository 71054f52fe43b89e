import { describe, expect, it } from 'vitest';
import { add, binaryCrossEntropyWithLogits, dense, gather, matmul, mul, noGrad, relu, square, sum, tanh } from '../../src/autograd/index.ts';
import { grad, hvp, hessianOperator } from '../../src/autograd/grad.ts';
import { tensor } from '../../src/tensor/create.ts';
import { unaryOp } from '../../src/tensor/elementwise.ts';
import { applyOp, simplePrimitive } from '../../src/autograd/op.ts';
import { createRng } from '../../src/random.ts';
import type { Tensor } from '../../src/tensor/tensor.ts';

const f64 = (values: number[] | number[][], requiresGrad = true) => tensor(values, undefined, { dtype: 'float64', requiresGrad });
const values = (t: Tensor) => Array.from(t.data);

describe('grad', () => {
  it('gives the same bits as backward() on the fast path, and leaves .grad alone', () => {
    const x = f64([[0.3, -1.2], [2, 0.7]]);
    const w = f64([0.5, -0.25]);
    const loss = () => sum(tanh(add(matmul(x, x, { transposeB: true }), sum(w))));
    const [gx, gw] = grad(loss, [x, w]);
    expect(x.grad).toBeNull();
    loss().backward();
    expect(values(gx)).toEqual(values(x.grad!));
    expect(values(gw)).toEqual(values(w.grad!));
    expect(gx.requiresGrad).toBe(false);
  });

  it('differentiates a gradient again (worked by hand: Σx³ → 3x² → 6x → 6)', () => {
    const x = f64([1, 2, -1]);
    const [g] = grad(() => sum(mul(mul(x, x), x)), [x], { createGraph: true });
    expect(values(g)).toEqual([3, 12, 3]);
    expect(g.requiresGrad).toBe(true);
    const [h] = grad(() => sum(g), [x], { createGraph: true });
    expect(values(h)).toEqual([6, 12, -6]);
    const [third] = grad(() => sum(h), [x]);
    expect(values(third)).toEqual([6, 6, 6]);
  });

  it('sums second derivatives over broadcast axes (f = Σ x²·y with y broadcast over rows, by hand)', () => {
    // ∂²f/∂x_ij² = 2y_j, ∂²f/∂x_ij∂y_j = 2x_ij, ∂²f/∂y_j² = 0, so with directions (a, b):
    // (Hv)_x,ij = 2y_j·a_ij + 2x_ij·b_j and (Hv)_y,j = Σ_i 2x_ij·a_ij.
    const x = f64([[1, 2], [3, -1], [0.5, 4]]);
    const y = f64([2, -3]);
    const a = f64([[1, 0], [0, 1], [2, -1]], false);
    const b = f64([0.5, 1], false);
    const [hx, hy] = hvp(() => sum(mul(square(x), y)), [x, y], [a, b]);
    const expectX = [2 * 2 * 1 + 2 * 1 * 0.5, 2 * -3 * 0 + 2 * 2 * 1, 2 * 2 * 0 + 2 * 3 * 0.5, 2 * -3 * 1 + 2 * -1 * 1, 2 * 2 * 2 + 2 * 0.5 * 0.5, 2 * -3 * -1 + 2 * 4 * 1];
    expect(values(hx)).toEqual(expectX);
    expect(values(hy)).toEqual([2 * (1 * 1 + 3 * 0 + 0.5 * 2), 2 * (2 * 0 + -1 * 1 + 4 * -1)]);
  });

  it('differentiates through the cast of mixed dtypes: each second derivative comes back in its input\'s dtype', () => {
    // f = Σ x²·y with x float32 and y float64 (promoted): (Hv)_x = 2y·a + 2x·b, (Hv)_y = 2x·a.
    const x = tensor([1.5, -2], undefined, { requiresGrad: true });
    const y = f64([3, 0.25]);
    const [hx, hy] = hvp(() => sum(mul(square(x), y)), [x, y], [tensor([1, 2]), f64([-1, 4], false)]);
    expect(hx.dtype).toBe('float32');
    expect(hy.dtype).toBe('float64');
    expect(values(hx)).toEqual([2 * 3 * 1 + 2 * 1.5 * -1, 2 * 0.25 * 2 + 2 * -2 * 4]);
    expect(values(hy)).toEqual([2 * 1.5 * 1, 2 * -2 * 2]);
  });

  it('gives H·v = A·v for the quadratic ½xᵀAx', () => {
    const A = f64([[4, 1, 0], [1, 3, -1], [0, -1, 2]], false);
    const x = f64([[0.2], [-0.7], [1.1]]);
    const loss = () => mul(sum(mul(x, matmul(A, x))), 0.5);
    const operator = hessianOperator(loss, [x]);
    for (const v of [[1, 0, 0], [0, 1, 0], [0.5, -2, 3]]) {
      const [hv] = operator([tensor(v.map((e) => [e]), undefined, { dtype: 'float64' })]);
      expect(values(hv)).toEqual([4 * v[0] + v[1], v[0] + 3 * v[1] - v[2], -v[1] + 2 * v[2]]);
    }
  });

  it('works inside noGrad, and gives zeros where f does not depend on a parameter or is linear in it', () => {
    const x = f64([1, 2]);
    const unused = f64([5]);
    const [g, none] = noGrad(() => grad(() => sum(mul(x, 3)), [x, unused], { createGraph: true }));
    expect(values(g)).toEqual([3, 3]);
    expect(values(none)).toEqual([0]);
    expect(values(hvp(() => sum(mul(x, 3)), [x], [f64([1, 1], false)])[0])).toEqual([0, 0]);
  });

  it('takes relu and the NeuMF ops to second order (their Hessian-vector products against finite differences of gradients)', () => {
    // A small NeuMF-like loss: embedding rows, a dense ReLU layer with dropout, BCE on logits.
    const rng = createRng(3);
    const table = tensor(Array.from({ length: 12 }, () => rng.uniformIn(-1, 1)), [4, 3], { dtype: 'float64', requiresGrad: true });
    const kernel = tensor(Array.from({ length: 6 }, () => rng.uniformIn(-1, 1)), [3, 2], { dtype: 'float64', requiresGrad: true });
    const bias = tensor([0.1, -0.2], [2], { dtype: 'float64', requiresGrad: true });
    const out = tensor([[0.7], [-1.3]], undefined, { dtype: 'float64', requiresGrad: true });
    const labels = tensor([[1], [0], [1], [1], [0]], undefined, { dtype: 'float64' });
    const params = [table, kernel, bias, out];
    const loss = () => {
      const hidden = dense(gather(table, [0, 2, 2, 3, 1]), kernel, bias, 'relu', { rate: 0.3, rng: createRng(9).fork('dropout') });
      return binaryCrossEntropyWithLogits(matmul(relu(add(hidden, 0.05)), out), labels);
    };
    const v = params.map((p) => tensor(Array.from({ length: p.size }, () => rng.uniformIn(-1, 1)), p.shape, { dtype: 'float64' }));
    const hv = hvp(loss, params, v);
    // (∇L(θ + εv) - ∇L(θ - εv)) / 2ε
    const eps = 1e-6;
    const shifted = (sign: number) => {
      params.forEach((p, i) => p.data.forEach((_, k) => (p.data[k] += sign * eps * v[i].data[k])));
      const g = grad(loss, params);
      params.forEach((p, i) => p.data.forEach((_, k) => (p.data[k] -= sign * eps * v[i].data[k])));
      return g;
    };
    const plus = shifted(1);
    const minus = shifted(-1);
    hv.forEach((h, i) => h.data.forEach((value, k) => expect(value).toBeCloseTo((plus[i].data[k] - minus[i].data[k]) / (2 * eps), 7)));
    expect(hv.some((h) => h.data.some((value) => Math.abs(value) > 1e-3))).toBe(true);
  });

  it('refuses bad arguments in one line', () => {
    const x = f64([1, 2]);
    expect(() => grad(() => sum(x), [f64([1], false)])).toThrow('grad: params[0] does not require grad (requireGrad() it first)');
    expect(() => grad(() => mul(x, 2), [x])).toThrow('grad: the function must return a one-element tensor (a loss), got shape [2]');
    expect(() => grad(sum(x) as never, [x])).toThrow('grad: the first argument must be a function returning a one-element Tensor (a loss), got a Tensor');
    expect(() => hvp(() => sum(square(x)), [x], [f64([1, 2, 3], false)])).toThrow('hvp: vectors[0] must be a float64 Tensor of shape [2] like params[0], got float64 [3]');
  });

  it('says which op cannot be differentiated twice', () => {
    const cube = simplePrimitive('cubeWithoutSecondOrder', ([a]) => unaryOp(a, (v) => v ** 3), (g, { inputs: [a] }) => [mul(g, unaryOp(a, (v) => 3 * v * v))]);
    const x = f64([1, 2]);
    expect(values(grad(() => sum(applyOp(cube, [x], undefined)), [x])[0])).toEqual([3, 12]);
    expect(() => grad(() => sum(applyOp(cube, [x], undefined)), [x], { createGraph: true })).toThrow(
      "grad: op 'cubeWithoutSecondOrder' has no differentiable backward, so its gradient cannot be differentiated (createGraph)",
    );
  });
});

import { describe, expect, it } from 'vitest';
import { binaryCrossEntropyWithLogits, sum } from '../../../src/autograd/index.ts';
import { tensor } from '../../../src/tensor/create.ts';
import { sigmoidValue } from '../../../src/tensor/elementwise.ts';

const f64 = (values: number[], requiresGrad = false) => tensor(values, undefined, { dtype: 'float64', requiresGrad });

describe('binaryCrossEntropyWithLogits', () => {
  it('equals -[y log σ(z) + (1-y) log(1-σ(z))] for moderate logits', () => {
    const z = [0.5, -1.5, 2];
    const y = [1, 0, 0.25];
    const sigma = (x: number) => 1 / (1 + Math.exp(-x));
    const expected = z.map((zi, i) => -(y[i] * Math.log(sigma(zi)) + (1 - y[i]) * Math.log(1 - sigma(zi))));
    const losses = binaryCrossEntropyWithLogits(f64(z), f64(y), 'none');
    losses.data.forEach((l, i) => expect(l).toBeCloseTo(expected[i], 14));
    expect(binaryCrossEntropyWithLogits(f64(z), f64(y)).item()).toBeCloseTo(expected.reduce((a, b) => a + b) / 3, 14);
    expect(binaryCrossEntropyWithLogits(f64(z), f64(y), 'sum').item()).toBeCloseTo(expected.reduce((a, b) => a + b), 14);
  });

  it('stays finite and exact at logits of ±1e4, in float64 and float32', () => {
    // A confident right answer costs log1p(e^-1e4) = 0; a confident wrong one costs exactly |z|.
    for (const dtype of ['float64', 'float32'] as const) {
      const z = tensor([1e4, -1e4, 1e4, -1e4], undefined, { dtype, requiresGrad: true });
      const y = tensor([1, 0, 0, 1], undefined, { dtype });
      const losses = binaryCrossEntropyWithLogits(z, y, 'none');
      expect(Array.from(losses.data)).toEqual([0, 0, 1e4, 1e4]);
      binaryCrossEntropyWithLogits(z, y, 'sum').backward();
      // ∂ℓ/∂z = σ(z) - y
      expect(Array.from(z.grad!.data)).toEqual([0, 0, 1, -1]);
    }
  });

  it('has gradient (σ(z) - y)/n for the mean (worked by hand at z = 0)', () => {
    const z = f64([0, 0], true);
    binaryCrossEntropyWithLogits(z, f64([1, 0])).backward();
    expect(Array.from(z.grad!.data)).toEqual([-0.25, 0.25]);
  });

  it('has the gradient g·(σ(z) − y) with σ as the sigmoid op computes it, bit for bit, at every kind of logit', () => {
    // The backward reuses the forward's e^−|z|; it must give sigmoidValue's bits exactly.
    const z = [0, -0, 1e-30, -1e-30, 0.5, -0.5, 3.25, -3.25, 37, -37, 88.8, -745, 1e4, -1e4, Infinity, -Infinity, NaN];
    const y = z.map((_, i) => [0, 1, 0.25][i % 3]!);
    for (const dtype of ['float64', 'float32'] as const) {
      for (const reduction of ['mean', 'sum', 'none'] as const) {
        const logits = tensor(z, undefined, { dtype, requiresGrad: true });
        const labels = tensor(y, undefined, { dtype, requiresGrad: true });
        const loss = binaryCrossEntropyWithLogits(logits, labels, reduction);
        (reduction === 'none' ? sum(loss) : loss).backward();
        const scale = reduction === 'mean' ? 1 / z.length : 1;
        const round = dtype === 'float32' ? Math.fround : (v: number) => v;
        const want = Array.from(logits.data, (zi, i) => round(scale * (sigmoidValue(zi) - labels.data[i]!)));
        expect(Array.from(logits.grad!.data).map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(want.map((v) => Object.is(v, -0) ? '-0' : v));
      }
    }
  });

  it('names both shapes when they differ', () => {
    expect(() => binaryCrossEntropyWithLogits(f64([1, 2]), f64([1]))).toThrow('binaryCrossEntropyWithLogits: logits [2] and labels [1] must have the same shape');
  });
});

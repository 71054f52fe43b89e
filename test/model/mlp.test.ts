import { describe, expect, it } from 'vitest';
import { Mlp } from '../../src/model/index.ts';
import { createRng } from '../../src/random.ts';
import { describeWorst, gradcheckParameters, mean, square } from '../../src/autograd/index.ts';
import { tensor } from '../../src/tensor/create.ts';

describe('Mlp', () => {
  it('names its layers dense0…, output, with Glorot-uniform kernels within their limit and zero biases', () => {
    const model = new Mlp({ inputDim: 3, width: 5, depth: 2, activation: 'tanh', dtype: 'float64' }, createRng(4));
    expect(model.namedParameters().map(([name, t]) => `${name} [${t.shape}]`)).toEqual([
      'dense0.kernel [3,5]', 'dense0.bias [5]', 'dense1.kernel [5,5]', 'dense1.bias [5]', 'output.kernel [5,1]', 'output.bias [1]',
    ]);
    const [, kernel] = model.namedParameters()[0];
    // Glorot & Bengio (2010), eq. 16: |w| <= sqrt(6 / (fanIn + fanOut)).
    expect(Math.max(...Array.from(kernel.data, Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 8));
    expect(Array.from(model.namedParameters()[1][1].data)).toEqual([0, 0, 0, 0, 0]);
  });

  it('computes tanh(x·W + b)·v + c, worked by hand for one hidden unit', () => {
    const model = new Mlp({ inputDim: 2, width: 1, depth: 1, activation: 'tanh', dtype: 'float64' }, createRng(0));
    const [[, W], [, b], [, v], [, c]] = model.namedParameters();
    W.data.set([0.5, -1]);
    b.data.set([0.25]);
    v.data.set([2]);
    c.data.set([-0.5]);
    const out = model.forward(tensor([[1, 2], [-3, 0.5]], undefined, { dtype: 'float64' }));
    expect(out.shape).toEqual([2]);
    expect(out.data[0]).toBeCloseTo(2 * Math.tanh(0.5 - 2 + 0.25) - 0.5, 15);
    expect(out.data[1]).toBeCloseTo(2 * Math.tanh(-1.5 - 0.5 + 0.25) - 0.5, 15);
  });

  it('is a linear model at depth 0, and relu clips negative pre-activations', () => {
    const linear = new Mlp({ inputDim: 2, width: 7, depth: 0, activation: 'relu', dtype: 'float64' }, createRng(0));
    expect(linear.namedParameters().map(([name]) => name)).toEqual(['output.kernel', 'output.bias']);
    const relu = new Mlp({ inputDim: 1, width: 1, depth: 1, activation: 'relu', dtype: 'float64' }, createRng(0));
    const [[, W], [, b], [, v], [, c]] = relu.namedParameters();
    W.data.set([1]);
    b.data.set([0]);
    v.data.set([3]);
    c.data.set([1]);
    expect(Array.from(relu.forward(tensor([[-2], [2]], undefined, { dtype: 'float64' })).data)).toEqual([1, 7]);
  });

  it('has gradients that agree with finite differences (tanh and relu)', () => {
    for (const activation of ['tanh', 'relu'] as const) {
      const model = new Mlp({ inputDim: 3, width: 4, depth: 2, activation, dtype: 'float64' }, createRng(2));
      const x = tensor([[0.3, -1.2, 0.8], [1.1, 0.4, -0.6]], undefined, { dtype: 'float64' });
      const result = gradcheckParameters(() => mean(square(model.forward(x))), model.parameters());
      expect(result.ok, describeWorst(result, model.parameters())).toBe(true);
    }
  });
});

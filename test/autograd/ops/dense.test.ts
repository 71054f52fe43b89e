/** The fused dense op gives the bits of the unfused matmul → add → relu (→ dropout) chain, forward and backward, in float32. */
import { describe, expect, it } from 'vitest';
import { Tensor, add, dense, dropout, matmul, relu, sum, mul } from '../../../src/index.ts';
import { createRng } from '../../../src/random.ts';
import { randomFloats } from '../../backend/reference.ts';

function leaf(values: Float32Array, shape: number[]): Tensor {
  return new Tensor(values.slice(), shape).requireGrad();
}

describe('dense', () => {
  for (const activation of ['relu', 'linear'] as const) {
    it(`${activation}: same forward and gradients as matmul + add${activation === 'relu' ? ' + relu' : ''}, bit for bit`, () => {
      const [m, k, n] = [37, 19, 11];
      const x = randomFloats(m * k, 1), w = randomFloats(k * n, 2), b = randomFloats(n, 3), g = randomFloats(m * n, 4);
      const run = (fused: boolean) => {
        const [xt, wt, bt] = [leaf(x, [m, k]), leaf(w, [k, n]), leaf(b, [n])];
        const linear = () => add(matmul(xt, wt), bt);
        const y = fused ? dense(xt, wt, bt, activation) : activation === 'relu' ? relu(linear()) : linear();
        sum(mul(y, new Tensor(g, [m, n]))).backward();
        return [y.data, xt.grad!.data, wt.grad!.data, bt.grad!.data];
      };
      const fused = run(true);
      const chain = run(false);
      fused.forEach((data, i) => expect(data).toEqual(chain[i]));
    });
  }

  // On the js backend, n = 12 is a width the WebAssembly kernel's mask epilogue takes; n = 11 goes to the loops by parts.
  for (const [activation, n] of [['relu', 12], ['relu', 11], ['linear', 12]] as const) {
    it(`${activation} with dropout, n = ${n}: the bits and draws of dense then dropout, forward and backward`, () => {
      const [m, k] = [37, 19];
      const x = randomFloats(m * k, 5), w = randomFloats(k * n, 6), b = randomFloats(n, 7), g = randomFloats(m * n, 8);
      const run = (fused: boolean) => {
        const [xt, wt, bt] = [leaf(x, [m, k]), leaf(w, [k, n]), leaf(b, [n])];
        const rng = createRng(11).fork('dropout');
        const y = fused ? dense(xt, wt, bt, activation, { rate: 0.4, rng }) : dropout(dense(xt, wt, bt, activation), 0.4, rng);
        sum(mul(y, new Tensor(g, [m, n]))).backward();
        return [y.data, xt.grad!.data, wt.grad!.data, bt.grad!.data, Float64Array.of(rng.uniform())];
      };
      const fused = run(true);
      const chain = run(false);
      expect(fused[0].filter((v) => v === 0).length).toBeGreaterThan(m * n * 0.3); // dropout did drop
      fused.forEach((data, i) => expect(data).toEqual(chain[i]));
    });
  }

  it('names the shapes that do not chain', () => {
    const x = new Tensor(new Float32Array(6), [2, 3]);
    expect(() => dense(x, new Tensor(new Float32Array(8), [4, 2]), new Tensor(new Float32Array(2), [2]))).toThrow('dense: x [2, 3], kernel [4, 2], bias [2]: sizes do not chain');
  });
});

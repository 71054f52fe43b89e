/** dropout(dense(x)) runs as the fused dense op below the model code, with the bits and draws of the two ops. */
import { describe, expect, it } from 'vitest';
import { Tensor, add, dense, dropout, mul, sum } from '../../src/index.ts';
import { createRng } from '../../src/random.ts';
import { randomFloats } from '../backend/reference.ts';

const [m, k, n] = [9, 5, 12];
const x = randomFloats(m * k, 21), w = randomFloats(k * n, 22), b = randomFloats(n, 23), g = randomFloats(m * n, 24);

function run(apply: (xt: Tensor, wt: Tensor, bt: Tensor) => Tensor): Float32Array[] {
  const [xt, wt, bt] = [new Tensor(x.slice(), [m, k]).requireGrad(), new Tensor(w.slice(), [k, n]).requireGrad(), new Tensor(b.slice(), [n]).requireGrad()];
  const y = apply(xt, wt, bt);
  sum(mul(y, new Tensor(g, [m, n]))).backward();
  return [y.data, xt.grad!.data, wt.grad!.data, bt.grad!.data] as Float32Array[];
}

describe('dense → dropout fusion', () => {
  const fusedByArgument = run((xt, wt, bt) => dense(xt, wt, bt, 'relu', { rate: 0.3, rng: createRng(4).fork('dropout') }));

  it('dropout(dense(x)) is the dense op with the dropout argument, bit for bit', () => {
    const written = run((xt, wt, bt) => dropout(dense(xt, wt, bt, 'relu'), 0.3, createRng(4).fork('dropout')));
    written.forEach((data, i) => expect(data).toEqual(fusedByArgument[i]));
    expect(written[0].filter((v) => v === 0).length).toBeGreaterThan(m * n * 0.3);
  });

  it('a dense output read before the dropout is not fused, and gives the same bits here', () => {
    const unfused = run((xt, wt, bt) => {
      const y = dense(xt, wt, bt, 'relu');
      void y.data;
      return dropout(y, 0.3, createRng(4).fork('dropout'));
    });
    unfused.forEach((data, i) => expect(data).toEqual(fusedByArgument[i]));
  });

  it('the dense output keeps its own value and gradient when a dropout fused into it', () => {
    const both = run((xt, wt, bt) => {
      const y = dense(xt, wt, bt, 'relu');
      const dropped = dropout(y, 0.3, createRng(4).fork('dropout'));
      return add(dropped, y);
    });
    const separate = run((xt, wt, bt) => {
      const y = dense(xt, wt, bt, 'relu');
      void y.data;
      return add(dropout(y, 0.3, createRng(4).fork('dropout')), y);
    });
    // The same values; the gradients are summed in another order (two dense backwards, not one), so they agree to rounding.
    expect(both[0]).toEqual(separate[0]);
    both.slice(1).forEach((data, i) => data.forEach((v, j) => expect(v).toBeCloseTo(separate[i + 1][j], 4)));
  });

  it('evaluation mode and rate 0 leave the dense output as it is', () => {
    const plain = run((xt, wt, bt) => dense(xt, wt, bt, 'relu'));
    const rng = createRng(4).fork('dropout');
    const before = rng.state();
    run((xt, wt, bt) => dropout(dense(xt, wt, bt, 'relu'), 0.3, rng, false)).forEach((data, i) => expect(data).toEqual(plain[i]));
    run((xt, wt, bt) => dropout(dense(xt, wt, bt, 'relu'), 0, rng)).forEach((data, i) => expect(data).toEqual(plain[i]));
    expect(rng.state()).toEqual(before);
  });
});

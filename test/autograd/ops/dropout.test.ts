import { describe, expect, it } from 'vitest';
import { dropout, sum } from '../../../src/autograd/index.ts';
import { ones } from '../../../src/tensor/create.ts';
import { createRng } from '../../../src/random.ts';

describe('dropout', () => {
  it('zeroes about `rate` of the elements and scales the rest by 1/(1 - rate)', () => {
    const out = dropout(ones([10_000], { dtype: 'float64' }), 0.4, createRng(1).fork('dropout'));
    const kept = Array.from(out.data).filter((v) => v !== 0);
    expect(new Set(kept)).toEqual(new Set([1 / 0.6]));
    // 6000 expected, standard deviation sqrt(10000·0.4·0.6) ≈ 49.
    expect(Math.abs(kept.length - 6000)).toBeLessThan(250);
  });

  it('draws the same mask from the same stream, and a new mask as the stream advances', () => {
    const x = ones([64]);
    const a = dropout(x, 0.5, createRng(9).fork('dropout'));
    const b = dropout(x, 0.5, createRng(9).fork('dropout'));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const stream = createRng(9).fork('dropout');
    dropout(x, 0.5, stream);
    expect(Array.from(dropout(x, 0.5, stream).data)).not.toEqual(Array.from(a.data));
  });

  it('passes the gradient through the same mask', () => {
    const x = ones([32], { dtype: 'float64', requiresGrad: true });
    const out = dropout(x, 0.25, createRng(3).fork('dropout'));
    sum(out).backward();
    expect(Array.from(x.grad!.data)).toEqual(Array.from(out.data));
  });

  it('is the identity in evaluation mode and at rate 0, and rejects rates outside [0, 1)', () => {
    const x = ones([4]);
    expect(dropout(x, 0.4, createRng(1), false)).toBe(x);
    expect(dropout(x, 0, createRng(1))).toBe(x);
    expect(() => dropout(x, 1, createRng(1))).toThrow('dropout: rate must be in [0, 1), got 1');
  });
});

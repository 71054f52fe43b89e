/**
 * modelScorer: the model's logits in evaluation mode, computed on its own arena's arrays
 * (resident in the js backend's memory) with the bits of a plain forward pass, returned as
 * copies that later calls leave alone, the model's mode restored; `release()` gives the
 * arena's arrays back to the backend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelScorer } from '../../src/eval/scorers.ts';
import { Recommender } from '../../src/model/index.ts';
import { createRng } from '../../src/random.ts';
import { noGrad } from '../../src/autograd/index.ts';
import { closeBackend, setBackend } from '../../src/backend/index.ts';

const config = { kind: 'neumf' as const, numUsers: 40, numItems: 300, embedDim: 16, dropout: 0.4, dtype: 'float32' as const };
beforeAll(() => setBackend('js', { threads: 2 }));
afterAll(() => closeBackend());

const bits = (a: ArrayLike<number>) => Buffer.from(Float32Array.from(a).buffer);

describe('modelScorer', () => {
  it('gives the logits of a plain eval-mode forward pass, as copies that later calls leave alone', () => {
    const model = new Recommender(config, createRng(3));
    const users = Int32Array.from({ length: 4096 }, (_, i) => i % 40);
    const items = Int32Array.from({ length: 4096 }, (_, i) => (i * 7) % 300);
    model.eval();
    const want = noGrad(() => Float32Array.from(model.forward(users, items).data));
    model.train();
    const score = modelScorer(model);
    const first = score(users, items);
    const otherItems = items.slice().reverse();
    const second = score(users, otherItems); // same sizes: the arena hands out the same arrays again
    expect(bits(first).equals(bits(want))).toBe(true); // unchanged by the second call
    model.eval();
    expect(bits(second).equals(bits(noGrad(() => model.forward(users, otherItems).data)))).toBe(true);
    model.train();
    expect(model.training).toBe(true);
    score(users, items);
    expect(model.training).toBe(true); // the scorer restores the mode it found
    score.release();
    expect(bits(score(users, items)).equals(bits(want))).toBe(true); // and works again after a release
  });
});

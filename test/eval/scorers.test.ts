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
import { activeBackend, closeBackend, setBackend, type KernelBackend } from '../../src/backend/index.ts';

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

  it('keeps its arrays across calls of two sizes (the evaluator\'s full chunks and its last), allocating none once warm, and gives them all back', () => {
    const model = new Recommender(config, createRng(4));
    const backend = activeBackend() as { -readonly [K in keyof KernelBackend]: KernelBackend[K] };
    const { allocateParameter, releaseParameter } = backend;
    const counts = { allocated: 0, released: 0 };
    backend.allocateParameter = (dtype, length) => (counts.allocated++, allocateParameter.call(backend, dtype, length));
    backend.releaseParameter = (array) => (counts.released++, releaseParameter.call(backend, array));
    try {
      const score = modelScorer(model);
      const [full, last] = [Int32Array.from({ length: 1000 }, (_, i) => i % 40), Int32Array.from({ length: 300 }, (_, i) => i % 40)];
      score(full, full);
      score(last, last);
      const warm = counts.allocated;
      expect(warm).toBeGreaterThan(0);
      for (let epoch = 0; epoch < 3; epoch++) {
        score(full, full);
        score(last, last);
      }
      expect(counts.allocated).toBe(warm);
      score.release();
      expect(counts.released).toBe(warm);
    } finally {
      Object.assign(backend, { allocateParameter, releaseParameter });
    }
  });
});

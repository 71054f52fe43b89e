import { describe, expect, it } from 'vitest';
import { evaluateFullRanking, evaluateSampled } from '../../src/eval/evaluator.ts';
import { popularityScorer } from '../../src/eval/scorers.ts';

describe('evaluateSampled', () => {
  it('ranks each user row with its held-out item first', () => {
    // Score = the item id. User 0: test 5 vs 1, 2 → rank 0. User 1: test 3 vs 4, 9 → rank 2.
    const candidates = Int32Array.from([5, 1, 2, 3, 4, 9]);
    const seen: number[] = [];
    const result = evaluateSampled((users, items) => {
      seen.push(...users);
      return Float64Array.from(items);
    }, candidates, 3, 1);
    expect(Array.from(result.ranks)).toEqual([0, 2]);
    expect(seen).toEqual([0, 0, 0, 1, 1, 1]);
    expect(result.hitRate).toBe(0.5);
    expect(result.ndcg).toBe(0.5);
  });

  it('works across scoring chunks (many users)', () => {
    const users = 20_000;
    const candidates = new Int32Array(users * 3);
    for (let u = 0; u < users; u++) candidates.set([u % 2 === 0 ? 10 : 0, 5, 6], u * 3);
    const result = evaluateSampled(popularityScorer(Array.from({ length: 11 }, (_, i) => i)), candidates, 3, 1);
    expect(result.hitRate).toBe(0.5);
    expect(result.ranks[1]).toBe(2);
  });

  it('rejects candidates that do not split into rows', () => {
    expect(() => evaluateSampled(() => [], new Int32Array(5), 3, 1)).toThrow('evaluateSampled: 5 candidates cannot be split into rows of 3');
  });
});

describe('evaluateFullRanking', () => {
  it('ranks against every item the user has not trained on', () => {
    // 5 items scored by id. User 0 holds out item 2 and trained on item 4: items 3 rank above → rank 1.
    // User 1 holds out item 1, trained on nothing: items 2, 3, 4 above → rank 3.
    const train = [[4], []];
    const result = evaluateFullRanking((_, items) => Float64Array.from(items), { numItems: 5, testItems: Int32Array.from([2, 1]), trainItemsOf: (u) => train[u] }, 2);
    expect(Array.from(result.ranks)).toEqual([1, 3]);
    expect(result.hitRate).toBe(0.5);
  });
});

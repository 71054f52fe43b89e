import { describe, expect, it } from 'vitest';
import { pessimisticRank, rankingMetrics } from '../../src/eval/metrics.ts';

describe('ranking metrics', () => {
  it('counts the negatives scoring at least as high as the test item, ties against the model', () => {
    // test item 0.5; negatives 0.9 (above), 0.5 (tie), 0.1 (below)
    expect(pessimisticRank([0.5, 0.9, 0.5, 0.1], 0, 3)).toBe(2);
    expect(pessimisticRank([7, 7, 7, 7], 0, 3)).toBe(3);
    expect(pessimisticRank([9, 1, 2, 3], 0, 3)).toBe(0);
    expect(pessimisticRank([1, 2, 0.3, 0.5, 0.2], 2, 2)).toBe(1);
    expect(pessimisticRank([NaN, 0, 0], 0, 2)).toBe(2);
    expect(pessimisticRank([1, NaN, 0], 0, 2)).toBe(1);
  });

  it('gives HR@K and NDCG@K as the protocol defines them (worked by hand)', () => {
    // ranks 0, 1, 9, 10 at K = 10: hits for the first three;
    // NDCG = (1/log2(2) + 1/log2(3) + 1/log2(11)) / 4 = (1 + 0.6309298 + 0.2890648) / 4
    const m = rankingMetrics([0, 1, 9, 10], 10);
    expect(m.hitRate).toBe(0.75);
    expect(m.ndcg).toBeCloseTo((1 + 0.63092975357 + 0.28906482631) / 4, 10);
    expect(m.users).toBe(4);
  });

  it('scores a constant model zero', () => {
    const ranks = Array.from({ length: 5 }, () => pessimisticRank(new Array(100).fill(0.3), 0, 99));
    expect(rankingMetrics(ranks, 10)).toEqual({ hitRate: 0, ndcg: 0, users: 5 });
  });
});

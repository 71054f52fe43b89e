/**
 * Leave-one-out ranking metrics (docs/protocol.md, "Evaluation"): the rank of the held-out
 * item among the candidates, counting ties against the model, then HR@K and NDCG@K.
 */
import { log2 } from '../libm/log2.ts'; // not Math.log2: its last bit differs between Node and Chromium

/**
 * The number of `count` negatives, at scores[start + 1 .. start + count], that score at
 * least as high as the test item at scores[start]. Ties count against the model (so a
 * constant model ranks last), and so does NaN, on either side.
 */
export function pessimisticRank(scores: ArrayLike<number>, start: number, count: number): number {
  const test = scores[start];
  let rank = 0;
  for (let j = start + 1; j <= start + count; j++) if (!(scores[j] < test)) rank++;
  return rank;
}

export interface RankingMetrics {
  /** HR@K = mean over users of [rank < K]. */
  readonly hitRate: number;
  /** NDCG@K = mean over users of [rank < K] / log2(rank + 2). */
  readonly ndcg: number;
  readonly users: number;
}

export function rankingMetrics(ranks: ArrayLike<number>, k: number): RankingMetrics {
  if (!Number.isInteger(k) || k < 1) throw new Error(`rankingMetrics: K must be an integer >= 1, got ${k}`);
  let hits = 0;
  let gain = 0;
  for (let u = 0; u < ranks.length; u++) {
    if (ranks[u] < k) {
      hits++;
      gain += 1 / log2(ranks[u] + 2);
    }
  }
  const users = ranks.length;
  return { hitRate: users === 0 ? 0 : hits / users, ndcg: users === 0 ? 0 : gain / users, users };
}

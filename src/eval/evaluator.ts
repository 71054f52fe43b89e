/**
 * Scoring users' candidates and ranking the held-out item: with sampled negatives (the
 * protocol's 99) or against every item the user has not trained on (full ranking).
 */
import { pessimisticRank, rankingMetrics, type RankingMetrics } from './metrics.ts';
import { describeArgument } from '../describe.ts';

/** Scores of (users[i], items[i]) pairs; higher means more likely to be chosen. */
export type Scorer = (users: Int32Array, items: Int32Array) => ArrayLike<number>;

export interface Evaluation extends RankingMetrics {
  /** Each user's rank of the held-out item (0 = first). */
  readonly ranks: Int32Array;
}

/** Pairs scored per call of the scorer. */
const CHUNK = 16_384;

/**
 * `candidates` holds `perUser` items per user, row-major, the held-out item first; user u's
 * row is row u. Returns HR@K and NDCG@K with pessimistic ties.
 */
/** Checks the arguments every evaluator takes: a scorer function and a cut-off k. */
function checkScorerAndK(where: string, score: unknown, k: unknown): void {
  if (typeof score !== 'function') throw new TypeError(`${where}: the first argument must be a scorer (users, items) => scores, such as modelScorer(model) or popularityScorer(dataset), got ${describeArgument(score)}`);
  if (!Number.isSafeInteger(k) || (k as number) < 1) throw new TypeError(`${where}: k must be an integer >= 1, got ${describeArgument(k)}`);
}

export function evaluateSampled(score: Scorer, candidates: Int32Array, perUser: number, k: number): Evaluation {
  checkScorerAndK('evaluateSampled', score, k);
  if (!(candidates instanceof Int32Array)) throw new TypeError(`evaluateSampled: candidates must be the Int32Array of sampleEvaluationCandidates, got ${describeArgument(candidates)}`);
  if (perUser < 2 || candidates.length % perUser !== 0) {
    throw new Error(`evaluateSampled: ${candidates.length} candidates cannot be split into rows of ${perUser}`);
  }
  const numUsers = candidates.length / perUser;
  const ranks = new Int32Array(numUsers);
  const usersPerChunk = Math.max(1, Math.floor(CHUNK / perUser));
  const userBuffer = new Int32Array(usersPerChunk * perUser);
  for (let first = 0; first < numUsers; first += usersPerChunk) {
    const last = Math.min(numUsers, first + usersPerChunk);
    const size = (last - first) * perUser;
    const users = userBuffer.subarray(0, size);
    for (let u = first; u < last; u++) users.fill(u, (u - first) * perUser, (u - first + 1) * perUser);
    const scores = score(users, candidates.subarray(first * perUser, last * perUser));
    for (let u = first; u < last; u++) ranks[u] = pessimisticRank(scores, (u - first) * perUser, perUser - 1);
  }
  return { ...rankingMetrics(ranks, k), ranks };
}

export interface FullRankingInput {
  readonly numItems: number;
  /** The held-out item of each user. */
  readonly testItems: Int32Array;
  /** User u's training positives (those are not ranked). */
  trainItemsOf(user: number): ArrayLike<number>;
}

/**
 * Ranks the held-out item against every item the user has not trained on: rank = the
 * number of such items (other than the held-out one) scoring at least as high.
 */
export function evaluateFullRanking(score: Scorer, data: FullRankingInput, k: number): Evaluation {
  checkScorerAndK('evaluateFullRanking', score, k);
  if (data === null || typeof data !== 'object' || !(data.testItems instanceof Int32Array)) throw new TypeError(`evaluateFullRanking: the second argument must be the dataset (or {numItems, testItems, ...}), got ${describeArgument(data)}`);
  const { numItems, testItems } = data;
  const numUsers = testItems.length;
  const ranks = new Int32Array(numUsers);
  const allItems = Int32Array.from({ length: numItems }, (_, i) => i);
  const users = new Int32Array(numItems);
  // Items not ranked for the current user, marked before and cleared after each user.
  const excluded = new Uint8Array(numItems);
  for (let u = 0; u < numUsers; u++) {
    users.fill(u);
    const scores = score(users, allItems);
    const test = testItems[u];
    const trained = data.trainItemsOf(u);
    for (let j = 0; j < trained.length; j++) excluded[trained[j]] = 1;
    excluded[test] = 1;
    const testScore = scores[test];
    let rank = 0;
    for (let i = 0; i < numItems; i++) {
      if (excluded[i] === 0 && !(scores[i] < testScore)) rank++;
    }
    for (let j = 0; j < trained.length; j++) excluded[trained[j]] = 0;
    excluded[test] = 0;
    ranks[u] = rank;
  }
  return { ...rankingMetrics(ranks, k), ranks };
}

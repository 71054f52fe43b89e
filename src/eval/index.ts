/** Evaluation: ranking metrics, the evaluators and the scorers. */
export { pessimisticRank, rankingMetrics, type RankingMetrics } from './metrics.ts';
export { evaluateSampled, evaluateFullRanking, type Evaluation, type Scorer, type FullRankingInput } from './evaluator.ts';
export { modelScorer, popularityScorer } from './scorers.ts';

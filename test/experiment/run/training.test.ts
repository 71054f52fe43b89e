/** runTraining evaluates a Schedule-Free run at x, its average, and trains on at y. */
import { describe, expect, it } from 'vitest';
import { buildDataset, generateSynthetic } from '../../../src/data/index.ts';
import { createSession, releaseSession, resolveTrainConfig, runTraining } from '../../../src/experiment/index.ts';
import { trainEpoch } from '../../../src/experiment/run/epoch.ts';
import type { RecommenderRun, RecommenderTrainConfig } from '../../../src/experiment/workloads/index.ts';
import { evaluateSampled, modelScorer } from '../../../src/eval/index.ts';

const dataset = buildDataset(generateSynthetic({ users: 30, items: 40, interactions: 500, seed: 3 }));

describe('runTraining with a Schedule-Free optimizer', () => {
  it('reports HR and NDCG at x, not at y, and keeps training from y', () => {
    const config = resolveTrainConfig({ embedDim: 4, epochs: 2, batchSize: 64, evalNegatives: 20, optimizer: 'adamw-schedulefree', optimizerOptions: { learningRate: 0.05 } }) as RecommenderTrainConfig;
    const run = runTraining(config, dataset);

    const session = createSession(config, dataset);
    const recommender = session.workload as RecommenderRun;
    try {
      const score = modelScorer(recommender.model);
      const metrics = () => {
        const m = evaluateSampled(score, recommender.candidates.candidates, recommender.candidates.perUser, config.topK);
        return { hitRate: m.hitRate, ndcg: m.ndcg };
      };
      for (const record of run.history) {
        const trained = trainEpoch(session, record.epoch);
        expect(trained.loss).toBe(record.loss); // training saw y, as in the run
        const atY = metrics();
        const atX = session.optimizer.atEvaluationWeights(metrics);
        expect({ hitRate: record.hitRate, ndcg: record.ndcg }).toEqual(atX);
        expect(atX.ndcg).not.toBe(atY.ndcg);
      }
    } finally {
      releaseSession(session);
    }
  });
});

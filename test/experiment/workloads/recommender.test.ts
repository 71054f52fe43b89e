/** The recommender workload behind the seam: its fixed batch and the step hook leave the run's numbers as they were. */
import { describe, expect, it } from 'vitest';
import { buildDataset, generateSynthetic } from '../../../src/data/index.ts';
import { resolveTrainConfig, runTraining, TIMING_FIELDS, type RunResult } from '../../../src/experiment/index.ts';

const dataset = buildDataset(generateSynthetic({ users: 30, items: 40, interactions: 500, seed: 3 }));
const config = resolveTrainConfig({ embedDim: 4, epochs: 2, batchSize: 128, evalNegatives: 20 });
const withoutTimings = (result: RunResult): unknown => JSON.parse(JSON.stringify(result), (key, value) => ((TIMING_FIELDS as readonly string[]).includes(key) ? undefined : value));

describe('recommender workload', () => {
  it.each(['float32', 'float64'] as const)('measures a fixed batch after every step without changing the run (dropout off, no draws from the training streams), %s', (dtype) => {
    const typed = { ...config, dtype };
    const plain = runTraining(typed, dataset);
    const losses: number[] = [];
    const measured = runTraining(typed, dataset, { afterStep: (c) => losses.push(c.fixedBatchLoss().item()) });
    expect(withoutTimings(measured)).toEqual(withoutTimings(plain));
    expect(losses).toHaveLength(plain.history[0].steps * 2);
    // The same batch every time: its loss moves only as the parameters do, and falls as they train.
    expect(new Set(losses).size).toBeGreaterThan(1);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
  });

  it('keeps its configs free of a workload key and its results in the fields they had', () => {
    expect(Object.keys(config)).toEqual(['data', 'model', 'loss', 'optimizer', 'convention', 'optimizerOptions', 'epochs', 'batchSize', 'embedDim', 'dropout', 'negatives', 'evalNegatives', 'topK', 'fullRanking', 'seed', 'dtype']);
    const result = runTraining({ ...config, epochs: 1 }, dataset);
    expect(Object.keys(result)).toEqual(['config', 'dataset', 'parameterCount', 'baseline', 'history']);
    expect(Object.keys(result.dataset)).toEqual(['source', 'users', 'items', 'trainingPositives']);
    expect(Object.keys(result.history[0])).toEqual(['epoch', 'loss', 'hitRate', 'ndcg', 'steps', 'samplingSeconds', 'trainingSeconds', 'evaluationSeconds']);
  });
});

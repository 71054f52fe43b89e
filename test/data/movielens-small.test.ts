/**
 * The real ml-latest-small against docs/protocol.md's published counts. The data lives
 * outside the repository (../shared/data) and is not redistributed with it, so this
 * file skips, saying why, where it is absent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random.ts';
import { buildDataset, loadInteractions, sampleEvaluationCandidates, sampleTrainingEpoch } from '../../src/data/index.ts';

const folder = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'ml-latest-small');
const absent = !existsSync(join(folder, 'ratings.csv'));

describe.skipIf(absent)(`ml-latest-small (skipped when ${folder} is absent; docs/protocol.md, "Getting the data", says where to download it)`, () => {
  it('matches docs/protocol.md: 100,836 ratings, 610 users, 9,724 items, 100,226 training positives, 501,130 examples an epoch', async () => {
    const raw = await loadInteractions(folder);
    expect(raw.length).toBe(100_836);
    const dataset = buildDataset(raw);
    expect(dataset.numUsers).toBe(610);
    expect(dataset.numItems).toBe(9_724);
    expect(dataset.numTrain).toBe(100_226);
    // MovieLens user ids run 1..610; movie ids start at 1.
    expect(dataset.userIds[0]).toBe(1);
    expect(dataset.userIds[609]).toBe(610);
    expect(dataset.itemIds[0]).toBe(1);
    const epoch = sampleTrainingEpoch(dataset, 4, createRng(0).fork('negatives'), createRng(0).fork('shuffle'));
    expect(epoch.length).toBe(501_130);
    expect(Math.ceil(epoch.length / 2048)).toBe(245); // steps an epoch, as the protocol says
    const { candidates } = sampleEvaluationCandidates(dataset, 99, createRng(0).fork('evaluation'));
    expect(candidates.length).toBe(610 * 100);
  });
});

if (absent) console.warn(`test/data/movielens-small.test.ts: ${folder} is absent; the ml-latest-small checks are skipped`);

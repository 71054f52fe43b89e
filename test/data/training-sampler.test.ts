import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random.ts';
import { buildDataset } from '../../src/data/dataset.ts';
import { generateSynthetic } from '../../src/data/synthetic.ts';
import { allocateTrainingEpoch, sampleTrainingEpoch } from '../../src/data/training-sampler.ts';
import type { TrainingEpoch } from '../../src/data/types.ts';
import { rawFromRows } from './fixtures.ts';

const dataset = buildDataset(generateSynthetic({ users: 60, items: 40, interactions: 600, seed: 3 }));
const trainingPairs = new Set(Array.from(dataset.trainUsers, (u, p) => `${u},${dataset.trainItems[p]}`));
const sample = (k: number, negativeSeed: number, shuffleSeed: number, into?: TrainingEpoch): TrainingEpoch =>
  sampleTrainingEpoch(dataset, k, createRng(negativeSeed).fork('negatives'), createRng(shuffleSeed).fork('shuffle'), into);
const examples = (e: TrainingEpoch): string[] => Array.from(e.users, (u, r) => `${u},${e.items[r]},${e.labels[r]}`);

describe('sampleTrainingEpoch', () => {
  const epoch = sample(4, 1, 1);

  it('holds every training positive once, labelled 1, and 4 negatives per positive, labelled 0', () => {
    expect(epoch.length).toBe(dataset.numTrain * 5);
    expect(epoch.users.length).toBe(epoch.length);
    const positives = examples(epoch).filter((e) => e.endsWith(',1'));
    expect(positives.sort()).toEqual([...trainingPairs].map((p) => `${p},1`).sort());
    expect(epoch.labels.filter((l) => l === 0).length).toBe(dataset.numTrain * 4);
  });

  it('draws each negative for the positive’s own user, never one of its training positives', () => {
    const perUser = new Int32Array(dataset.numUsers);
    for (let r = 0; r < epoch.length; r++) {
      if (epoch.labels[r] === 1) continue;
      expect(trainingPairs.has(`${epoch.users[r]},${epoch.items[r]}`)).toBe(false);
      expect(epoch.items[r]).toBeGreaterThanOrEqual(0);
      expect(epoch.items[r]).toBeLessThan(dataset.numItems);
      perUser[epoch.users[r]]++;
    }
    for (let u = 0; u < dataset.numUsers; u++) expect(perUser[u]).toBe(4 * (dataset.trainOffsets[u + 1] - dataset.trainOffsets[u]));
  });

  it('shuffles: positives and negatives are interleaved, not in their built order', () => {
    const firstLabels = [...epoch.labels.subarray(0, dataset.numTrain)];
    expect(firstLabels.filter((l) => l === 0).length).toBeGreaterThan(dataset.numTrain / 2);
    expect([...epoch.users.subarray(0, 50)]).not.toEqual([...dataset.trainUsers.subarray(0, 50)]);
  });

  it('is the same for the same streams and differs for others', () => {
    expect(examples(sample(4, 1, 1))).toEqual(examples(epoch));
    const otherNegatives = sample(4, 2, 1);
    expect(examples(otherNegatives)).not.toEqual(examples(epoch));
    // Same shuffle stream, same layout: positives land where they landed before.
    expect([...otherNegatives.labels]).toEqual([...epoch.labels]);
    const otherShuffle = sample(4, 1, 2);
    expect(examples(otherShuffle)).not.toEqual(examples(epoch));
    expect(examples(otherShuffle).sort()).toEqual(examples(epoch).sort());
  });

  it('fills given buffers with exactly what it would allocate', () => {
    const into = allocateTrainingEpoch(dataset, 4);
    sample(4, 9, 9, into); // stale contents from another draw must not leak through
    expect(sample(4, 1, 1, into)).toBe(into);
    expect(examples(into)).toEqual(examples(epoch));
    expect(() => sample(3, 1, 1, into)).toThrow(`the 'into' buffers must hold ${dataset.numTrain * 4} examples, got ${into.length}`);
  });

  it('draws uniformly over the items without a training positive, the test item included', () => {
    // One user trains on item 0 only; its test item is item 1. Negatives are uniform on {1, 2, 3}.
    const small = buildDataset(rawFromRows([[1, 0, 1], [1, 1, 9], [2, 2, 1], [2, 3, 2]]));
    const counts = [0, 0, 0, 0];
    for (const epoch of ['epoch-1', 'epoch-2', 'epoch-3']) {
      const draws = sampleTrainingEpoch(small, 1000, createRng(5).fork('negatives').fork(epoch), createRng(5).fork('shuffle').fork(epoch));
      for (let r = 0; r < draws.length; r++) if (draws.users[r] === 0 && draws.labels[r] === 0) counts[draws.items[r]]++;
    }
    expect(counts[0]).toBe(0);
    // 3000 draws: each share is 1/3 with standard error 0.0086; allow 4 of them.
    for (const count of counts.slice(1)) expect(Math.abs(count / 3000 - 1 / 3)).toBeLessThan(0.035);
  });

  it('refuses a bad count', () => {
    expect(() => sample(-1, 1, 1)).toThrow('negatives per positive must be an integer in [0, 1000], got -1');
    expect(() => sample(1.5, 1, 1)).toThrow('got 1.5');
  });
});

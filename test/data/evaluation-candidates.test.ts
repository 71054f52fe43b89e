import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random.ts';
import { buildDataset } from '../../src/data/dataset.ts';
import { sampleEvaluationCandidates } from '../../src/data/evaluation-candidates.ts';
import { generateSynthetic } from '../../src/data/synthetic.ts';
import { rawFromRows } from './fixtures.ts';

describe('sampleEvaluationCandidates', () => {
  const raw = generateSynthetic({ users: 50, items: 300, interactions: 2000, seed: 4 });
  const dataset = buildDataset(raw);
  // Interacted pairs straight from the raw rows, in original ids: independent of the CSR lists.
  const interacted = new Set(Array.from(raw.users, (u, r) => `${u},${raw.items[r]}`));
  const { candidates, perUser } = sampleEvaluationCandidates(dataset, 99, createRng(8).fork('evaluation'));

  it('puts the test item in column 0 and 99 distinct, never-interacted items after it', () => {
    expect(perUser).toBe(100);
    expect(candidates.length).toBe(dataset.numUsers * 100);
    for (let u = 0; u < dataset.numUsers; u++) {
      const row = [...candidates.subarray(u * 100, (u + 1) * 100)];
      expect(row[0]).toBe(dataset.testItems[u]);
      expect(new Set(row).size).toBe(100);
      for (const item of row.slice(1)) {
        expect(item).toBeGreaterThanOrEqual(0);
        expect(item).toBeLessThan(dataset.numItems);
        expect(interacted.has(`${dataset.userIds[u]},${dataset.itemIds[item]}`)).toBe(false);
      }
    }
  });

  it('is the same for the same stream and differs for another', () => {
    expect([...sampleEvaluationCandidates(dataset, 99, createRng(8).fork('evaluation')).candidates]).toEqual([...candidates]);
    expect([...sampleEvaluationCandidates(dataset, 99, createRng(9).fork('evaluation')).candidates]).not.toEqual([...candidates]);
  });

  // Items 0..5; user 1 interacted with 0 and 1 (test), user 2 with 2 and 3.
  const small = buildDataset(rawFromRows([[1, 0, 1], [1, 1, 2], [2, 2, 1], [2, 3, 2], [2, 4, 0], [2, 5, 0]], 'small.csv'));

  it('takes every allowed item when exactly that many are left', () => {
    const { candidates: exact } = sampleEvaluationCandidates(small, 2, createRng(1));
    expect(exact[0]).toBe(1);
    expect([...exact.subarray(1, 3)].sort()).toEqual([2, 3]);
  });

  it('draws uniformly without replacement', () => {
    // User 1 may draw from {2, 3, 4, 5}: each is in a 2-item draw with probability 1/2.
    const counts = [0, 0, 0, 0, 0, 0];
    const rng = createRng(3);
    const runs = 2000;
    for (let run = 0; run < runs; run++) {
      const { candidates: drawn } = sampleEvaluationCandidates(small, 2, rng);
      expect(drawn[1]).not.toBe(drawn[2]);
      counts[drawn[1]]++;
      counts[drawn[2]]++;
    }
    expect(counts.slice(0, 2)).toEqual([0, 0]);
    // Standard error of each share: sqrt(0.25 / 2000) ≈ 0.011; allow 4 of them.
    for (const count of counts.slice(2)) expect(Math.abs(count / runs - 0.5)).toBeLessThan(0.045);
  });

  it('says which user has too few items left to draw from', () => {
    expect(() => sampleEvaluationCandidates(small, 3, createRng(1))).toThrow(
      'small.csv: user id 2 interacted with 4 of the 6 items, leaving 2 to draw 3 evaluation negatives from',
    );
    expect(() => sampleEvaluationCandidates(small, -1, createRng(1))).toThrow('evaluation negatives must be a non-negative integer, got -1');
  });
});

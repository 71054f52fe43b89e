import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/data/dataset.ts';
import { hasInteracted, hasTrainingPositive, sortedRangeContains } from '../../src/data/membership.ts';
import { rawFromRows } from './fixtures.ts';

describe('membership', () => {
  it('finds values only inside the given range of a sorted array', () => {
    const sorted = Int32Array.from([1, 4, 4, 9, 12, 30]);
    expect([0, 1, 4, 9, 12, 30, 31].map((v) => sortedRangeContains(sorted, 0, 6, v))).toEqual([false, true, true, true, true, true, false]);
    expect(sortedRangeContains(sorted, 1, 3, 1)).toBe(false);
    expect(sortedRangeContains(sorted, 1, 3, 4)).toBe(true);
    expect(sortedRangeContains(sorted, 1, 3, 9)).toBe(false);
    expect(sortedRangeContains(sorted, 2, 2, 4)).toBe(false);
  });

  it('tells training positives from test items and from items never seen', () => {
    // user 1: items 10 (train), 20 (test, latest); user 2: items 20 (train), 30 (test).
    const dataset = buildDataset(rawFromRows([[1, 10, 1], [1, 20, 2], [2, 20, 1], [2, 30, 5]]));
    expect([0, 1, 2].map((i) => hasTrainingPositive(dataset, 0, i))).toEqual([true, false, false]);
    expect([0, 1, 2].map((i) => hasInteracted(dataset, 0, i))).toEqual([true, true, false]);
    expect([0, 1, 2].map((i) => hasTrainingPositive(dataset, 1, i))).toEqual([false, true, false]);
    expect([0, 1, 2].map((i) => hasInteracted(dataset, 1, i))).toEqual([false, true, true]);
  });
});

import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/data/dataset.ts';
import { rawFromRows } from './fixtures.ts';

describe('buildDataset (docs/protocol.md steps 1–3)', () => {
  // Worked by hand. Users 10, 20, 30 become 0, 1, 2; items 200, 500, 700, 900 become 0..3.
  //   user 10: 700@5, 500@9, 200@1        → test 500 (latest)            train {200, 700}
  //   user 20: 700@3, 200@3               → test 200 (tie, later row)    train {700}
  //   user 30: 500@10, 200@20, 900@20     → test 900 (tie, later row)    train {200, 500}
  const raw = rawFromRows([
    [30, 500, 10],
    [10, 700, 5],
    [30, 200, 20],
    [10, 500, 9],
    [30, 900, 20],
    [10, 200, 1],
    [20, 700, 3],
    [20, 200, 3],
  ]);
  const dataset = buildDataset(raw);

  it('re-indexes users and items in ascending order of original id, counting only items that occur', () => {
    expect(dataset.numUsers).toBe(3);
    expect(dataset.numItems).toBe(4);
    expect([...dataset.userIds]).toEqual([10, 20, 30]);
    expect([...dataset.itemIds]).toEqual([200, 500, 700, 900]);
  });

  it('holds out the latest interaction, ties going to the row last in the file', () => {
    expect([...dataset.testItems]).toEqual([1, 0, 3]);
  });

  it('keeps the rest as training positives, by user then item, with CSR offsets', () => {
    expect([...dataset.trainUsers]).toEqual([0, 0, 1, 2, 2]);
    expect([...dataset.trainItems]).toEqual([0, 2, 2, 0, 1]);
    expect([...dataset.trainOffsets]).toEqual([0, 2, 3, 5]);
    expect(dataset.numTrain).toBe(5);
  });

  it('lists every interacted item per user, test item included', () => {
    expect([...dataset.interactedOffsets]).toEqual([0, 3, 5, 8]);
    expect([...dataset.interactedItems]).toEqual([0, 1, 2, 0, 2, 0, 1, 3]);
  });

  it('counts training positives per item (popularity), not test items', () => {
    expect([...dataset.itemTrainCounts]).toEqual([2, 1, 2, 0]);
    expect(dataset.source).toBe('rows');
  });

  it('treats a repeated (user, item) pair as one positive and never trains on the test item', () => {
    // user 1: item 5 at 1 and again at 3 (latest: test), item 6 twice, item 7.
    const repeated = buildDataset(rawFromRows([
      [1, 5, 1],
      [1, 6, 2],
      [1, 7, 0],
      [1, 6, 2],
      [1, 5, 3],
      [2, 6, 1],
      [2, 7, 2],
    ]));
    expect([...repeated.itemIds]).toEqual([5, 6, 7]);
    expect([...repeated.testItems]).toEqual([0, 2]);
    expect([...repeated.trainItems]).toEqual([1, 2, 1]);
    expect([...repeated.trainUsers]).toEqual([0, 0, 1]);
    expect([...repeated.interactedItems]).toEqual([0, 1, 2, 1, 2]);
    expect([...repeated.itemTrainCounts]).toEqual([0, 2, 1]);
  });

  it('refuses a user with a single interaction, naming it', () => {
    expect(() => buildDataset(rawFromRows([[1, 5, 1], [1, 6, 2], [42, 5, 3]], 'tiny.csv'))).toThrow(
      'tiny.csv: leave-one-out needs at least 2 distinct items per user, but user id 42 has only 1',
    );
  });

  it('refuses a user whose rows all name the same item, and lists several such users', () => {
    const rows: Array<[number, number, number]> = [[1, 5, 1], [1, 6, 2]];
    for (let user = 2; user <= 8; user++) rows.push([user, 5, 1], [user, 5, 2]);
    expect(() => buildDataset(rawFromRows(rows, 'dup.csv'))).toThrow(
      'dup.csv: leave-one-out needs at least 2 distinct items per user, but user ids 2, 3, 4, 5, 6, … (7 users) have only 1',
    );
  });

  it('refuses empty or inconsistent columns and non-finite timestamps', () => {
    expect(() => buildDataset(rawFromRows([], 'none'))).toThrow('none: no interactions');
    expect(() => buildDataset({ ...rawFromRows([[1, 2, 3]]), length: 2 })).toThrow('must all hold length=2 entries, got 1, 1 and 1');
    expect(() => buildDataset(rawFromRows([[1, 2, 3], [1, 3, Number.NaN]]))).toThrow('rows: interaction 1 has timestamp NaN');
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random.ts';
import { buildDataset } from '../../src/data/dataset.ts';
import { sampleEvaluationCandidates } from '../../src/data/evaluation-candidates.ts';
import { ALL_PAIRS_LIMIT, generateSynthetic, generateSyntheticWithTruth, plantedScore } from '../../src/data/synthetic.ts';
import type { Dataset, EvaluationCandidates } from '../../src/data/types.ts';

/**
 * HR@10 over sampled candidates with pessimistic ties, written out here rather than
 * taken from src/eval: rank = negatives scoring >= the test item.
 */
function hitRateAt10(dataset: Dataset, { candidates, perUser }: EvaluationCandidates, score: (user: number, item: number) => number): number {
  let hits = 0;
  for (let u = 0; u < dataset.numUsers; u++) {
    const row = u * perUser;
    const testScore = score(u, candidates[row]);
    let rank = 0;
    for (let k = 1; k < perUser; k++) if (score(u, candidates[row + k]) >= testScore) rank++;
    if (rank < 10) hits++;
  }
  return hits / dataset.numUsers;
}

describe('generateSynthetic', () => {
  const { raw, planted } = generateSyntheticWithTruth();
  const dataset = buildDataset(raw);

  it('defaults to 1,000 users × 2,000 items × 50,000 interactions, named by its options', () => {
    expect(raw.source).toBe('synthetic(users=1000,items=2000,interactions=50000,rank=8,seed=0)');
    expect(raw.length).toBe(50_000);
    expect(dataset.numUsers).toBe(1000);
    expect(Math.min(...raw.items)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...raw.items)).toBeLessThanOrEqual(2000);
    expect(dataset.numItems).toBeGreaterThan(1900);
  });

  it('gives every user at least 2 distinct items, no repeated pair, and increasing timestamps', () => {
    const pairs = new Set(Array.from(raw.users, (u, r) => `${u},${raw.items[r]}`));
    expect(pairs.size).toBe(raw.length);
    expect(dataset.numTrain).toBe(raw.length - dataset.numUsers);
    const fewest = Math.min(...Array.from(dataset.userIds, (_, u) => dataset.interactedOffsets[u + 1] - dataset.interactedOffsets[u]));
    expect(fewest).toBeGreaterThanOrEqual(2);
    let outOfOrder = 0;
    for (let r = 1; r < raw.length; r++) if (raw.users[r] === raw.users[r - 1] && raw.timestamps[r] <= raw.timestamps[r - 1]) outOfOrder++;
    expect(outOfOrder).toBe(0);
  });

  it('has a long tail: the top 10% of items hold far more than 10% of interactions', () => {
    const counts = [...dataset.itemTrainCounts].sort((a, b) => b - a);
    const top = counts.slice(0, Math.round(counts.length / 10)).reduce((s, c) => s + c, 0);
    // A uniform catalogue would give about 0.1; seed 0 gives 0.41.
    expect(top / dataset.numTrain).toBeGreaterThan(0.3);
  });

  it('is the same for a seed and different for another', () => {
    const again = generateSynthetic({ users: 50, items: 100, interactions: 500, seed: 7 });
    expect(generateSynthetic({ users: 50, items: 100, interactions: 500, seed: 7 })).toEqual(again);
    expect([...generateSynthetic({ users: 50, items: 100, interactions: 500, seed: 8 }).items]).not.toEqual([...again.items]);
  });

  it('plants personal preferences: the planted scores beat popularity, and only for the right user', () => {
    const candidates = sampleEvaluationCandidates(dataset, 99, createRng(0).fork('evaluation'));
    const popularity = hitRateAt10(dataset, candidates, (_u, i) => dataset.itemTrainCounts[i]);
    const oracle = hitRateAt10(dataset, candidates, (u, i) => plantedScore(planted, dataset.userIds[u], dataset.itemIds[i]));
    // The same scores with another user's factors: what is left is popularity plus noise.
    const wrongUser = hitRateAt10(dataset, candidates, (u, i) => plantedScore(planted, dataset.userIds[(u + 1) % dataset.numUsers], dataset.itemIds[i]));
    expect(popularity).toBeGreaterThan(0.3); // a real long tail: popularity alone is informative
    expect(oracle - popularity).toBeGreaterThan(0.2);
    expect(oracle - wrongUser).toBeGreaterThan(0.3);
  });

  it('honours its size options', () => {
    const small = generateSynthetic({ users: 30, items: 10, interactions: 100, rank: 2, seed: 1 });
    expect(small.length).toBe(100);
    expect(new Set(small.users).size).toBe(30);
    expect(Math.max(...small.items)).toBeLessThanOrEqual(10);
    expect(small.source).toBe('synthetic(users=30,items=10,interactions=100,rank=2,seed=1)');
    // At the upper bound every user has half the items.
    expect(generateSynthetic({ users: 3, items: 8, interactions: 12 }).length).toBe(12);
  });

  it('rejects options out of range, naming the option and the range', () => {
    expect(() => generateSynthetic({ users: 0 })).toThrow("synthetic option 'users' must be an integer in [1, 1000000], got 0");
    expect(() => generateSynthetic({ items: 1.5 })).toThrow("synthetic option 'items' must be an integer in [2, 1000000], got 1.5");
    expect(() => generateSynthetic({ users: 10, items: 8, interactions: 19 })).toThrow("synthetic option 'interactions' must be an integer in [20, 40], got 19");
    expect(() => generateSynthetic({ users: 10, items: 8, interactions: 41 })).toThrow("synthetic option 'interactions' must be an integer in [20, 40], got 41");
    expect(() => generateSynthetic({ rank: 0 })).toThrow("synthetic option 'rank' must be an integer in [1, 64], got 0");
    expect(() => generateSynthetic({ seed: -1 })).toThrow("synthetic option 'seed' must be an integer in [0, 9007199254740991], got -1");
    expect(() => generateSynthetic({ users: 1_000_000, items: 100_000 })).toThrow("synthetic options 'users' × 'items' must be at most 10000000000");
    expect(() => generateSynthetic({ users: 1_000_000, items: 10_000, interactions: 200_000_000 })).toThrow("synthetic option 'interactions' must be an integer in [2000000, 100000000], got 200000000");
    expect(() => generateSynthetic({ user: 5 } as never)).toThrow("unknown synthetic option 'user'; allowed: users, items, interactions, rank, seed");
  });

  it('gives the same bits as before the binned path existed (SHA-256 of the default set, recorded before the change)', () => {
    const hash = createHash('sha256');
    for (const column of [raw.users, raw.items, raw.timestamps]) hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
    expect(hash.digest('hex')).toBe('0fce803ebc66d32a1fedec4e894e8927194121577f6e9765dae823d4d3d6ec6b');
    expect(generateSyntheticWithTruth().choice.method).toBe('all-pairs Gumbel-top-k');
  });

  it(`draws by binned rejection above ${ALL_PAIRS_LIMIT} pairs: distinct items per user, the asked counts, most proposals accepted`, () => {
    const big = generateSyntheticWithTruth({ users: 20_001, items: 10_000, interactions: 60_000, seed: 3 });
    expect(big.choice.method).toBe('binned rejection');
    expect(big.raw.length).toBe(60_000);
    expect(big.choice.accepted).toBe(60_000);
    // Bins of width 1 accept at least e^-1 = 0.37 of proposals; a typical score sits mid-bin.
    expect(big.choice.accepted / big.choice.proposals).toBeGreaterThan(0.5);
    const built = buildDataset(big.raw);
    expect(built.numUsers).toBe(20_001);
    expect(built.numTrain).toBe(60_000 - 20_001); // no repeated pair: every row a distinct positive
    // Still a long tail and still personal: the users' items follow the planted scores.
    const counts = [...built.itemTrainCounts].sort((a, b) => b - a);
    expect(counts.slice(0, 1000).reduce((s, c) => s + c, 0) / built.numTrain).toBeGreaterThan(0.3);
  });
});

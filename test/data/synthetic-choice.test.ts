/**
 * Both ways of drawing a user's items sample the same distribution: the Plackett–Luce set
 * distribution, P(S) = Σ over orderings s of S of Π_j w(s_j) / (W − w(s_1) − … − w(s_{j−1})),
 * w = exp(score), worked out here by enumerating every ordering. Each method's sets are
 * checked against it by Pearson's chi-square; a sampler that skips binned rejection's
 * acceptance step fails the same check.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/random.ts';
import { allPairsChooser, binnedChooser, scoreOf, BIN_WIDTH, type ItemChooser, type ScoreModel } from '../../src/data/synthetic-choice.ts';

const ITEMS = 10;
const COUNT = 3;
const DRAWS = 20_000;

/** One user, ten items; scores spread over four bins or more. */
function model(rank: number): ScoreModel {
  const userFactors = Float64Array.from({ length: rank }, (_, k) => (k % 2 === 0 ? 0.6 : -0.4));
  const itemFactors = Float64Array.from({ length: ITEMS * rank }, (_, j) => Math.sin(1.7 * j + 0.3) * 0.9);
  const itemLogPopularity = Float64Array.from({ length: ITEMS }, (_, i) => -Math.log(1 + ((i * 7) % ITEMS)));
  return { rank, affinity: 3, userFactors, itemFactors, itemLogPopularity };
}

const setKey = (items: ArrayLike<number>): string => Array.from(items).sort((a, b) => a - b).join(',');

/** Exact P(set) by enumerating ordered draws without replacement. */
function exactSetProbabilities(weights: readonly number[], count: number): Map<string, number> {
  const total = weights.reduce((s, w) => s + w, 0);
  const result = new Map<string, number>();
  const walk = (taken: number[], left: number, probability: number): void => {
    if (taken.length === count) {
      const key = setKey(taken.map((i) => i + 1));
      result.set(key, (result.get(key) ?? 0) + probability);
      return;
    }
    weights.forEach((w, i) => {
      if (!taken.includes(i)) walk([...taken, i], left - w, (probability * w) / left);
    });
  };
  walk([], total, 1);
  return result;
}

/** Pearson's X² of observed set counts against the exact probabilities, cells with expectation < 5 pooled. */
function chiSquare(observed: Map<string, number>, exact: Map<string, number>, draws: number): { statistic: number; degrees: number } {
  let statistic = 0;
  let cells = 0;
  let pooledExpected = 0;
  let pooledObserved = 0;
  for (const [key, p] of exact) {
    const expected = p * draws;
    const seen = observed.get(key) ?? 0;
    if (expected < 5) {
      pooledExpected += expected;
      pooledObserved += seen;
      continue;
    }
    statistic += (seen - expected) ** 2 / expected;
    cells++;
  }
  if (pooledExpected > 0) {
    statistic += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
    cells++;
  }
  return { statistic, degrees: cells - 1 };
}

/** The chi-square quantile at p = 1e-4 (z = 3.719) by Wilson and Hilferty's cube-root approximation. */
function criticalValue(degrees: number): number {
  const a = 2 / (9 * degrees);
  return degrees * (1 - a + 3.719 * Math.sqrt(a)) ** 3;
}

function drawSets(draw: (out: Int32Array) => void): Map<string, number> {
  const counts = new Map<string, number>();
  const out = new Int32Array(COUNT);
  for (let n = 0; n < DRAWS; n++) {
    draw(out);
    const key = setKey(out);
    expect(new Set(out).size).toBe(COUNT);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe.each([2, 8])('drawing a user\'s items, rank %i', (rank) => {
  const m = model(rank);
  const scores = Array.from({ length: ITEMS }, (_, i) => scoreOf(m, 0, i));
  const exact = exactSetProbabilities(scores.map(Math.exp), COUNT);

  it('has scores spread over several bins, so bins, rejection and removal are all exercised', () => {
    expect(Math.max(...scores) - Math.min(...scores)).toBeGreaterThan(3 * BIN_WIDTH);
    expect([...exact.values()].reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
  });

  const methods: [string, (rng: Rng) => ItemChooser][] = [
    ['all-pairs Gumbel-top-k', (rng) => allPairsChooser(m, ITEMS, rng)],
    ['binned rejection', (rng) => binnedChooser(m, ITEMS, rng)],
  ];
  it.each(methods)('%s gives the Plackett–Luce set distribution (chi-square, p = 1e-4)', (_name, make) => {
    const chooser = make(createRng(rank).fork('choices'));
    const { statistic, degrees } = chiSquare(drawSets((out) => chooser.choose(0, COUNT, out)), exact, DRAWS);
    expect(degrees).toBeGreaterThan(30);
    expect(statistic).toBeLessThan(criticalValue(degrees));
    expect(chooser.counts.accepted).toBe(DRAWS * COUNT);
    if (chooser.method === 'binned rejection') expect(chooser.counts.accepted / chooser.counts.proposals).toBeGreaterThan(Math.exp(-BIN_WIDTH));
  });

  it('rejects a sampler without the acceptance step (weights rounded up to their bin edge)', () => {
    const rng = createRng(rank).fork('wrong');
    const rounded = scores.map((s) => Math.exp(Math.ceil(s / BIN_WIDTH) * BIN_WIDTH));
    const sets = drawSets((out) => {
      const left = [...rounded];
      for (let k = 0; k < COUNT; k++) {
        let r = rng.uniform() * left.reduce((s, w) => s + w, 0);
        let i = 0;
        while (r >= left[i] || left[i] === 0) r -= left[i++];
        out[k] = i + 1;
        left[i] = 0;
      }
    });
    const { statistic, degrees } = chiSquare(sets, exact, DRAWS);
    expect(statistic).toBeGreaterThan(criticalValue(degrees));
  });
});

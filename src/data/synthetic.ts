/**
 * A generated implicit-feedback dataset with known structure, so that a learned model
 * has something to find that a popularity ranking cannot:
 *
 *   score(u, i) = logPopularity(i) + AFFINITY · ⟨userFactor(u), itemFactor(i)⟩
 *
 * - long tail: logPopularity(i) = -POPULARITY_EXPONENT · ln(1 + popularity rank of i)
 *   (Zipf's law), the ranks a random permutation of the items;
 * - planted low-rank preferences: factor entries are normal with variance 1/√rank, so
 *   the inner product has variance 1 whatever the rank;
 * - each user's items are drawn without replacement with probability ∝ exp(score)
 *   (the Plackett–Luce sample), its count from a log-normal activity. Up to
 *   ALL_PAIRS_LIMIT (users × items) by Gumbel-top-k over every pair, as always; above it
 *   by binned rejection, the same distribution in a fraction of the time
 *   (src/data/synthetic-choice.ts, which says why both are exact);
 * - timestamps: the chosen items in random order, at increasing times, so the held-out
 *   (latest) item is a draw like any other of the user's items.
 *
 * Ids are 1-based like MovieLens'. Every number comes from `createRng(seed)`'s
 * 'synthetic' stream, so the same options give the same data on every machine.
 */
import { createRng, type Rng } from '../random.ts';
import { exp, log, pow } from '../libm/index.ts'; // not Math's: those differ in the last bit between engines
import { DataError } from './errors.ts';
import { allPairsChooser, binnedChooser, scoreOf, type ItemChooser } from './synthetic-choice.ts';
import type { RawInteractions } from './types.ts';

export interface SyntheticOptions {
  readonly users?: number;
  readonly items?: number;
  readonly interactions?: number;
  /** Rank of the planted user–item preferences. */
  readonly rank?: number;
  readonly seed?: number;
}

/** The truth the data was drawn from; rows are indexed by original id − 1. */
export interface PlantedStructure {
  readonly rank: number;
  readonly affinity: number;
  /** users × rank, row-major. */
  readonly userFactors: Float64Array;
  /** items × rank, row-major. */
  readonly itemFactors: Float64Array;
  readonly itemLogPopularity: Float64Array;
}

export const SYNTHETIC_DEFAULTS = { users: 1000, items: 2000, interactions: 50_000, rank: 8, seed: 0 } as const;

const POPULARITY_EXPONENT = 1;
const AFFINITY = 3;
/** Standard deviation of ln(activity): a few users are far more active than most. */
const ACTIVITY_SPREAD = 0.8;
/**
 * Up to this many (user, item) pairs, Gumbel-top-k over all of them (the sizes it has always
 * generated keep their bits); above it, binned rejection (src/data/synthetic-choice.ts).
 */
export const ALL_PAIRS_LIMIT = 2e8;
/** Binned rejection still scores every pair once (rank multiply-adds each): this bounds its time (≈ a minute). */
const MAX_PAIRS = 1e10;
/** The interactions' columns take 16 bytes a row. */
const MAX_INTERACTIONS = 100_000_000;
const FIRST_TIMESTAMP = 1_000_000_000; // 2001-09-09, in seconds like MovieLens
const DAY = 86_400;

export type ResolvedSyntheticOptions = { readonly [K in keyof typeof SYNTHETIC_DEFAULTS]: number };

export type SyntheticOptionName = keyof typeof SYNTHETIC_DEFAULTS;
export const SYNTHETIC_OPTION_NAMES = Object.keys(SYNTHETIC_DEFAULTS) as readonly SyntheticOptionName[];

/** Most items a user may have: half the catalogue (at least 2), so negatives remain. */
const maxPerUser = (items: number): number => Math.max(2, Math.floor(items / 2));

/** The allowed [min, max] of an option; interactions' depends on users and items (each user needs 2 items for leave-one-out, and at most half of them). */
export function syntheticOptionRange(name: SyntheticOptionName, others: { users: number; items: number } = SYNTHETIC_DEFAULTS): readonly [number, number] {
  switch (name) {
    case 'users':
      return [1, 1_000_000];
    case 'items':
      return [2, 1_000_000];
    case 'interactions':
      return [2 * others.users, Math.min(MAX_INTERACTIONS, others.users * maxPerUser(others.items))];
    case 'rank':
      return [1, 64];
    case 'seed':
      return [0, Number.MAX_SAFE_INTEGER];
  }
}

function checkInteger(name: SyntheticOptionName, value: number, others: { users: number; items: number }): void {
  const [min, max] = syntheticOptionRange(name, others);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DataError(`synthetic option '${name}' must be an integer in [${min}, ${max}], got ${value}`);
  }
}

/** The options with defaults filled in, checked: one line naming the first bad option and its range. */
export function resolveSyntheticOptions(options: SyntheticOptions): ResolvedSyntheticOptions {
  for (const key of Object.keys(options)) {
    if (!(SYNTHETIC_OPTION_NAMES as readonly string[]).includes(key)) throw new DataError(`unknown synthetic option '${key}'; allowed: ${SYNTHETIC_OPTION_NAMES.join(', ')}`);
  }
  const resolved = { ...SYNTHETIC_DEFAULTS, ...options };
  checkInteger('users', resolved.users, resolved);
  checkInteger('items', resolved.items, resolved);
  if (resolved.users * resolved.items > MAX_PAIRS) {
    throw new DataError(`synthetic options 'users' × 'items' must be at most ${MAX_PAIRS}, got ${resolved.users} × ${resolved.items}`);
  }
  for (const name of ['interactions', 'rank', 'seed'] as const) checkInteger(name, resolved[name], resolved);
  return resolved;
}

export function syntheticSource(options: SyntheticOptions = {}): string {
  const o = resolveSyntheticOptions(options);
  return `synthetic(users=${o.users},items=${o.items},interactions=${o.interactions},rank=${o.rank},seed=${o.seed})`;
}

function normalMatrix(rows: number, rank: number, rng: Rng): Float64Array {
  const scale = pow(rank, -0.25);
  const matrix = new Float64Array(rows * rank);
  for (let k = 0; k < matrix.length; k++) matrix[k] = scale * rng.normal();
  return matrix;
}

function logPopularities(items: number, rng: Rng): Float64Array {
  const popularityRank = rng.shuffle(Int32Array.from({ length: items }, (_, k) => k));
  return Float64Array.from(popularityRank, (r) => -POPULARITY_EXPONENT * log(1 + r));
}

/** Items per user: 2 each, the rest in proportion to a log-normal activity, capped. */
function interactionCounts(o: ResolvedSyntheticOptions, rng: Rng): Int32Array {
  const cap = maxPerUser(o.items);
  const activity = Float64Array.from({ length: o.users }, () => exp(ACTIVITY_SPREAD * rng.normal()));
  const totalActivity = activity.reduce((sum, a) => sum + a, 0);
  const extra = o.interactions - 2 * o.users;
  const counts = new Int32Array(o.users);
  let assigned = 0;
  for (let u = 0; u < o.users; u++) {
    counts[u] = Math.min(cap, 2 + Math.floor((extra * activity[u]) / totalActivity));
    assigned += counts[u];
  }
  // Rounding and the cap leave a few over: one more each, round-robin (the total fits, checked).
  for (let u = 0; assigned < o.interactions; u = (u + 1) % o.users) {
    if (counts[u] < cap) {
      counts[u]++;
      assigned++;
    }
  }
  return counts;
}

/** The planted score of (user id, item id), both original (1-based) ids. */
export function plantedScore(planted: PlantedStructure, userId: number, itemId: number): number {
  return scoreOf(planted, userId - 1, itemId - 1);
}

/** How each user's items are drawn, and how often a proposal was accepted (binned rejection's efficiency). */
export interface ChoiceSummary {
  readonly method: ItemChooser['method'];
  readonly proposals: number;
  readonly accepted: number;
}

/** The dataset and the structure it was drawn from (for tests and oracles). */
export function generateSyntheticWithTruth(options: SyntheticOptions = {}): { raw: RawInteractions; planted: PlantedStructure; choice: ChoiceSummary } {
  const o = resolveSyntheticOptions(options);
  const rng = createRng(o.seed).fork('synthetic');
  const planted: PlantedStructure = {
    rank: o.rank,
    affinity: AFFINITY,
    userFactors: normalMatrix(o.users, o.rank, rng.fork('user-factors')),
    itemFactors: normalMatrix(o.items, o.rank, rng.fork('item-factors')),
    itemLogPopularity: logPopularities(o.items, rng.fork('popularity')),
  };
  const counts = interactionCounts(o, rng.fork('activity'));
  const chooser = o.users * o.items <= ALL_PAIRS_LIMIT
    ? allPairsChooser(planted, o.items, rng.fork('choices'))
    : binnedChooser(planted, o.items, rng.fork('binned-choices'));
  const timeRng = rng.fork('timestamps');

  const users = new Int32Array(o.interactions);
  const items = new Int32Array(o.interactions);
  const timestamps = new Float64Array(o.interactions);
  const chosen = new Int32Array(maxPerUser(o.items));
  let row = 0;
  for (let u = 0; u < o.users; u++) {
    const count = counts[u];
    chooser.choose(u, count, chosen);
    const inTimeOrder = timeRng.shuffle(chosen.subarray(0, count));
    let time = FIRST_TIMESTAMP + timeRng.int(365 * DAY);
    for (let k = 0; k < count; k++) {
      time += 1 + timeRng.int(2 * DAY);
      users[row] = u + 1;
      items[row] = inTimeOrder[k];
      timestamps[row] = time;
      row++;
    }
  }
  const choice = { method: chooser.method, ...chooser.counts };
  return { raw: { source: syntheticSource(o), users, items, timestamps, length: row }, planted, choice };
}

/** The synthetic dataset: default about 1,000 users × 2,000 items × 50,000 interactions. */
export function generateSynthetic(options: SyntheticOptions = {}): RawInteractions {
  return generateSyntheticWithTruth(options).raw;
}

/**
 * How the synthetic generator draws each user's items: `count` distinct items without
 * replacement with probability ∝ exp(score(u, i)), score = logPopularity(i) + affinity·⟨u, i⟩
 * (the Plackett–Luce sample). Two exact methods of the same distribution:
 *
 * - all-pairs Gumbel-top-k (the original, kept bit for bit): score + Gumbel noise for every
 *   item, the `count` largest taken. Two logarithms, a uniform and a sort per (user, item).
 * - binned rejection (for catalogues too large for that): sequential draws, each ∝ exp(score)
 *   over the items not yet taken (Plackett–Luce: the same set distribution as Gumbel-top-k).
 *   Per user, each item's score is computed once (rank multiply-adds) and the item put in a
 *   bin of width BIN_WIDTH by score. A draw proposes a bin ∝ (live items in it) ·
 *   exp(its upper edge), then a uniform live item i of that bin, and accepts it with
 *   probability exp(score(i) − upper edge) ∈ (e^−BIN_WIDTH, 1]: the proposal's weight
 *   exp(upper edge) bounds exp(score(i)), so an accepted item is ∝ exp(score) (rejection
 *   sampling). An accepted item leaves its bin, so no draw repeats an item.
 *
 * Rejection from the popularity distribution with a Cauchy–Schwarz bound
 * (accept with exp(affinity·(⟨u,i⟩ − ‖u‖·max‖i‖))) would be simpler, but on the 35,000 ×
 * 20,000 set it accepts 4.0·10⁻⁵ of its proposals (mean over 200 users), and 1.3·10⁻³ with
 * each user's exact maximum (itself a scan of every item): ⟨u,i⟩ is about N(0, 1) and
 * affinity 3, so exp(score) is dominated by a few items far above the popularity proposal.
 */
import type { Rng } from '../random.ts';
import { exp, log } from '../libm/index.ts';

/** What the generator needs of the planted structure. */
export interface ScoreModel {
  readonly rank: number;
  readonly affinity: number;
  readonly userFactors: Float64Array;
  readonly itemFactors: Float64Array;
  readonly itemLogPopularity: Float64Array;
}

/** Draws one user's items: writes `count` distinct 1-based item ids to `out[0 .. count)`. */
export interface ItemChooser {
  readonly method: 'all-pairs Gumbel-top-k' | 'binned rejection';
  choose(user: number, count: number, out: Int32Array): void;
  /** Proposals made and accepted so far (binned rejection; all-pairs counts one of each per item taken). */
  readonly counts: { proposals: number; accepted: number };
}

/** The planted score of 0-based (user, item): logPopularity + affinity · ⟨user, item⟩. */
export function scoreOf(model: ScoreModel, user: number, item: number): number {
  const { rank, userFactors, itemFactors } = model;
  let dot = 0;
  for (let k = 0; k < rank; k++) dot += userFactors[user * rank + k] * itemFactors[item * rank + k];
  return model.itemLogPopularity[item] + model.affinity * dot;
}

/** The original method: Gumbel-top-k over every item, the same draws and the same bits as before it moved here. */
export function allPairsChooser(model: ScoreModel, items: number, rng: Rng): ItemChooser {
  const keys = new Float64Array(items);
  const sortedKeys = new Float64Array(items);
  const counts = { proposals: 0, accepted: 0 };
  return {
    method: 'all-pairs Gumbel-top-k',
    counts,
    choose(user, count, out) {
      // The k largest of score + Gumbel noise are a draw without replacement ∝ exp(score).
      for (let i = 0; i < items; i++) {
        let uniform = rng.uniform();
        while (uniform === 0) uniform = rng.uniform();
        keys[i] = scoreOf(model, user, i) - log(-log(uniform));
      }
      sortedKeys.set(keys);
      const threshold = sortedKeys.sort()[items - count];
      let written = 0;
      for (let i = 0; i < items && written < count; i++) if (keys[i] >= threshold) out[written++] = i + 1;
      counts.proposals += count;
      counts.accepted += count;
    },
  };
}

/** Width of a score bin: a proposal is accepted with probability at least e^−BIN_WIDTH. */
export const BIN_WIDTH = 1;

/** Euclidean norm of row `row` of a row-major matrix with `rank` columns. */
function rowNorm(matrix: Float64Array, row: number, rank: number): number {
  let squared = 0;
  for (let k = 0; k < rank; k++) squared += matrix[row * rank + k] ** 2;
  return Math.sqrt(squared);
}

function extent(values: ArrayLike<number>, count: number, of: (index: number) => number = (i) => values[i]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    min = Math.min(min, of(i));
    max = Math.max(max, of(i));
  }
  return { min, max };
}

/**
 * Writes each item's bin, floor((score − low) / BIN_WIDTH) clamped at 0, into `binOf` and
 * counts them in `counts`: the hot loop, one pass over the catalogue per user. Rank 8 (the
 * default) is unrolled, four times faster in V8 than the loop; the sum runs in the same
 * order as scoreOf's, so a score is the same number either way.
 */
function binScores(model: ScoreModel, items: number, user: Float64Array, low: number, binOf: Uint16Array, counts: Int32Array): void {
  const { rank, affinity, itemFactors: f, itemLogPopularity: popularity } = model;
  if (rank === 8) {
    const u0 = user[0], u1 = user[1], u2 = user[2], u3 = user[3], u4 = user[4], u5 = user[5], u6 = user[6], u7 = user[7];
    for (let i = 0, o = 0; i < items; i++, o += 8) {
      const dot = 0 + u0 * f[o] + u1 * f[o + 1] + u2 * f[o + 2] + u3 * f[o + 3] + u4 * f[o + 4] + u5 * f[o + 5] + u6 * f[o + 6] + u7 * f[o + 7];
      const above = (popularity[i] + affinity * dot - low) / BIN_WIDTH;
      const bin = above > 0 ? above | 0 : 0; // floor, clamped at 0 (bins < 2^16, so | 0 is exact)
      binOf[i] = bin;
      counts[bin]++;
    }
    return;
  }
  for (let i = 0, o = 0; i < items; i++, o += rank) {
    let dot = 0;
    for (let k = 0; k < rank; k++) dot += user[k] * f[o + k];
    const above = (popularity[i] + affinity * dot - low) / BIN_WIDTH;
    const bin = above > 0 ? above | 0 : 0;
    binOf[i] = bin;
    counts[bin]++;
  }
}

export function binnedChooser(model: ScoreModel, items: number, rng: Rng): ItemChooser {
  const { rank, affinity, userFactors, itemFactors, itemLogPopularity } = model;
  const users = userFactors.length / rank;
  const maxItemNorm = extent(itemFactors, items, (i) => rowNorm(itemFactors, i, rank)).max;
  const maxUserNorm = extent(userFactors, users, (u) => rowNorm(userFactors, u, rank)).max;
  const popularity = extent(itemLogPopularity, items);
  // Cauchy–Schwarz: |affinity·⟨u, i⟩| ≤ affinity·‖u‖·max‖i‖, so user u's scores lie in
  // [low, high] = [min logPopularity − reach, max logPopularity + reach]; +2 bins for rounding.
  const binsFor = (reach: number): number => Math.floor((popularity.max - popularity.min + 2 * reach) / BIN_WIDTH) + 2;
  const maxBins = binsFor(affinity * maxUserNorm * maxItemNorm);
  if (maxBins > 65_535) throw new Error(`synthetic: ${maxBins} score bins do not fit 16 bits`);
  const binOf = new Uint16Array(items);
  /** Item indices grouped by bin: bin b's live items are byBin[start[b] .. start[b] + live[b]). */
  const byBin = new Int32Array(items);
  const start = new Int32Array(maxBins + 1);
  const live = new Int32Array(maxBins);
  /** binScale[d] = exp(−d · BIN_WIDTH): a bin's proposal weight relative to the top bin's. */
  const binScale = Float64Array.from({ length: maxBins }, (_, d) => exp(-d * BIN_WIDTH));
  const user = new Float64Array(rank);
  const counts = { proposals: 0, accepted: 0 };

  return {
    method: 'binned rejection',
    counts,
    choose(u, count, out) {
      for (let k = 0; k < rank; k++) user[k] = userFactors[u * rank + k];
      const reach = affinity * rowNorm(userFactors, u, rank) * maxItemNorm;
      const low = popularity.min - reach;
      const bins = binsFor(reach);
      // Bin b holds scores in [low + b·w, low + (b+1)·w); clamping at 0 keeps a score a hair below `low` under bin 0's upper edge.
      live.fill(0, 0, bins);
      binScores(model, items, user, low, binOf, live);
      let top = bins - 1;
      while (live[top] === 0) top--;
      if (top === bins - 1) throw new Error(`synthetic: a score of user ${u + 1} reached the top bin, above its bound`);
      start[0] = 0;
      for (let b = 0; b < bins; b++) start[b + 1] = start[b] + live[b];
      live.fill(0, 0, bins);
      for (let i = 0; i < items; i++) byBin[start[binOf[i]] + live[binOf[i]]++] = i;

      for (let taken = 0; taken < count; ) {
        let total = 0;
        for (let b = top; b >= 0; b--) total += live[b] * binScale[top - b];
        // A bin ∝ live[b]·exp(upper edge of b), walking down from the top bin, where the weight is.
        let remaining = rng.uniform() * total;
        let bin = top;
        while (bin > 0 && (live[bin] === 0 || remaining >= live[bin] * binScale[top - bin])) {
          remaining -= live[bin] * binScale[top - bin];
          bin--;
        }
        while (live[bin] === 0) bin++; // only when rounding ran past the last live bin
        const slot = start[bin] + Math.floor(rng.uniform() * live[bin]);
        const item = byBin[slot];
        counts.proposals++;
        const upperEdge = low + (bin + 1) * BIN_WIDTH;
        if (rng.uniform() >= exp(scoreOf(model, u, item) - upperEdge)) continue;
        counts.accepted++;
        out[taken++] = item + 1;
        // The item leaves its bin: the bin's last live item takes its slot.
        const last = start[bin] + --live[bin];
        byBin[slot] = byBin[last];
        byBin[last] = item;
      }
    },
  };
}

/**
 * Evaluation candidates (docs/protocol.md, "Evaluation"): per user, the test item and then
 * `negatives` items drawn uniformly without replacement from the items the user never
 * interacted with anywhere in the file. Drawn once per seed by the caller's stream
 * (e.g. `rng.fork('evaluation')`).
 *
 * Without replacement by rejection: draw uniformly over all items and redraw while the
 * item was interacted with or already taken for this user. Each accepted draw is then
 * uniform over the items still allowed, which is sampling without replacement.
 */
import type { Rng } from '../random.ts';
import { DataError } from './errors.ts';
import { sortedRangeContains } from './membership.ts';
import type { Dataset, EvaluationCandidates } from './types.ts';
import { assertDataset } from './check.ts';
import { assertRng } from '../random.ts';

export function sampleEvaluationCandidates(dataset: Dataset, negatives: number, rng: Rng): EvaluationCandidates {
  assertDataset('sampleEvaluationCandidates', dataset);
  assertRng('sampleEvaluationCandidates', rng, 'rng (the third argument)');
  const { numUsers, numItems, interactedOffsets, interactedItems, testItems } = dataset;
  if (!Number.isInteger(negatives) || negatives < 0) {
    throw new DataError(`evaluation negatives must be a non-negative integer, got ${negatives}`);
  }
  for (let u = 0; u < numUsers; u++) {
    const available = numItems - (interactedOffsets[u + 1] - interactedOffsets[u]);
    if (available < negatives) {
      throw new DataError(
        `${dataset.source}: user id ${dataset.userIds[u]} interacted with ${numItems - available} of the ${numItems} items, leaving ${available} to draw ${negatives} evaluation negatives from`,
      );
    }
  }
  const perUser = 1 + negatives;
  const candidates = new Int32Array(numUsers * perUser);
  // takenBy[item] === u marks the items already drawn for user u; no clearing between users.
  const takenBy = new Int32Array(numItems).fill(-1);
  for (let u = 0; u < numUsers; u++) {
    const row = u * perUser;
    const start = interactedOffsets[u];
    const end = interactedOffsets[u + 1];
    candidates[row] = testItems[u];
    for (let k = 1; k < perUser; k++) {
      let item: number;
      do item = Math.floor(rng.uniform() * numItems);
      while (takenBy[item] === u || sortedRangeContains(interactedItems, start, end, item));
      takenBy[item] = u;
      candidates[row + k] = item;
    }
  }
  return { candidates, perUser };
}

/**
 * One epoch of training examples (docs/protocol.md, "Training examples"): every training
 * positive (u, i) with label 1, plus `negativesPerPositive` pairs (u, j) with label 0,
 * where j is uniform over the items u has no training positive for (redraw until it
 * fits), then everything shuffled.
 *
 * As the protocol words it, only training positives are excluded: a user's test item
 * can be drawn as one of its training negatives (as in He et al.'s NCF code). It also
 * means every user has at least one item to draw, so the redraw loop always ends.
 *
 * The two streams are the caller's, one per job and epoch, e.g.
 * `rng.fork('negatives').fork('epoch-3')` and `rng.fork('shuffle').fork('epoch-3')`, so
 * epoch k's examples depend on nothing drawn before it and a resumed run redraws them.
 */
import type { Rng } from '../random.ts';
import { DataError } from './errors.ts';
import type { Dataset, TrainingEpoch } from './types.ts';
import { assertDataset } from './check.ts';
import { assertRng } from '../random.ts';

export const MAX_NEGATIVES_PER_POSITIVE = 1000;

export function trainingEpochSize(dataset: Dataset, negativesPerPositive: number): number {
  return dataset.numTrain * (1 + negativesPerPositive);
}

/** Buffers for `sampleTrainingEpoch(..., into)`, to reuse across epochs. */
export function allocateTrainingEpoch(dataset: Dataset, negativesPerPositive: number): TrainingEpoch {
  assertDataset('allocateTrainingEpoch', dataset);
  checkNegativesPerPositive(negativesPerPositive);
  const length = trainingEpochSize(dataset, negativesPerPositive);
  return { users: new Int32Array(length), items: new Int32Array(length), labels: new Float32Array(length), length };
}

function checkNegativesPerPositive(negativesPerPositive: number): void {
  if (!Number.isInteger(negativesPerPositive) || negativesPerPositive < 0 || negativesPerPositive > MAX_NEGATIVES_PER_POSITIVE) {
    throw new DataError(`negatives per positive must be an integer in [0, ${MAX_NEGATIVES_PER_POSITIVE}], got ${negativesPerPositive}`);
  }
}

/**
 * Layout before the shuffle: the positives in the Dataset's order (user, then item),
 * then for each positive in that order its negatives. Shuffled by Fisher–Yates from
 * `shuffleRng`, one draw per position from the last down (as `Rng.shuffle`).
 */
export function sampleTrainingEpoch(
  dataset: Dataset,
  negativesPerPositive: number,
  negativeRng: Rng,
  shuffleRng: Rng,
  into?: TrainingEpoch,
): TrainingEpoch {
  assertDataset('sampleTrainingEpoch', dataset);
  assertRng('sampleTrainingEpoch', negativeRng, 'negativeRng (the third argument)');
  assertRng('sampleTrainingEpoch', shuffleRng, 'shuffleRng (the fourth argument)');
  checkNegativesPerPositive(negativesPerPositive);
  const length = trainingEpochSize(dataset, negativesPerPositive);
  if (into !== undefined && (into.users.length !== length || into.items.length !== length || into.labels.length !== length || into.length !== length)) {
    throw new DataError(`sampleTrainingEpoch: the 'into' buffers must hold ${length} examples, got ${into.length}`);
  }
  const epoch = into ?? allocateTrainingEpoch(dataset, negativesPerPositive);
  const { users, items, labels } = epoch;
  const { trainUsers, trainItems, trainOffsets, numTrain, numItems } = dataset;

  users.set(trainUsers);
  items.set(trainItems);
  labels.fill(1, 0, numTrain);
  labels.fill(0, numTrain);
  // Positives come grouped by user, so one user's training items are stamped at a time
  // and "is (u, j) a training positive?" is one array read (isPositiveOf[j] === u).
  const isPositiveOf = new Int32Array(numItems).fill(-1);
  let at = numTrain;
  for (let user = 0; user < dataset.numUsers; user++) {
    const start = trainOffsets[user];
    const end = trainOffsets[user + 1];
    for (let p = start; p < end; p++) isPositiveOf[trainItems[p]] = user;
    for (let p = start; p < end; p++) {
      for (let k = 0; k < negativesPerPositive; k++) {
        let item: number;
        // Same draw as negativeRng.int(numItems), without its per-call argument check.
        do item = Math.floor(negativeRng.uniform() * numItems);
        while (isPositiveOf[item] === user);
        users[at] = user;
        items[at] = item;
        at++;
      }
    }
  }

  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(shuffleRng.uniform() * (i + 1));
    const user = users[i];
    users[i] = users[j];
    users[j] = user;
    const item = items[i];
    items[i] = items[j];
    items[j] = item;
    const label = labels[i];
    labels[i] = labels[j];
    labels[j] = label;
  }
  return epoch;
}

/** Membership in the sorted per-user (CSR) item lists of a Dataset, by binary search. */
import type { Dataset } from './types.ts';

/** Whether `value` occurs in the ascending run `sorted[start .. end)`. */
export function sortedRangeContains(sorted: Int32Array, start: number, end: number, value: number): boolean {
  let low = start;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const probe = sorted[middle];
    if (probe === value) return true;
    if (probe < value) low = middle + 1;
    else high = middle;
  }
  return false;
}

/** Whether (user, item) is a training positive: the negatives' exclusion rule. */
export function hasTrainingPositive(dataset: Dataset, user: number, item: number): boolean {
  return sortedRangeContains(dataset.trainItems, dataset.trainOffsets[user], dataset.trainOffsets[user + 1], item);
}

/** Whether the user interacted with the item anywhere in the file (test item included). */
export function hasInteracted(dataset: Dataset, user: number, item: number): boolean {
  return sortedRangeContains(dataset.interactedItems, dataset.interactedOffsets[user], dataset.interactedOffsets[user + 1], item);
}

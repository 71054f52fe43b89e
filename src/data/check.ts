/** Checks of the data layer's arguments at the public API: one line naming the function, the argument and what it should be. */
import { describeArgument } from '../describe.ts';
import type { Dataset, RawInteractions } from './types.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function assertRawInteractions(where: string, raw: unknown): asserts raw is RawInteractions {
  const ok = isRecord(raw) && raw['users'] instanceof Int32Array && raw['items'] instanceof Int32Array && raw['timestamps'] instanceof Float64Array && typeof raw['length'] === 'number';
  if (!ok) {
    throw new TypeError(`${where}: the interactions must be {source, users: Int32Array, items: Int32Array, timestamps: Float64Array, length}, as loadInteractions and generateSynthetic return, got ${describeArgument(raw)}`);
  }
}

export function assertDataset(where: string, dataset: unknown): asserts dataset is Dataset {
  const ok =
    isRecord(dataset) &&
    typeof dataset['numUsers'] === 'number' &&
    typeof dataset['numItems'] === 'number' &&
    dataset['trainOffsets'] instanceof Int32Array &&
    dataset['interactedOffsets'] instanceof Int32Array &&
    dataset['testItems'] instanceof Int32Array;
  if (!ok) throw new TypeError(`${where}: the dataset must come from buildDataset(interactions), got ${describeArgument(dataset)}`);
}

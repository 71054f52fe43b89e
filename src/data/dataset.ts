/**
 * From raw interactions to the protocol's Dataset (docs/protocol.md, "Data", steps 1–3).
 *
 * 1. Every row is a positive, whatever its rating.
 * 2. Users and items are numbered in ascending order of original id; only items that
 *    occur are counted.
 * 3. Leave-one-out: each user's row with the largest timestamp holds the test item;
 *    among equal timestamps, the row last in the file wins.
 *
 * A positive is a (user, item) pair, so a pair that appears on several rows (MovieLens
 * releases have none; ml-latest-small has none) is one positive, and the test item is
 * left out of training entirely, whichever of its rows came first. A user therefore
 * needs at least two distinct items.
 */
import { DataError } from './errors.ts';
import { reindex } from './reindex.ts';
import type { Dataset, RawInteractions } from './types.ts';
import { assertRawInteractions } from './check.ts';

function checkColumns(raw: RawInteractions): void {
  const { length } = raw;
  if (!Number.isInteger(length) || length < 0 || raw.users.length !== length || raw.items.length !== length || raw.timestamps.length !== length) {
    throw new DataError(
      `${raw.source}: users, items and timestamps must all hold length=${length} entries, got ${raw.users.length}, ${raw.items.length} and ${raw.timestamps.length}`,
    );
  }
  if (length === 0) throw new DataError(`${raw.source}: no interactions`);
  for (let r = 0; r < length; r++) {
    if (!Number.isFinite(raw.timestamps[r])) throw new DataError(`${raw.source}: interaction ${r} has timestamp ${raw.timestamps[r]}`);
  }
}

/** Row index of each user's test interaction: latest timestamp, ties to the later row. */
function testRows(users: Int32Array, timestamps: Float64Array, numUsers: number): Int32Array {
  const latest = new Int32Array(numUsers).fill(-1);
  for (let r = 0; r < users.length; r++) {
    const user = users[r];
    // `>=` hands ties to the row that comes last in the file (step 3).
    if (latest[user] < 0 || timestamps[r] >= timestamps[latest[user]]) latest[user] = r;
  }
  return latest;
}

/** Per user, the distinct items of all its rows, ascending (CSR). */
function interactionLists(users: Int32Array, items: Int32Array, numUsers: number): { offsets: Int32Array; items: Int32Array } {
  const offsets = new Int32Array(numUsers + 1);
  for (let r = 0; r < users.length; r++) offsets[users[r] + 1]++;
  for (let u = 0; u < numUsers; u++) offsets[u + 1] += offsets[u];
  const cursor = offsets.slice(0, numUsers);
  const bucketed = new Int32Array(users.length);
  for (let r = 0; r < users.length; r++) bucketed[cursor[users[r]]++] = items[r];
  // Sort each user's run, then squeeze out repeated pairs in place.
  let written = 0;
  for (let u = 0; u < numUsers; u++) {
    const start = offsets[u];
    const end = offsets[u + 1];
    bucketed.subarray(start, end).sort();
    offsets[u] = written;
    for (let k = start; k < end; k++) {
      if (k === start || bucketed[k] !== bucketed[k - 1]) bucketed[written++] = bucketed[k];
    }
  }
  offsets[numUsers] = written;
  return { offsets, items: written === bucketed.length ? bucketed : bucketed.slice(0, written) };
}

function checkLeaveOneOutPossible(source: string, offsets: Int32Array, userIds: Int32Array): void {
  const tooSmall: number[] = [];
  for (let u = 0; u < userIds.length; u++) if (offsets[u + 1] - offsets[u] < 2) tooSmall.push(userIds[u]);
  if (tooSmall.length === 0) return;
  const shown = tooSmall.slice(0, 5).join(', ') + (tooSmall.length > 5 ? `, … (${tooSmall.length} users)` : '');
  throw new DataError(
    `${source}: leave-one-out needs at least 2 distinct items per user, but user ${tooSmall.length === 1 ? 'id' : 'ids'} ${shown} ${tooSmall.length === 1 ? 'has' : 'have'} only 1`,
  );
}

export function buildDataset(raw: RawInteractions): Dataset {
  assertRawInteractions('buildDataset', raw);
  checkColumns(raw);
  const users = reindex(raw.users);
  const items = reindex(raw.items);
  const numUsers = users.originalIds.length;
  const numItems = items.originalIds.length;

  const interacted = interactionLists(users.dense, items.dense, numUsers);
  checkLeaveOneOutPossible(raw.source, interacted.offsets, users.originalIds);

  const testRow = testRows(users.dense, raw.timestamps, numUsers);
  const testItems = new Int32Array(numUsers);
  for (let u = 0; u < numUsers; u++) testItems[u] = items.dense[testRow[u]];

  // Training positives: each user's distinct items minus its test item, by user then item.
  const numTrain = interacted.items.length - numUsers;
  const trainUsers = new Int32Array(numTrain);
  const trainItems = new Int32Array(numTrain);
  const trainOffsets = new Int32Array(numUsers + 1);
  const itemTrainCounts = new Int32Array(numItems);
  let written = 0;
  for (let u = 0; u < numUsers; u++) {
    trainOffsets[u] = written;
    for (let k = interacted.offsets[u]; k < interacted.offsets[u + 1]; k++) {
      const item = interacted.items[k];
      if (item === testItems[u]) continue;
      trainUsers[written] = u;
      trainItems[written] = item;
      itemTrainCounts[item]++;
      written++;
    }
  }
  trainOffsets[numUsers] = written;

  return {
    source: raw.source,
    numUsers,
    numItems,
    userIds: users.originalIds,
    itemIds: items.originalIds,
    testItems,
    trainUsers,
    trainItems,
    trainOffsets,
    numTrain,
    interactedOffsets: interacted.offsets,
    interactedItems: interacted.items,
    itemTrainCounts,
  };
}

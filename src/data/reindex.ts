/**
 * Dense re-indexing (docs/protocol.md step 2): the distinct ids of a column, ascending, are
 * numbered 0..n-1, and every row gets its id's number.
 */

export interface Reindexed {
  /** The distinct original ids, ascending: `originalIds[dense]` is the id. */
  readonly originalIds: Int32Array;
  /** Each row's dense index. */
  readonly dense: Int32Array;
}

/** Above this many slots a lookup table costs more than sorting does. */
const MAX_TABLE_SLOTS = 1 << 26;

export function reindex(ids: Int32Array): Reindexed {
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < ids.length; r++) {
    const id = ids[r];
    if (id < min) min = id;
    if (id > max) max = id;
  }
  const span = max - min + 1;
  return span <= MAX_TABLE_SLOTS && span <= 8 * ids.length + 1024 ? reindexByTable(ids, min, span) : reindexBySorting(ids);
}

/** MovieLens ids are small integers: one slot per possible id, no sorting. */
function reindexByTable(ids: Int32Array, min: number, span: number): Reindexed {
  const table = new Int32Array(span).fill(-1);
  for (let r = 0; r < ids.length; r++) table[ids[r] - min] = 0;
  let distinct = 0;
  for (let slot = 0; slot < span; slot++) if (table[slot] === 0) table[slot] = distinct++;
  const originalIds = new Int32Array(distinct);
  for (let slot = 0; slot < span; slot++) if (table[slot] >= 0) originalIds[table[slot]] = slot + min;
  const dense = new Int32Array(ids.length);
  for (let r = 0; r < ids.length; r++) dense[r] = table[ids[r] - min];
  return { originalIds, dense };
}

/** Sparse ids: sort the distinct ones and binary-search each row. */
function reindexBySorting(ids: Int32Array): Reindexed {
  const sorted = ids.slice().sort();
  let distinct = 0;
  for (let r = 0; r < sorted.length; r++) if (r === 0 || sorted[r] !== sorted[r - 1]) sorted[distinct++] = sorted[r];
  const originalIds = sorted.slice(0, distinct);
  const dense = new Int32Array(ids.length);
  for (let r = 0; r < ids.length; r++) {
    let low = 0;
    let high = distinct - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (originalIds[middle] < ids[r]) low = middle + 1;
      else high = middle;
    }
    dense[r] = low;
  }
  return { originalIds, dense };
}

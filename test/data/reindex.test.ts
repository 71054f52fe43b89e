import { describe, expect, it } from 'vitest';
import { reindex } from '../../src/data/reindex.ts';

describe('reindex', () => {
  it('numbers small ids in ascending order (lookup-table path)', () => {
    const { originalIds, dense } = reindex(Int32Array.from([5, 3, 5, 9, -2]));
    expect([...originalIds]).toEqual([-2, 3, 5, 9]);
    expect([...dense]).toEqual([2, 1, 2, 3, 0]);
  });

  it('numbers sparse ids the same way (sorting path)', () => {
    const { originalIds, dense } = reindex(Int32Array.from([2_000_000_000, 7, 2_000_000_000, -4]));
    expect([...originalIds]).toEqual([-4, 7, 2_000_000_000]);
    expect([...dense]).toEqual([2, 1, 2, 0]);
  });
});

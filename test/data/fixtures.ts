/** Small ratings files written into a fresh temporary folder, for the loader tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RawInteractions } from '../../src/data/types.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** Writes `content` at `name` (may contain folders) under a new temp folder; returns its path. */
export function writeFixture(name: string, content: string | Uint8Array): string {
  const path = join(tempDir('data'), name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** Interactions from [user, item, timestamp] rows, in the given (file) order. */
export function rawFromRows(rows: ReadonlyArray<readonly [number, number, number]>, source = 'rows'): RawInteractions {
  return {
    source,
    users: Int32Array.from(rows, (r) => r[0]),
    items: Int32Array.from(rows, (r) => r[1]),
    timestamps: Float64Array.from(rows, (r) => r[2]),
    length: rows.length,
  };
}

/** Plain arrays of the three columns, for readable `toEqual`. */
export function columns(raw: RawInteractions): { users: number[]; items: number[]; timestamps: number[] } {
  return { users: [...raw.users], items: [...raw.items], timestamps: [...raw.timestamps] };
}

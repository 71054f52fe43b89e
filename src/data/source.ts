/** `--data`: 'synthetic' (or nothing) for the generated default, otherwise a ratings file or MovieLens folder. */
import { existsSync } from 'node:fs';
import { DataError } from './errors.ts';
import { loadInteractions } from './load.ts';
import { generateSynthetic } from './synthetic.ts';
import type { RawInteractions } from './types.ts';

export async function resolveDataSource(spec: string | undefined): Promise<RawInteractions> {
  if (spec === undefined || spec === 'synthetic') return generateSynthetic();
  if (!existsSync(spec)) {
    throw new DataError(`data source '${spec}' does not exist: give a ratings file, a MovieLens folder or 'synthetic'`);
  }
  return loadInteractions(spec);
}

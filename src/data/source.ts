/**
 * `--data`: 'synthetic' (or nothing) for the generated default, 'synthetic:key=value,...'
 * for generated data of another size (src/data/synthetic-spec.ts), otherwise a ratings file
 * or MovieLens folder.
 */
import { existsSync } from 'node:fs';
import { DataError } from './errors.ts';
import { loadInteractions } from './load.ts';
import { generateSynthetic } from './synthetic.ts';
import { isSyntheticSpec, parseSyntheticSpec } from './synthetic-spec.ts';
import type { RawInteractions } from './types.ts';

const WHAT_IT_CAN_BE = "give a ratings file, a MovieLens folder, 'synthetic' or 'synthetic:key=value,...'";

/** Checks a data spec without loading it: a synthetic spec's options, or that the path exists. */
export function checkDataSource(spec: string): void {
  if (isSyntheticSpec(spec)) parseSyntheticSpec(spec);
  else if (!existsSync(spec)) throw new DataError(`data source '${spec}' does not exist: ${WHAT_IT_CAN_BE}`);
}

export async function resolveDataSource(spec: string | undefined): Promise<RawInteractions> {
  if (spec === undefined || spec === 'synthetic') return generateSynthetic();
  checkDataSource(spec);
  return isSyntheticSpec(spec) ? generateSynthetic(parseSyntheticSpec(spec)) : loadInteractions(spec);
}

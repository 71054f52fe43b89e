/** A small synthetic dataset written as a MovieLens ratings.csv, for tests that go through a file path. */
import { writeFileSync } from 'node:fs';
import { generateSynthetic, type SyntheticOptions } from '../../src/data/synthetic.ts';

export function writeSyntheticRatings(path: string, options: SyntheticOptions): void {
  const raw = generateSynthetic(options);
  const rows = Array.from({ length: raw.length }, (_, i) => `${raw.users[i]},${raw.items[i]},4.0,${raw.timestamps[i]}`);
  writeFileSync(path, ['userId,movieId,rating,timestamp', ...rows].join('\n') + '\n');
}

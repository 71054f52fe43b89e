/** The run manifest: what produced a result (version, commit, data, backend, Node) and when. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256OfFile, generateSynthetic, isSyntheticSpec, parseSyntheticSpec, type RawInteractions } from '../../data/index.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'); // src/experiment/run/ (or dist/experiment/run/) → the package

export function seedgradVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The checkout's commit, with `-dirty` when it has uncommitted changes; null outside a git checkout. */
export function gitCommit(): string | null {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty === '' ? commit : `${commit}-dirty`;
  } catch {
    return null;
  }
}

/** SHA-256 of the interactions themselves (ids and timestamps), for generated data. */
export function sha256OfInteractions(raw: RawInteractions): string {
  const hash = createHash('sha256');
  for (const column of [raw.users, raw.items, raw.timestamps]) hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  return hash.digest('hex');
}

/** The ratings file's SHA-256, or for synthetic data ('synthetic', 'synthetic:key=value,...') the generated interactions'. */
export async function datasetSha256(source: string): Promise<string> {
  if (isSyntheticSpec(source)) return sha256OfInteractions(generateSynthetic(parseSyntheticSpec(source)));
  return sha256OfFile(source);
}

export interface Manifest {
  readonly [key: string]: string | number | null;
}

export function createManifest(fields: { data: string; datasetSha256: string; backend: string; dtype: string; startedAt: Date; endedAt: Date }): Manifest {
  return {
    seedgrad: seedgradVersion(),
    gitCommit: gitCommit(),
    data: fields.data,
    datasetSha256: fields.datasetSha256,
    backend: fields.backend,
    dtype: fields.dtype,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    startedAt: fields.startedAt.toISOString(),
    endedAt: fields.endedAt.toISOString(),
  };
}

/** Manifest fields that are timings or places: the only ones that may differ between two sweeps of one config. */
export const VOLATILE_MANIFEST_FIELDS = ['startedAt', 'endedAt', 'gitCommit'] as const;

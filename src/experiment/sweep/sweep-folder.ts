/**
 * A sweep's output folder: what it is (new, someone else's, or a sweep's, finished or
 * not), its identity file sweep.json, and the clean-ups a sweep may do in it. A sweep
 * deletes only what a sweep writes: sweep.json's siblings results.*, report.html,
 * plots/*.svg|.vl.json, runs/run-NN-seed-S/, and temporary files of killed writes.
 *
 *   OUT/sweep.json   what this folder runs: the config, overrides, shard (for --resume and merge)
 *   OUT/sweep.lock   the process running in it now (sweep-lock.ts)
 */
import { existsSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError } from '../run/config.ts';
import { parseSweepConfig, type SweepConfig } from './sweep-config.ts';
import { LOCK_FILE } from './sweep-lock.ts';

export interface SweepOverrides {
  readonly data?: string;
  readonly convention?: 'keras' | 'torch';
}

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The identity of a sweep folder: a resumed or merged folder must match it. */
export interface SweepIdentity {
  readonly file: string;
  readonly config: SweepConfig;
  readonly overrides: SweepOverrides;
  readonly shard: Shard | null;
}

export const identityFile = (dir: string): string => join(dir, 'sweep.json');

export const sameIdentity = (a: SweepIdentity, b: SweepIdentity, ignoreShard = false): boolean =>
  JSON.stringify({ ...a, file: '', shard: ignoreShard ? null : a.shard }) === JSON.stringify({ ...b, file: '', shard: ignoreShard ? null : b.shard });

/** What two identities differ in, for messages: 'config', '--data', '--convention', '--shard', joined by 'and'. */
export function identityDifference(a: SweepIdentity, b: SweepIdentity): string {
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const parts = [
    same(a.config, b.config) ? '' : 'config',
    same(a.overrides.data, b.overrides.data) ? '' : '--data',
    same(a.overrides.convention, b.overrides.convention) ? '' : '--convention',
    same(a.shard, b.shard) ? '' : '--shard',
  ].filter((p) => p !== '');
  return parts.join(' and ');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a JSON file a sweep wrote; a damaged one is named in one line. */
export function readSweepJson(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: damaged (not valid JSON: ${error instanceof Error ? error.message : String(error)})`);
  }
}

export function readIdentity(dir: string): SweepIdentity {
  const file = identityFile(dir);
  if (!existsSync(file)) throw new ConfigError(`${dir}: not a sweep folder (no sweep.json)`);
  const json = readSweepJson(file);
  const missing = (what: string): never => {
    throw new ConfigError(`${file}: not a seedgrad sweep.json (${what})`);
  };
  if (!isRecord(json)) return missing('not an object');
  if (!isRecord(json.config)) missing('config missing');
  if (typeof json.file !== 'string') missing('file missing');
  if (!isRecord(json.overrides)) missing('overrides missing');
  const shard = json.shard;
  if (shard !== null && !(isRecord(shard) && Number.isSafeInteger(shard.index) && Number.isSafeInteger(shard.count))) missing('shard must be null or {index, count}');
  // The config is checked as a config file would be: a damaged one fails here, by this file's name.
  parseSweepConfig(json.config, file);
  return json as unknown as SweepIdentity;
}

/** Names of a folder's entries that a sweep never writes (the lock does not count: an abandoned lock alone leaves a folder empty). */
function foreignEntries(dir: string): string[] {
  return readdirSync(dir).filter((name) => name !== LOCK_FILE && !/\.tmp-\d+$/.test(name));
}

export type FolderState =
  | { readonly kind: 'new' }
  | { readonly kind: 'foreign' }
  | { readonly kind: 'sweep'; readonly identity: SweepIdentity; readonly finished: boolean };

/** What `dir` holds: nothing (or nothing yet), someone else's files, or a sweep (finished once results.json, written last, is there). */
export function inspectFolder(dir: string): FolderState {
  if (!existsSync(dir)) return { kind: 'new' };
  if (existsSync(identityFile(dir))) return { kind: 'sweep', identity: readIdentity(dir), finished: existsSync(join(dir, 'results.json')) };
  return foreignEntries(dir).length === 0 ? { kind: 'new' } : { kind: 'foreign' };
}

export const foreignFolderMessage = (dir: string): string => `${dir} is not empty and is not a seedgrad sweep folder (no sweep.json); give a new or empty --out`;

const UNIT_DIR = /^run-\d+-seed-\d+$/;
const PLOT_FILE = /\.(svg|vl\.json)$/;
const REPORT_FILES = ['results.json', 'results.csv', 'results.md', 'report.html', 'diagnostics.csv'];

function removeIfEmpty(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
}

/**
 * Removes an earlier sweep's outputs, and only those: the report first (results.json,
 * which marks a finished sweep, before anything else), then its plots and its units'
 * folders. sweep.json stays until the caller writes the new one.
 */
export function clearSweepOutputs(dir: string): void {
  for (const name of REPORT_FILES) rmSync(join(dir, name), { force: true });
  const plots = join(dir, 'plots');
  if (existsSync(plots)) for (const name of readdirSync(plots).filter((f) => PLOT_FILE.test(f))) rmSync(join(plots, name), { force: true });
  removeIfEmpty(plots);
  const runs = join(dir, 'runs');
  if (existsSync(runs)) for (const name of readdirSync(runs).filter((f) => UNIT_DIR.test(f))) rmSync(join(runs, name), { recursive: true, force: true });
}

/**
 * Deletes the temporary files (NAME.tmp-PID) that killed writes left in the folder, its
 * plots and its units' folders. Only while holding the lock: then no write is under way.
 */
export function removeTemporaryFiles(dir: string): void {
  const sweep = (folder: string, depth: number) => {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      // (A lock being taken writes sweep.lock.tmp-PID for a moment: not a leftover.)
      if (/\.tmp-\d+$/.test(name) && !name.startsWith(LOCK_FILE)) rmSync(path, { force: true });
      else if (depth > 0 && (UNIT_DIR.test(name) || name === 'checkpoints' || /^epoch-\d+$/.test(name)) && statSync(path).isDirectory()) sweep(path, depth - 1);
    }
  };
  sweep(dir, 0);
  sweep(join(dir, 'plots'), 0);
  // runs/<unit>/checkpoints/epoch-K/<file>.tmp-PID is four levels down.
  sweep(join(dir, 'runs'), 3);
}

/**
 * runs/<name>, followed by what the command line changed: the data when --data gives
 * other data than the config's (its file or folder name), the convention when it is not
 * the default one, and the shard. Two sweeps of one config with other flags never share
 * a default folder (e.g. `npm start`'s synthetic run and the README's MovieLens runs).
 */
export function defaultSweepDir(config: Pick<SweepConfig, 'name' | 'data'>, overrides: SweepOverrides, shard?: Shard): string {
  const data = overrides.data !== undefined && overrides.data !== (config.data ?? 'synthetic')
    ? `-${basename(overrides.data).replace(/\.(csv|dat|data)$/, '').replace(/[^A-Za-z0-9._-]+/g, '_')}` : '';
  const convention = overrides.convention !== undefined && overrides.convention !== 'keras' ? `-${overrides.convention}` : '';
  return join('runs', `${config.name}${data}${convention}${shard ? `-shard-${shard.index}-of-${shard.count}` : ''}`);
}

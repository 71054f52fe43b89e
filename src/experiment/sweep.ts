/**
 * A sweep from config to report: plan the units, run them (resuming, sharded, in
 * parallel), and write results.md, results.csv, results.json, plots and report.html.
 * `mergeSweeps` joins shard outputs into the report one machine would have written.
 *
 *   OUT/sweep.json            what this folder runs: the config, overrides, shard (for --resume and merge)
 *   OUT/runs/<unit>/          each unit's checkpoints, then result.json
 *   OUT/results.*, plots/, report.html
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sweepReportFiles } from '../report/sweep-files.ts';
import { toCsv } from '../report/tables.ts';
import type { SweepReport } from '../report/types.ts';
import { ConfigError } from './config.ts';
import { planSweep, shardUnits, sweepUnits, type PlannedRun, type SweepConfig, type Unit } from './sweep-config.ts';
import { runUnits, unitDir, type SweepProgress } from './sweep-runner.ts';
import { readUnitResult, type SweepBackend } from './sweep-unit.ts';
import { csvRows, resultsJson, summarizeSweep } from './sweep-summary.ts';
import { createManifest, datasetSha256, type Manifest } from './manifest.ts';
import { writeFileAtomic } from './atomic-write.ts';
import type { RunResult } from './run.ts';

export interface SweepOverrides {
  readonly data?: string;
  readonly convention?: 'keras' | 'torch';
}

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The identity of a sweep folder: a resumed or merged folder must match it. */
interface SweepIdentity {
  readonly file: string;
  readonly config: SweepConfig;
  readonly overrides: SweepOverrides;
  readonly shard: Shard | null;
}

export interface SweepRunOptions {
  readonly file: string;
  readonly outDir: string;
  readonly jobs: number;
  readonly resume: boolean;
  readonly shard?: Shard;
  readonly overrides: SweepOverrides;
  /** The backend each run uses, and how the manifest names it. */
  readonly backend: SweepBackend & { readonly description: string };
  readonly progress?: SweepProgress;
}

export interface SweepOutcome {
  readonly outDir: string;
  readonly report: SweepReport;
  readonly files: readonly string[];
}

const identityFile = (dir: string) => join(dir, 'sweep.json');
const sameIdentity = (a: SweepIdentity, b: SweepIdentity, ignoreShard = false) =>
  JSON.stringify({ ...a, file: '', shard: ignoreShard ? null : a.shard }) === JSON.stringify({ ...b, file: '', shard: ignoreShard ? null : b.shard });

function readIdentity(dir: string): SweepIdentity {
  const file = identityFile(dir);
  if (!existsSync(file)) throw new ConfigError(`${dir}: not a sweep folder (no sweep.json)`);
  return JSON.parse(readFileSync(file, 'utf8')) as SweepIdentity;
}

export async function runSweep(sweep: SweepConfig, options: SweepRunOptions): Promise<SweepOutcome> {
  const startedAt = new Date();
  const plan = planSweep(sweep, options.file, options.overrides);
  const all = sweepUnits(plan);
  const units = options.shard ? shardUnits(all, options.shard.index, options.shard.count) : all;
  const identity: SweepIdentity = { file: options.file, config: sweep, overrides: options.overrides, shard: options.shard ?? null };
  if (options.resume && existsSync(identityFile(options.outDir))) {
    if (!sameIdentity(readIdentity(options.outDir), identity)) {
      throw new ConfigError(`--resume: ${options.outDir} holds a different sweep (config, --data, --convention or --shard differ); use another --out or drop --resume`);
    }
  } else {
    for (const stale of ['runs', 'plots']) rmSync(join(options.outDir, stale), { recursive: true, force: true });
  }
  writeFileAtomic(identityFile(options.outDir), JSON.stringify(identity, null, 1) + '\n');
  const results = await runUnits(units, { outDir: options.outDir, jobs: options.jobs, resume: options.resume, backend: options.backend, progress: options.progress });
  const byId = new Map(units.map((u, k) => [u.id, results[k]]));
  const data = options.overrides.data ?? sweep.data ?? 'synthetic';
  const manifest = createManifest({ data, datasetSha256: await datasetSha256(data), backend: options.backend.description, dtype: dtypesOf(units), startedAt, endedAt: new Date() });
  const shownPlan = options.shard ? plan.filter((run) => units.some((u) => u.run.id === run.id)) : plan;
  return writeSweepOutputs(options.outDir, sweep, shownPlan, units, byId, manifest);
}

const dtypesOf = (units: readonly Unit[]): string => [...new Set(units.map((u) => u.config.dtype))].join(', ');

async function writeSweepOutputs(outDir: string, sweep: SweepConfig, plan: readonly PlannedRun[], units: readonly Unit[], results: ReadonlyMap<string, RunResult>, manifest: Manifest): Promise<SweepOutcome> {
  const shown = units.filter((u) => plan.includes(u.run));
  const report = summarizeSweep(sweep, plan, shown, results, manifest);
  const files = await sweepReportFiles(report);
  files.set('results.csv', toCsv(csvRows(shown, results)));
  files.set('results.json', JSON.stringify(resultsJson(sweep, plan, shown, results, manifest), null, 1) + '\n');
  for (const [name, content] of files) writeFileAtomic(join(outDir, name), content);
  return { outDir, report, files: [...files.keys()] };
}

/**
 * Joins the folders of `seedgrad sweep --shard i/n` runs of one config into the outputs
 * of the whole sweep. Every unit must be present in exactly one folder.
 */
export async function mergeSweeps(dirs: readonly string[], out?: string): Promise<SweepOutcome> {
  if (dirs.length === 0) throw new ConfigError('merge: give the shard folders to merge');
  const identities = dirs.map(readIdentity);
  const first = identities[0];
  identities.forEach((id, k) => {
    if (!sameIdentity(id, first, true)) throw new ConfigError(`merge: ${dirs[k]} ran a different sweep than ${dirs[0]} (config, --data or --convention differ)`);
  });
  const plan = planSweep(first.config, first.file, first.overrides);
  const units = sweepUnits(plan);
  const outDir = out ?? join('runs', first.config.name);
  const results = new Map<string, RunResult>();
  const manifests: Manifest[] = [];
  for (const dir of dirs) {
    for (const unit of units) {
      const result = readUnitResult(unitDir(dir, unit));
      if (result === undefined) continue;
      if (results.has(unit.id)) throw new ConfigError(`merge: unit ${unit.id} is in more than one folder (again in ${dir})`);
      results.set(unit.id, result);
    }
    const json = join(dir, 'results.json');
    if (existsSync(json)) manifests.push((JSON.parse(readFileSync(json, 'utf8')) as { manifest: Manifest }).manifest);
  }
  const missing = units.filter((u) => !results.has(u.id));
  if (missing.length > 0) throw new ConfigError(`merge: ${missing.length} of ${units.length} units have no result yet: ${missing.slice(0, 5).map((u) => u.id).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  const times = manifests.flatMap((m) => [m.startedAt, m.endedAt]).filter((t): t is string => typeof t === 'string').sort();
  const base = manifests[0] ?? {};
  const manifest: Manifest = { ...base, startedAt: times[0] ?? null, endedAt: times[times.length - 1] ?? null, mergedFrom: dirs.length };
  writeFileAtomic(identityFile(outDir), JSON.stringify({ ...first, shard: null }, null, 1) + '\n');
  return writeSweepOutputs(outDir, first.config, plan, units, results, manifest);
}

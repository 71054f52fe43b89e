/**
 * A sweep from config to report: plan the units, run them (resuming, sharded, in
 * parallel), and write results.md, results.csv, results.json, plots and report.html.
 * `mergeSweeps` joins shard outputs into the report one machine would have written.
 *
 *   OUT/sweep.json            what this folder runs (sweep-folder.ts)
 *   OUT/sweep.lock            the process running in it (sweep-lock.ts)
 *   OUT/runs/<unit>/          each unit's checkpoints, then result.json
 *   OUT/results.*, plots/, report.html
 *
 * What a sweep does with an --out that already exists: one that is not a sweep's and not
 * empty is refused; a sweep of the same config, finished, is shown again without running;
 * another finished or unfinished sweep is refused unless --resume (same config only) or
 * --force (its outputs are cleared first, so an interrupted run never leaves a mix).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv } from '../../report/tables.ts';
import type { SweepReport } from '../../report/types.ts';
import { ConfigError } from '../run/config.ts';
import { planSweep, shardUnits, sweepUnits, type PlannedRun, type SweepConfig, type Unit } from './sweep-config.ts';
import { runUnits, unitDir, unitName, type SweepProgress } from './sweep-runner.ts';
import { readUnitResult, type SweepBackend } from './sweep-unit.ts';
import { csvRows, resultsJson, summarizeSweep } from './sweep-summary.ts';
import { diagnosticsCsvRows } from './sweep-diagnostics.ts';
import { createManifest, datasetSha256, type Manifest } from '../run/manifest.ts';
import { writeFileAtomic } from '../run/atomic-write.ts';
import { workloadOf } from '../workloads/index.ts';
import { acquireSweepLock } from './sweep-lock.ts';
import {
  clearSweepOutputs, defaultSweepDir, foreignFolderMessage, identityDifference, identityFile, inspectFolder, readIdentity, readSweepJson, removeTemporaryFiles, sameIdentity,
  type Shard, type SweepIdentity, type SweepOverrides,
} from './sweep-folder.ts';
import type { RunResult } from '../run/run.ts';

export { defaultSweepDir, type Shard, type SweepOverrides } from './sweep-folder.ts';

export interface SweepRunOptions {
  readonly file: string;
  readonly outDir: string;
  readonly jobs: number;
  readonly resume: boolean;
  /** Replace whatever sweep --out holds (its outputs are cleared first). */
  readonly force?: boolean;
  readonly shard?: Shard;
  readonly overrides: SweepOverrides;
  /** The most runs the grid may expand to (default MAX_RUNS). */
  readonly maxRuns?: number;
  /** The backend each run uses, and how the manifest names it. */
  readonly backend: SweepBackend & { readonly description: string };
  readonly progress?: SweepProgress;
  /** Told what the sweep did to the folder beyond running: a lock taken over, old outputs cleared, a finished sweep reused. */
  readonly onNotice?: (line: string) => void;
}

export interface SweepOutcome {
  readonly outDir: string;
  /** Absent when the folder's finished outputs were reused. */
  readonly report?: SweepReport;
  readonly files: readonly string[];
  /** True when --out already held this sweep, finished, and nothing ran. */
  readonly reused: boolean;
}

/**
 * Decides what to do with the folder (see the header) and leaves it ready to run into.
 * Returns true when it holds this sweep, finished, and there is nothing to do.
 */
async function prepareFolder(identity: SweepIdentity, units: readonly Unit[], options: SweepRunOptions, notice: (line: string) => void): Promise<boolean> {
  const dir = options.outDir;
  const state = inspectFolder(dir);
  if (state.kind === 'foreign') throw new ConfigError(foreignFolderMessage(dir));
  if (state.kind === 'sweep') {
    const same = sameIdentity(state.identity, identity);
    const name = `'${state.identity.config.name}'`;
    if (options.resume) {
      if (!same) throw new ConfigError(`--resume: ${dir} holds a sweep (${name}) with another ${identityDifference(state.identity, identity)}; use another --out or drop --resume`);
    } else if (options.force === true) {
      clearSweepOutputs(dir);
      notice(`${dir}: cleared the outputs of the earlier sweep (${name}) before starting`);
    } else if (same && state.finished) {
      const recorded = readSweepJson(join(dir, 'results.json')) as { manifest?: { datasetSha256?: unknown } } | null;
      if (recorded?.manifest?.datasetSha256 !== (await sweepData(identity, units)).sha256) {
        throw new ConfigError(`${dir} holds this sweep, finished on other data (the SHA-256 in its results.json differs); pass --force to run it again`);
      }
      // Every unit's result must still be there and its own (this throws if not).
      if (units.every((u) => readUnitResult(unitDir(dir, u), u.config, unitName(u)) !== undefined)) {
        notice(`${dir} already holds this sweep, finished: its results are shown again (pass --force to run it again)`);
        return true;
      }
      throw new ConfigError(`${dir} holds this sweep, but some of its runs have no result; pass --resume to finish them, or --force to start over`);
    } else if (state.finished) {
      throw new ConfigError(`${dir} holds a finished sweep (${name}) with another ${identityDifference(state.identity, identity)}; pass --force to replace it, or give another --out`);
    } else {
      throw new ConfigError(`${dir} holds an unfinished sweep (${name}); pass --resume to continue it, or --force to start it over`);
    }
  }
  removeTemporaryFiles(dir);
  return false;
}

export async function runSweep(sweep: SweepConfig, options: SweepRunOptions): Promise<SweepOutcome> {
  const startedAt = new Date();
  const plan = planSweep(sweep, options.file, options.overrides, { maxRuns: options.maxRuns });
  const all = sweepUnits(plan);
  const units = options.shard ? shardUnits(all, options.shard.index, options.shard.count) : all;
  const identity: SweepIdentity = { file: options.file, config: sweep, overrides: options.overrides, shard: options.shard ?? null };
  const notice = options.onNotice ?? (() => {});
  // Checked before the lock too, so that nothing is written into someone else's folder, not even the lock.
  if (inspectFolder(options.outDir).kind === 'foreign') throw new ConfigError(foreignFolderMessage(options.outDir));
  const release = acquireSweepLock(options.outDir, notice);
  try {
    if (await prepareFolder(identity, units, options, notice)) return { outDir: options.outDir, files: [], reused: true };
    writeFileAtomic(identityFile(options.outDir), JSON.stringify(identity, null, 1) + '\n');
    const results = await runUnits(units, { outDir: options.outDir, jobs: options.jobs, resume: options.resume, backend: options.backend, progress: options.progress, diagnostics: sweep.diagnostics });
    const byId = new Map(units.map((u, k) => [u.id, results[k]]));
    const { data, sha256 } = await sweepData(identity, units);
    const manifest = createManifest({ data, datasetSha256: sha256, backend: options.backend.description, dtype: dtypesOf(units), startedAt, endedAt: new Date() });
    const shownPlan = options.shard ? plan.filter((run) => units.some((u) => u.run.id === run.id)) : plan;
    return await writeSweepOutputs(options.outDir, sweep, shownPlan, units, byId, manifest);
  } finally {
    release();
  }
}

/** The data the manifest names: the ratings file and its SHA-256, or, for a workload that generates its data, that it does. */
async function sweepData(identity: SweepIdentity, units: readonly Unit[]): Promise<{ data: string; sha256: string }> {
  const workload = workloadOf(units[0]?.config ?? {});
  if (!workload.loadsData) return { data: `generated by the ${workload.name} workload from each run's config and seed`, sha256: 'none (generated data)' };
  const data = identity.overrides.data ?? identity.config.data ?? 'synthetic';
  return { data, sha256: await datasetSha256(data) };
}

const dtypesOf = (units: readonly Unit[]): string => [...new Set(units.map((u) => u.config.dtype))].join(', ');

async function writeSweepOutputs(outDir: string, sweep: SweepConfig, plan: readonly PlannedRun[], units: readonly Unit[], results: ReadonlyMap<string, RunResult>, manifest: Manifest): Promise<SweepOutcome> {
  const shown = units.filter((u) => plan.includes(u.run));
  const report = summarizeSweep(sweep, plan, shown, results, manifest);
  // Loaded here, not at the top: importing seedgrad must not load vega (the report's plots need it).
  const { sweepReportFiles } = await import('../../report/sweep-files.ts');
  const files = await sweepReportFiles(report);
  files.set('results.csv', toCsv(csvRows(shown, results)));
  if (sweep.diagnostics !== undefined) files.set('diagnostics.csv', toCsv(diagnosticsCsvRows(shown, results)));
  files.set('results.json', JSON.stringify(resultsJson(sweep, plan, shown, results, manifest), null, 1) + '\n');
  for (const [name, content] of files) writeFileAtomic(join(outDir, name), content);
  return { outDir, report, files: [...files.keys()], reused: false };
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
  // The shards' grid was accepted when they ran: no limit here.
  const plan = planSweep(first.config, first.file, first.overrides, { maxRuns: Infinity });
  const units = sweepUnits(plan);
  const outDir = out ?? defaultSweepDir(first.config, first.overrides);
  const results = new Map<string, RunResult>();
  const manifests: Manifest[] = [];
  for (const dir of dirs) {
    for (const unit of units) {
      const result = readUnitResult(unitDir(dir, unit), unit.config, unitName(unit));
      if (result === undefined) continue;
      if (results.has(unit.id)) throw new ConfigError(`merge: unit ${unit.id} is in more than one folder (again in ${dir})`);
      results.set(unit.id, result);
    }
    const json = join(dir, 'results.json');
    if (existsSync(json)) manifests.push(readManifest(json));
  }
  const missing = units.filter((u) => !results.has(u.id));
  if (missing.length > 0) throw new ConfigError(`merge: ${missing.length} of ${units.length} units have no result yet: ${missing.slice(0, 5).map((u) => u.id).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  const times = manifests.flatMap((m) => [m.startedAt, m.endedAt]).filter((t): t is string => typeof t === 'string').sort();
  const base = manifests[0] ?? {};
  const manifest: Manifest = { ...base, startedAt: times[0] ?? null, endedAt: times[times.length - 1] ?? null, mergedFrom: dirs.length };
  const release = acquireSweepLock(outDir, () => {});
  try {
    const state = inspectFolder(outDir);
    if (state.kind === 'foreign') throw new ConfigError(`merge: ${foreignFolderMessage(outDir)}`);
    if (state.kind === 'sweep' && !sameIdentity(state.identity, first, true)) throw new ConfigError(`merge: ${outDir} holds another sweep ('${state.identity.config.name}'); give another --out`);
    writeFileAtomic(identityFile(outDir), JSON.stringify({ ...first, shard: null }, null, 1) + '\n');
    return await writeSweepOutputs(outDir, first.config, plan, units, results, manifest);
  } finally {
    release();
  }
}

/** A shard's manifest, from its results.json; a damaged file is named. */
function readManifest(file: string): Manifest {
  let json: unknown;
  try {
    json = readSweepJson(file);
  } catch (error) {
    throw new ConfigError(`merge: ${(error as Error).message}`);
  }
  const manifest = (json as { manifest?: unknown } | null)?.manifest;
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new ConfigError(`merge: ${file}: not a sweep's results.json (manifest missing)`);
  return manifest as Manifest;
}

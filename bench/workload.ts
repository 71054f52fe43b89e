/**
 * The reference workload (docs/protocol.md) for the benchmarks: ml-latest-small from
 * SEEDGRAD_BENCH_DATA (a folder, or a synthetic:… spec) or ../shared/data, else a synthetic set of the same size (said so
 * in the output), and a seedgrad session with the protocol's defaults.
 */
import '../src/backend/platform/install-node.ts';
import { existsSync } from 'node:fs';
import { buildDataset, generateSynthetic, isSyntheticSpec, parseSyntheticSpec, resolveDataSource, type Dataset } from '../src/data/index.ts';
import { PROTOCOL_DEFAULTS, createSession, type RecommenderTrainConfig, type Session } from '../src/experiment/index.ts';
import type { RecommenderRun } from '../src/experiment/workloads/index.ts';
import type { Recommender } from '../src/model/index.ts';
import { ACCUMULATIONS, type Accumulation } from '../src/backend/index.ts';
import { UserError } from '../src/user-error.ts';

/** A benchmark's environment setting that is wrong (a UserError: reported in one line). */
export class BenchSettingError extends UserError {
  override readonly name: string = 'BenchSettingError';
}

// Every benchmark imports this module: a wrong setting or a user's error (a bad data spec)
// ends it with the one-line message, as the CLI does; anything else is a bug and keeps its stack.
process.on('uncaughtException', (error) => {
  console.error(error instanceof UserError ? error.message : error);
  process.exit(1);
});

/** The integer environment setting `name` (at least `least`), or `fallback` where it is unset. */
export function envInteger(name: string, fallback: number, least = 1): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < least) throw new BenchSettingError(`${name} must be an integer of at least ${least}, got '${value}'`);
  return n;
}

export async function loadWorkloadData(): Promise<{ dataset: Dataset; label: string }> {
  const given = process.env.SEEDGRAD_BENCH_DATA;
  if (given !== undefined && isSyntheticSpec(given)) return { dataset: buildDataset(generateSynthetic(parseSyntheticSpec(given))), label: given };
  const candidates = [given, '../shared/data/ml-latest-small', '../../shared/data/ml-latest-small'].filter((p): p is string => p !== undefined && p !== '');
  const found = candidates.find((p) => existsSync(p));
  if (found !== undefined) return { dataset: buildDataset(await resolveDataSource(found)), label: `ml-latest-small (${found})` };
  const raw = generateSynthetic({ users: 610, items: 9724, interactions: 100_836, seed: 0 });
  return { dataset: buildDataset(raw), label: 'synthetic, ml-latest-small-sized (ml-latest-small not found)' };
}

/** A recommender session, with its model and dataset at hand. */
export interface RecommenderSession extends Session {
  readonly config: RecommenderTrainConfig;
  readonly model: Recommender;
  readonly dataset: Dataset;
}

export function workloadSession(dataset: Dataset): RecommenderSession {
  const config: RecommenderTrainConfig = { ...PROTOCOL_DEFAULTS, data: 'bench', epochs: 1 };
  const session = createSession(config, dataset);
  const run = session.workload as RecommenderRun;
  return { ...session, config, model: run.model, dataset: run.dataset };
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function machineLine(): string {
  return `node ${process.version}, ${process.platform} ${process.arch}`;
}

/** SEEDGRAD_ACCUMULATION: the js backend's float32 matmul accumulation for the benchmarks (default: the backend's, float32). */
export function benchAccumulation(): Accumulation | undefined {
  const value = process.env.SEEDGRAD_ACCUMULATION;
  if (value === undefined || value === '') return undefined;
  if (!(ACCUMULATIONS as readonly string[]).includes(value)) throw new BenchSettingError(`SEEDGRAD_ACCUMULATION must be one of ${ACCUMULATIONS.join(', ')}, got '${value}'`);
  return value as Accumulation;
}

/** SEEDGRAD_THREADS for the js backend, as the CLI reads it (the library reads no environment); undefined where unset. */
export function benchThreads(): number | undefined {
  const value = process.env.SEEDGRAD_THREADS;
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new BenchSettingError(`SEEDGRAD_THREADS must be an integer from 1 to 16, got '${value}'`);
  return n;
}

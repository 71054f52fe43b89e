/**
 * Sweep configs: a JSON file naming a grid of training runs, validated on load, expanded
 * into units (one run × one seed). The format (docs in README "Sweeps"):
 *
 *   {"name": "seed-log", "data": "synthetic", "seeds": [1, 2, 3], "title": "…",
 *    "base": {"model": "neumf", "epochs": 5, "learningRate": 0.0001, …},
 *    "runs":   [{"optimizer": "adam"}, {"optimizer": "adam", "amsgrad": true}, …],
 *    "groups": [{"title": "Learning rate alone", "runs": [{"optimizer": "nadam", "learningRate": 0.01}]}],
 *    "cross":  {"learningRate": [0.001, 0.01]}}
 *
 * A run's keys override `base`; optimizer options sit beside `optimizer`; every run is
 * repeated for each combination of the `cross` axes. Runs are numbered 1, 2, … in order:
 * ungrouped runs first, then each group's.
 */
import { ALL_OPTION_KEYS, OPTIMIZERS, describeValue, type OptimizerOptions } from '../../optim/index.ts';
import { parseSweepDiagnostics, type SweepDiagnostics } from './sweep-diagnostics.ts';
import { ConfigError, resolveTrainConfig, type TrainConfig } from '../run/config.ts';
import { WORKLOADS, workloadOf } from '../workloads/index.ts';

/**
 * Keys of a run (and of `base`): the run's config (every key of any workload's config but
 * those the sweep sets: data, seed, and the optimizer options, which sit flat beside
 * `optimizer`), its optimizer options, and a display label. Which of them a run may set
 * is its workload's to say (resolveTrainConfig names a key it does not take).
 */
const CONFIG_KEYS: readonly string[] = [...new Set(Object.values(WORKLOADS).flatMap((w) => Object.keys(w.checks)))].filter((key) => !['data', 'seed', 'optimizerOptions'].includes(key));
const RUN_KEYS: readonly string[] = [...CONFIG_KEYS, ...ALL_OPTION_KEYS, 'label'];
const TOP_KEYS = ['name', 'description', 'title', 'data', 'seeds', 'base', 'runs', 'groups', 'cross', 'diagnostics'];

export type RunSpec = Readonly<Record<string, unknown>>;

export interface SweepConfig {
  readonly name: string;
  readonly description?: string;
  /** Title of the table of ungrouped runs. */
  readonly title?: string;
  readonly data?: string;
  readonly seeds: readonly number[];
  readonly base: RunSpec;
  readonly runs: readonly RunSpec[];
  readonly groups: readonly { readonly title: string; readonly runs: readonly RunSpec[] }[];
  readonly cross: Readonly<Record<string, readonly unknown[]>>;
  /** Per-parameter diagnostics (and sharpness) for every run (sweep-diagnostics.ts). */
  readonly diagnostics?: SweepDiagnostics;
}

export interface PlannedRun {
  /** 1-based number across the whole sweep, as the log numbered its runs. */
  readonly number: number;
  readonly id: string;
  readonly group: string;
  readonly label: string;
  /** The run's keys after base and cross were applied (what a table shows). */
  readonly spec: RunSpec;
  /** One config per seed, in the order of `seeds`. */
  readonly configs: readonly TrainConfig[];
}

export interface Unit {
  readonly id: string;
  readonly run: PlannedRun;
  readonly seed: number;
  readonly config: TrainConfig;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(where: string, object: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) throw new ConfigError(`${where}: unknown key '${key.length > 60 ? `${key.slice(0, 60)}…` : key}'; allowed: ${allowed.join(', ')}`);
  }
  if ('label' in object && typeof object.label !== 'string') throw new ConfigError(`${where}: label must be a string, got ${describeValue(object.label)}`);
}

/** Deepest nesting a config value may have: far above any real config, far below what recursion in JSON.stringify survives. */
const MAX_DEPTH = 32;

/** Walks the document without recursion and refuses a value nested deeper than MAX_DEPTH, naming where. */
function checkDepth(json: unknown, file: string): void {
  const stack: [unknown, number, string][] = [[json, 0, '']];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) throw new ConfigError(`${file}: ${path} is nested more than ${MAX_DEPTH} levels deep`);
    if (Array.isArray(value)) value.forEach((v, k) => stack.push([v, depth + 1, `${path}[${k}]`]));
    else for (const [key, v] of Object.entries(value)) stack.push([v, depth + 1, path === '' ? key : `${path}.${key}`]);
  }
}

/** Checks the file's structure and types; the values of run keys are checked by `planSweep`. */
export function parseSweepConfig(json: unknown, file: string): SweepConfig {
  if (!isObject(json)) throw new ConfigError(`${file}: a sweep config is a JSON object`);
  checkDepth(json, file);
  checkKeys(file, json, TOP_KEYS);
  const { name, description, title, data, seeds = [0], base = {}, runs = [], groups = [], cross = {} } = json;
  const diagnostics = parseSweepDiagnostics(json.diagnostics, file);
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new ConfigError(`${file}: name must be a string of letters, digits, '.', '_' and '-' (it names the output folder), got ${describeValue(name)}`);
  }
  for (const [key, value] of Object.entries({ description, title, data })) {
    if (value !== undefined && typeof value !== 'string') throw new ConfigError(`${file}: ${key} must be a string, got ${describeValue(value)}`);
  }
  if (!Array.isArray(seeds) || seeds.length === 0 || !seeds.every((s) => Number.isSafeInteger(s) && s >= 0 && s < 2 ** 31) || new Set(seeds).size !== seeds.length) {
    throw new ConfigError(`${file}: seeds must be a non-empty list of distinct integers in [0, 2^31), got ${describeValue(seeds)}`);
  }
  if (!isObject(base)) throw new ConfigError(`${file}: base must be an object of run keys`);
  checkKeys(`${file}: base`, base, RUN_KEYS);
  if (!Array.isArray(runs)) throw new ConfigError(`${file}: runs must be a list of objects`);
  if (!Array.isArray(groups)) throw new ConfigError(`${file}: groups must be a list of {"title", "runs"}`);
  const parsedGroups = groups.map((group, g) => {
    if (!isObject(group) || typeof group.title !== 'string' || !Array.isArray(group.runs)) {
      throw new ConfigError(`${file}: groups[${g}] must be {"title": string, "runs": [...]}`);
    }
    checkKeys(`${file}: groups[${g}]`, group, ['title', 'runs']);
    return { title: group.title, runs: group.runs as unknown[] };
  });
  const allRuns: unknown[] = [...runs, ...parsedGroups.flatMap((g) => g.runs)];
  if (allRuns.length === 0) throw new ConfigError(`${file}: no runs: give "runs", "groups" or both`);
  allRuns.forEach((run, k) => {
    if (!isObject(run)) throw new ConfigError(`${file}: run ${k + 1} must be an object of run keys`);
    checkKeys(`${file}: run ${k + 1}`, run, RUN_KEYS);
  });
  if (!isObject(cross)) throw new ConfigError(`${file}: cross must be an object of {key: [values]}`);
  checkKeys(`${file}: cross`, cross, RUN_KEYS.filter((k) => k !== 'label'));
  for (const [key, values] of Object.entries(cross)) {
    if (!Array.isArray(values) || values.length === 0) throw new ConfigError(`${file}: cross.${key} must be a non-empty list of values`);
  }
  return {
    name,
    description: description as string | undefined,
    title: title as string | undefined,
    data: data as string | undefined,
    seeds: seeds as number[],
    base,
    runs: runs as RunSpec[],
    groups: parsedGroups as { title: string; runs: RunSpec[] }[],
    cross: cross as Record<string, unknown[]>,
    ...(diagnostics === undefined ? {} : { diagnostics }),
  };
}

/** How many runs (rows of the tables, each run once per seed) a grid may expand to unless the caller raises it. */
export const MAX_RUNS = 1000;

/** Every combination of the cross axes, as override objects (one empty object when there are none). */
function crossCombinations(cross: Readonly<Record<string, readonly unknown[]>>): Record<string, unknown>[] {
  return Object.entries(cross).reduce<Record<string, unknown>[]>((combos, [key, values]) => combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v }))), [{}]);
}

/** Each optimizer's name as a label shows it (its spec's displayName: `RMSprop`). */
const DISPLAY: ReadonlyMap<string, string> = new Map(OPTIMIZERS.map((spec) => [spec.name, spec.displayName]));

/** A readable name: the optimizer, its switched-on variants, and the crossed values. */
function defaultLabel(spec: RunSpec, crossed: Record<string, unknown>): string {
  const optimizer = String(spec.optimizer ?? workloadOf({ workload: typeof spec.workload === 'string' && spec.workload in WORKLOADS ? spec.workload : undefined }).defaults(spec).optimizer);
  let label = DISPLAY.get(optimizer) ?? optimizer;
  if (spec.amsgrad === true) label += ' + AMSGrad';
  if (spec.nesterov === true) label += ' + Nesterov';
  if (spec.centered === true) label += ' (centered)';
  const extras = Object.entries(crossed).map(([k, v]) => `${k} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`);
  return extras.length > 0 ? `${label} (${extras.join(', ')})` : label;
}

/**
 * Expands a parsed config into numbered runs with validated configs. `overrides` come from
 * the command line (`--data`, `--convention`): the convention applies to every run that
 * does not set its own.
 */
export function planSweep(sweep: SweepConfig, file: string, overrides: { data?: string; convention?: 'keras' | 'torch' } = {}, limits: { maxRuns?: number } = {}): PlannedRun[] {
  const grouped = [
    ...sweep.runs.map((run) => ({ group: sweep.title ?? 'Runs', run })),
    ...sweep.groups.flatMap((g) => g.runs.map((run) => ({ group: g.title, run }))),
  ];
  // Counted before anything is expanded: a cross of millions would otherwise fill memory first.
  const combinations = Object.values(sweep.cross).reduce((n, values) => n * values.length, 1);
  const maxRuns = limits.maxRuns ?? MAX_RUNS;
  if (grouped.length * combinations > maxRuns) {
    throw new ConfigError(`${file}: the grid has ${grouped.length * combinations} runs (${grouped.length} runs × ${combinations} cross combinations), more than the limit of ${maxRuns}; raise it with --max-runs`);
  }
  const planned: PlannedRun[] = [];
  for (const { group, run } of grouped) {
    for (const crossed of crossCombinations(sweep.cross)) {
      const number = planned.length + 1;
      const ownConvention = run.convention !== undefined;
      const spec: Record<string, unknown> = { ...sweep.base, ...crossed, ...run };
      if (overrides.convention !== undefined && !ownConvention) spec.convention = overrides.convention;
      const label = typeof spec.label === 'string' ? spec.label : defaultLabel(spec, crossed);
      const where = `${file}: run ${number} (${label}${group === (sweep.title ?? 'Runs') ? '' : `, group "${group}"`})`;
      const configs = sweep.seeds.map((seed) => resolveTrainConfig(toTrainConfig(spec, seed, overrides.data ?? sweep.data ?? 'synthetic'), where));
      planned.push({ number, id: `run-${String(number).padStart(2, '0')}`, group, label, spec, configs });
    }
  }
  // One report compares the runs by one set of metrics: a sweep trains one workload, with one set.
  const metricsOf = (config: TrainConfig) => workloadOf(config).metrics(config).map((m) => m.title).join(', ');
  const first = planned[0].configs[0];
  const other = planned.find((run) => metricsOf(run.configs[0]) !== metricsOf(first));
  if (other !== undefined) {
    throw new ConfigError(`${file}: run ${other.number} (${other.label}) reports ${metricsOf(other.configs[0])}, run 1 ${metricsOf(first)}: the runs of one sweep must share a workload and its metrics (workload, loss, topK)`);
  }
  return planned;
}

/** Splits a run's flat keys into the config's keys and the optimizer's options. */
function toTrainConfig(spec: RunSpec, seed: number, data: string): Partial<TrainConfig> {
  // Only a workload that loads data (the recommender) takes the sweep's `data`.
  const config: Record<string, unknown> = workloadOf({ workload: typeof spec.workload === 'string' && spec.workload in WORKLOADS ? spec.workload : undefined }).loadsData ? { data, seed } : { seed };
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'label') continue;
    if (CONFIG_KEYS.includes(key)) config[key] = value;
    else options[key] = value;
  }
  config.optimizerOptions = options as OptimizerOptions;
  return config as Partial<TrainConfig>;
}

/** The units of a plan: each run once per seed, in run order then seed order. */
export function sweepUnits(plan: readonly PlannedRun[]): Unit[] {
  return plan.flatMap((run) => run.configs.map((config) => ({ id: `${run.id}-seed-${config.seed}`, run, seed: config.seed, config })));
}

/** The units of shard `index` (1-based) of `count`: every count-th unit, a fixed subset. */
export function shardUnits(units: readonly Unit[], index: number, count: number): Unit[] {
  return units.filter((_, k) => k % count === index - 1);
}

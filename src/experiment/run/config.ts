/**
 * A training run's configuration: the workload's keys (src/experiment/workloads) with its
 * defaults — docs/protocol.md's for the recommender — and validation that names the key,
 * the value and what is allowed. The optimizer's own options are validated by src/optim
 * when the optimizer is built.
 */
import { conventionsOf, describeValue, isOptimizerName, optimizerSpec, optimizerVariant, resolveOptimizerConfig } from '../../optim/index.ts';
import { UserError } from '../../user-error.ts';
import { WORKLOADS, WORKLOAD_NAMES, type TrainConfig, type WorkloadName } from '../workloads/index.ts';
import type { Check } from '../workloads/checks.ts';

export { PROTOCOL_DEFAULTS, type RecommenderTrainConfig, type TeacherStudentConfig, type TrainConfig, type WorkloadName } from '../workloads/index.ts';

export class ConfigError extends UserError {
  override readonly name = 'ConfigError';
}

/**
 * What a training run adds for some optimizers when the user does not say: a rule that
 * exists in one convention only takes that convention (sparseadam: torch), and SparseAdam
 * takes `denseAdam: true`, so that NeuMF's dense layers (its MLP and output) are updated
 * by torch's Adam while its embedding tables take SparseAdam, as torch users pair them.
 */
function withTrainingDefaults(partial: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  if (!isOptimizerName(partial.optimizer)) return partial;
  const conventions = conventionsOf(optimizerSpec(partial.optimizer));
  const convention = partial.convention === undefined && conventions.length === 1 ? { convention: conventions[0]! } : {};
  const given = partial.optimizerOptions as Record<string, unknown> | undefined;
  const options = partial.optimizer === 'sparseadam' && (given === undefined || (typeof given === 'object' && given !== null && given.denseAdam === undefined)) ? { optimizerOptions: { ...given, denseAdam: true } } : {};
  return { ...partial, ...convention, ...options };
}

/**
 * Fills the workload's defaults (the recommender's when `workload` is absent) under
 * `partial` and checks every key; also builds the optimizer's configuration once so a bad
 * optimizer option fails here, before any data is loaded. `where` prefixes messages (e.g.
 * `run 3`); `nameOf` names a key as the user wrote it (e.g. `--batch-size`).
 */
export function resolveTrainConfig(partial: Partial<TrainConfig> | Readonly<Record<string, unknown>>, where = 'config', nameOf: (key: string) => string = (key) => key): TrainConfig {
  const prefix = where === '' ? '' : `${where}: `;
  const requested = (partial as { workload?: unknown }).workload ?? 'recommender';
  if (typeof requested !== 'string' || !WORKLOAD_NAMES.includes(requested as WorkloadName)) {
    throw new ConfigError(`${prefix}${nameOf('workload')} must be one of ${WORKLOAD_NAMES.join(', ')}, got ${describeValue(requested)}`);
  }
  const workload = WORKLOADS[requested as WorkloadName];
  const checks: Readonly<Record<string, Check>> = workload.checks;
  for (const key of Object.keys(partial)) {
    if (!(key in checks)) throw new ConfigError(`${prefix}unknown key '${nameOf(key)}'; known keys: ${Object.keys(checks).map(nameOf).join(', ')} (the ${workload.name} workload's)`);
  }
  // A variant's name (amsgrad) is its rule with the variant's options: one naming everywhere (train, sweeps, landscape).
  const given = partial as Readonly<Record<string, unknown>>;
  const variant = typeof given.optimizer === 'string' ? optimizerVariant(given.optimizer) : null;
  const named = variant === null ? given : { ...given, optimizer: variant.name, optimizerOptions: { ...variant.options, ...(given.optimizerOptions as object | undefined) } };
  const config: Record<string, unknown> = { ...workload.defaults(named), ...withTrainingDefaults(named) };
  // The recommender's configs keep the keys they had before workloads existed (results and checkpoint hashes stay valid).
  if (workload.name === 'recommender') delete config.workload;
  for (const [key, check] of Object.entries(checks)) {
    if (!(key in config)) continue;
    const problem = check(config[key]);
    if (problem !== null) throw new ConfigError(`${prefix}${nameOf(key)} must be ${problem}, got ${describeValue(config[key])}`);
  }
  const resolved = config as unknown as TrainConfig;
  const related = workload.relations?.(resolved, nameOf) ?? null;
  if (related !== null) throw new ConfigError(`${prefix}${related}`);
  if (optimizerSpec(resolved.optimizer).closure !== undefined) {
    throw new ConfigError(
      `${prefix}${nameOf('optimizer')} ${resolved.optimizer} cannot train NeuMF: L-BFGS evaluates the loss again at points of its own choosing within a step (a mini-batch closure would redraw dropout each time) and keeps historySize copies of every parameter; use it through step(closure) in the API, or in seedgrad landscape`,
    );
  }
  try {
    resolveOptimizerConfig(resolved.optimizer, resolved.convention, resolved.optimizerOptions);
  } catch (error) {
    throw new ConfigError(`${prefix}${error instanceof Error ? error.message : String(error)}`);
  }
  return resolved;
}

/**
 * A training run's configuration: docs/protocol.md's defaults, and validation that names the
 * key, the value and what is allowed. The optimizer's own options are validated by
 * src/optim when the optimizer is built.
 */
import { MODEL_KINDS, type ModelKind } from '../model/index.ts';
import { CONVENTIONS, OPTIMIZER_NAMES, conventionsOf, describeValue, isOptimizerName, optimizerSpec, optimizerVariant, resolveOptimizerConfig, type Convention, type OptimizerName, type OptimizerOptions } from '../optim/index.ts';
import type { Dtype } from '../tensor/dtype.ts';
import { MAX_NEGATIVES_PER_POSITIVE } from '../data/training-sampler.ts';
import { UserError } from '../user-error.ts';

export interface TrainConfig {
  /** 'synthetic' or a ratings file / MovieLens folder. */
  readonly data: string;
  readonly model: ModelKind;
  readonly loss: 'bce';
  readonly optimizer: OptimizerName;
  readonly convention: Convention;
  /** camelCase options of the optimizer (learningRate, amsgrad, momentum, ...); missing ones take the convention's defaults. */
  readonly optimizerOptions: OptimizerOptions;
  readonly epochs: number;
  readonly batchSize: number;
  readonly embedDim: number;
  readonly dropout: number;
  /** Sampled negatives per training positive. */
  readonly negatives: number;
  /** Sampled negatives per user at evaluation (the held-out item is ranked among them). */
  readonly evalNegatives: number;
  /** K of HR@K and NDCG@K. */
  readonly topK: number;
  /** Also rank against every item the user has not trained on. */
  readonly fullRanking: boolean;
  readonly seed: number;
  readonly dtype: Dtype;
}

/** docs/protocol.md's default run: NeuMF, BCE, Adam (Keras defaults), 5 epochs, batch 2048, embedding 16, dropout 0.4. */
export const PROTOCOL_DEFAULTS: TrainConfig = {
  data: 'synthetic',
  model: 'neumf',
  loss: 'bce',
  optimizer: 'adam',
  convention: 'keras',
  optimizerOptions: {},
  epochs: 5,
  batchSize: 2048,
  embedDim: 16,
  dropout: 0.4,
  negatives: 4,
  evalNegatives: 99,
  topK: 10,
  fullRanking: false,
  seed: 0,
  dtype: 'float32',
};

export class ConfigError extends UserError {
  override readonly name = 'ConfigError';
}

type Check = (value: unknown) => string | null;
const integerIn = (min: number, max: number): Check => (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? null : `an integer in [${min}, ${max}]`);
const oneOf = (choices: readonly string[]): Check => (v) => (typeof v === 'string' && choices.includes(v) ? null : `one of ${choices.join(', ')}`);

const CHECKS: Record<keyof TrainConfig, Check> = {
  data: (v) => (typeof v === 'string' && v.length > 0 ? null : "'synthetic' or a path to a ratings file or MovieLens folder"),
  model: oneOf(MODEL_KINDS),
  loss: oneOf(['bce']),
  optimizer: (v) => oneOf(OPTIMIZER_NAMES)(v) && `${oneOf(OPTIMIZER_NAMES)(v)!}, or amsgrad (adam with amsgrad: true)`,
  convention: oneOf(CONVENTIONS),
  optimizerOptions: (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? null : 'an object of optimizer options'),
  epochs: integerIn(1, 10_000),
  batchSize: integerIn(1, 1_000_000),
  embedDim: integerIn(1, 4096),
  dropout: (v) => (typeof v === 'number' && v >= 0 && v < 1 ? null : 'a number in [0, 1)'),
  negatives: integerIn(0, MAX_NEGATIVES_PER_POSITIVE),
  evalNegatives: integerIn(1, 100_000),
  topK: integerIn(1, 100_000),
  fullRanking: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  seed: integerIn(0, 2 ** 31 - 1),
  dtype: oneOf(['float32', 'float64']),
};

/**
 * What a training run adds for some optimizers when the user does not say: a rule that
 * exists in one convention only takes that convention (sparseadam: torch), and SparseAdam
 * takes `denseAdam: true`, so that NeuMF's dense layers (its MLP and output) are updated
 * by torch's Adam while its embedding tables take SparseAdam, as torch users pair them.
 */
function withTrainingDefaults(partial: Partial<TrainConfig>): Partial<TrainConfig> {
  if (!isOptimizerName(partial.optimizer)) return partial;
  const conventions = conventionsOf(optimizerSpec(partial.optimizer));
  const convention = partial.convention === undefined && conventions.length === 1 ? { convention: conventions[0]! } : {};
  const given = partial.optimizerOptions;
  const options = partial.optimizer === 'sparseadam' && (given === undefined || (typeof given === 'object' && given !== null && given.denseAdam === undefined)) ? { optimizerOptions: { ...partial.optimizerOptions, denseAdam: true } } : {};
  return { ...partial, ...convention, ...options };
}

/**
 * Fills the protocol's defaults under `partial` and checks every key; also builds the
 * optimizer's configuration once so a bad optimizer option fails here, before any data
 * is loaded. `where` prefixes messages (e.g. `run 3`); `nameOf` names a key as the user wrote it (e.g. `--batch-size`).
 */
export function resolveTrainConfig(partial: Partial<TrainConfig>, where = 'config', nameOf: (key: string) => string = (key) => key): TrainConfig {
  const prefix = where === '' ? '' : `${where}: `;
  for (const key of Object.keys(partial)) {
    if (!(key in CHECKS)) throw new ConfigError(`${prefix}unknown key '${key}'; known keys: ${Object.keys(CHECKS).join(', ')}`);
  }
  // A variant's name (amsgrad) is its rule with the variant's options: one naming everywhere (train, sweeps, landscape).
  const variant = typeof partial.optimizer === 'string' ? optimizerVariant(partial.optimizer) : null;
  const named = variant === null ? partial : { ...partial, optimizer: variant.name, optimizerOptions: { ...variant.options, ...partial.optimizerOptions } };
  const config = { ...PROTOCOL_DEFAULTS, ...withTrainingDefaults(named) };
  for (const [key, check] of Object.entries(CHECKS) as [keyof TrainConfig, Check][]) {
    const problem = check(config[key]);
    if (problem !== null) throw new ConfigError(`${prefix}${nameOf(key)} must be ${problem}, got ${describeValue(config[key])}`);
  }
  if (config.topK > config.evalNegatives) {
    throw new ConfigError(`${prefix}${nameOf('topK')} must be at most ${nameOf('evalNegatives')} (${config.evalNegatives}): with K above the candidates' count every user is a hit`);
  }
  if (optimizerSpec(config.optimizer).closure !== undefined) {
    throw new ConfigError(
      `${prefix}${nameOf('optimizer')} ${config.optimizer} cannot train NeuMF: L-BFGS evaluates the loss again at points of its own choosing within a step (a mini-batch closure would redraw dropout each time) and keeps historySize copies of every parameter; use it through step(closure) in the API, or in seedgrad landscape`,
    );
  }
  try {
    resolveOptimizerConfig(config.optimizer, config.convention, config.optimizerOptions);
  } catch (error) {
    throw new ConfigError(`${prefix}${error instanceof Error ? error.message : String(error)}`);
  }
  return config;
}

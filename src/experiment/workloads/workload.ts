/**
 * The seam between the experiment layer and what it trains. A workload says which config
 * keys it takes (with their defaults and checks), builds its data and model from the run's
 * seeded streams, hands out each epoch's examples and the loss of any slice of them, and
 * scores the model by named metrics. Everything else (the optimizer, the step loop, the
 * divergence check, checkpoints, sweeps, reports) is the experiment layer's, the same for
 * every workload. docs/design.md, "Workloads", says how to add one.
 */
import type { Rng, RngState } from '../../random.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import type { Dtype } from '../../tensor/dtype.ts';
import type { Dataset } from '../../data/types.ts';
import type { Convention, OptimizerName, OptimizerOptions } from '../../optim/index.ts';
import type { Check } from './checks.ts';

/** The keys every workload's config has: the optimizer and the loop around it. */
export interface CommonConfig {
  readonly optimizer: OptimizerName;
  readonly convention: Convention;
  /** camelCase options of the optimizer (learningRate, amsgrad, momentum, ...); missing ones take the convention's defaults. */
  readonly optimizerOptions: OptimizerOptions;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly dtype: Dtype;
}

/** Metric values by name; a value may itself be a group of metrics (the recommender's `fullRanking`). */
export interface MetricValues {
  readonly [name: string]: number | MetricValues;
}

/** A metric a workload reports after every epoch, as tables and plots show it. */
export interface MetricSpec {
  /** Its key in the epoch records (`ndcg`, `testLoss`). */
  readonly name: string;
  /** How a table's header or a plot's axis names it (`NDCG@10`, `test loss (MSE)`). */
  readonly title: string;
  /** Short, for a plot's file name: `hr`, `test-loss`. */
  readonly file: string;
  readonly better: 'higher' | 'lower';
}

/** One epoch's examples, drawn from the epoch's streams, cut into batches by the step loop. */
export interface EpochBatches {
  /** How many examples the epoch has. */
  readonly length: number;
  /** The mean loss over examples [begin, end), built with the ops so that backward reaches the parameters. */
  loss(begin: number, end: number): Tensor;
}

/** A workload built for one run: its model's parameters and what the training loop asks of it. */
export interface WorkloadRun {
  /** Every trainable tensor by dotted name, in a fixed order (optimizer state and checkpoints key by it). */
  readonly parameters: readonly [string, Tensor][];
  readonly parameterCount: number;
  /** What the run's result says of the data (`dataset` in results.json). */
  readonly dataSummary: Readonly<Record<string, string | number>>;
  /** Arrays whose bytes identify the data: a checkpoint resumes only on data with the same bytes. */
  dataArrays(): readonly ArrayBufferView[];
  /** How many examples every epoch has (the run's steps follow from it and the batch size). */
  readonly examplesPerEpoch: number;
  /** Epoch E's examples (1-based), drawn from streams named by E; puts the model in training mode. */
  epochBatches(epoch: number): EpochBatches;
  /** The metrics after an epoch, at the current parameters, without building a graph. */
  evaluate(): MetricValues;
  /** Optional: gives back the arrays its evaluation keeps between calls (the recommender's scorer arena): for a run that has ended. */
  release?(): void;
  /** The same metrics for a reference the model must beat (the popularity ranking, the best constant). */
  baseline(): MetricValues;
  /**
   * The loss on a fixed batch (the same examples every call; dropout, if any, off), with its
   * graph: what a measurement every N steps differentiates (sharpness needs its Hessian).
   */
  fixedBatchLoss(): Tensor;
  /** Runs `measure` with the model in evaluation mode (dropout neither applies nor draws), then restores its mode. */
  inEvaluationMode<T>(measure: () => T): T;
  /** The states of the random streams the model draws from while training (checkpointed). */
  randomStates(): Record<string, RngState>;
  loadRandomStates(states: Readonly<Record<string, RngState>>): void;
}

export interface Workload<C extends CommonConfig = CommonConfig> {
  readonly name: string;
  /** One line for --help and docs. */
  readonly summary: string;
  /** The complete config this workload runs with when `partial` sets nothing else (a default may follow another key: batch size = samples). */
  defaults(partial: Readonly<Record<string, unknown>>): C;
  /** A check for every key of its config: null when the value is allowed, else what is allowed. */
  readonly checks: Readonly<Record<string, Check>>;
  /** Checks between keys, after each key passed its own: a message naming them, or null. */
  relations?(config: C, nameOf: (key: string) => string): string | null;
  /** The metrics evaluate() reports that tables and plots show, in order. */
  metrics(config: C): readonly MetricSpec[];
  /** The model in a few words, for the line `train` prints first: `neumf`, `MLP 8→32→32→1 tanh`. */
  modelName(config: C): string;
  /** Metric values (an epoch's, the baseline's) as the line `train` prints: `HR@10 0.5984  NDCG@10 0.3554`. */
  metricsLine(config: C, values: Readonly<Record<string, unknown>>): string;
  /** Words for the training loss in plots: `training loss (BCE)`. */
  lossTitle(config: C): string;
  /** The baseline's name in a label (`popularity baseline`), and a sentence saying what it is. */
  readonly baseline: { readonly name: string; readonly description: string };
  /** The settings a report shows for a run beside the optimizer's, as [title, value], in order. */
  reportSettings(config: C): readonly (readonly [string, string])[];
  /** Whether build needs the dataset named by `config.data` loaded first (the recommender's ratings). */
  readonly loadsData: boolean;
  /** Builds the data and the model for one run, every random draw from `rng`'s named forks. */
  build(config: C, rng: Rng, dataset: Dataset | undefined): WorkloadRun;
}

/**
 * The recommender workload (docs/protocol.md): NeuMF, GMF or MLP on implicit feedback,
 * binary cross-entropy over each training positive and its sampled negatives, scored by
 * HR@K and NDCG@K of the held-out item among sampled candidates. Its streams:
 *   init/…, dropout/…                    the model (src/model/neumf.ts)
 *   negatives/epoch-E, shuffle/epoch-E   the training examples of epoch E
 *   evaluation                           the evaluation negatives of each user
 *   fixed-batch/…                        the batch fixedBatchLoss() scores (drawn only when asked)
 */
import type { Rng } from '../../random.ts';
import { Recommender, MODEL_KINDS, type ModelKind } from '../../model/index.ts';
import { binaryCrossEntropyWithLogits } from '../../autograd/index.ts';
import { evaluateFullRanking, evaluateSampled, modelScorer, popularityScorer, type Scorer } from '../../eval/index.ts';
import { sampleEvaluationCandidates } from '../../data/evaluation-candidates.ts';
import { allocateTrainingEpoch, sampleTrainingEpoch, trainingEpochSize, MAX_NEGATIVES_PER_POSITIVE } from '../../data/training-sampler.ts';
import { assertDataset } from '../../data/check.ts';
import { isSyntheticSpec, parseSyntheticSpec } from '../../data/synthetic-spec.ts';
import type { Dataset, EvaluationCandidates, TrainingEpoch } from '../../data/types.ts';
import { Tensor } from '../../tensor/tensor.ts';
import type { FloatArray } from '../../tensor/dtype.ts';
import { COMMON_CHECKS, integerIn, oneOf, numberIn, type Check } from './checks.ts';
import type { CommonConfig, MetricValues, Workload, WorkloadRun } from './workload.ts';

export interface RecommenderTrainConfig extends CommonConfig {
  /** Absent: the recommender is the default workload, and its configs keep the keys they had before workloads existed. */
  readonly workload?: 'recommender';
  /** 'synthetic', 'synthetic:key=value,...' (src/data/synthetic-spec.ts) or a ratings file / MovieLens folder. */
  readonly data: string;
  readonly model: ModelKind;
  readonly loss: 'bce';
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
}

/** docs/protocol.md's default run: NeuMF, BCE, Adam (Keras defaults), 5 epochs, batch 2048, embedding 16, dropout 0.4. */
export const PROTOCOL_DEFAULTS: RecommenderTrainConfig = {
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

/** A synthetic data spec's problem, said as what `data` must be (a path is checked when it is loaded). */
function syntheticSpecProblem(data: string): string | null {
  if (!isSyntheticSpec(data)) return null;
  try {
    parseSyntheticSpec(data);
    return null;
  } catch (error) {
    return `'synthetic' or valid 'synthetic:key=value,...' (${(error as Error).message})`;
  }
}

/** In PROTOCOL_DEFAULTS's key order: the first bad key is the one reported. */
const CHECKS: Record<keyof RecommenderTrainConfig & string, Check> = {
  data: (v) => (typeof v === 'string' && v.length > 0 ? syntheticSpecProblem(v) : "'synthetic', 'synthetic:key=value,...' or a path to a ratings file or MovieLens folder"),
  model: oneOf(MODEL_KINDS),
  loss: oneOf(['bce']),
  optimizer: COMMON_CHECKS.optimizer,
  convention: COMMON_CHECKS.convention,
  optimizerOptions: COMMON_CHECKS.optimizerOptions,
  epochs: COMMON_CHECKS.epochs,
  batchSize: COMMON_CHECKS.batchSize,
  embedDim: integerIn(1, 4096),
  dropout: numberIn(0, 1, true),
  negatives: integerIn(0, MAX_NEGATIVES_PER_POSITIVE),
  evalNegatives: integerIn(1, 100_000),
  topK: integerIn(1, 100_000),
  fullRanking: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  seed: COMMON_CHECKS.seed,
  dtype: COMMON_CHECKS.dtype,
  workload: oneOf(['recommender']),
};

/** The recommender built for one run: its model, the evaluation candidates, and the buffers its epochs reuse. */
export interface RecommenderRun extends WorkloadRun {
  readonly dataset: Dataset;
  readonly model: Recommender;
  readonly candidates: EvaluationCandidates;
}

export const epochStreams = (rng: Rng, epoch: number): { negatives: Rng; shuffle: Rng } => ({
  negatives: rng.fork('negatives').fork(`epoch-${epoch}`),
  shuffle: rng.fork('shuffle').fork(`epoch-${epoch}`),
});

function buildRecommender(config: RecommenderTrainConfig, rng: Rng, dataset: Dataset | undefined): RecommenderRun {
  assertDataset('runTraining', dataset);
  const model = new Recommender(
    { kind: config.model, numUsers: dataset.numUsers, numItems: dataset.numItems, embedDim: config.embedDim, dropout: config.dropout, dtype: config.dtype },
    rng,
  );
  const candidates = sampleEvaluationCandidates(dataset, config.evalNegatives, rng.fork('evaluation'));
  const score = modelScorer(model);
  // Kept across epochs: the examples, the one copy of them (their size never changes).
  let examples: TrainingEpoch | undefined;
  /**
   * A batch's labels in the model's dtype: the epoch's own float32 labels, or for float64 a
   * copy of the batch's alone in `buffer` (one batch long, reused: never a second epoch).
   */
  const batchLabels = (epoch: TrainingEpoch, buffer: Float64Array, begin: number, end: number): FloatArray => {
    const labels = epoch.labels.subarray(begin, end);
    if (config.dtype !== 'float64') return labels;
    const converted = end - begin <= buffer.length ? buffer.subarray(0, end - begin) : new Float64Array(end - begin);
    converted.set(labels);
    return converted;
  };
  const trainingLabels64 = new Float64Array(config.dtype === 'float64' ? config.batchSize : 0);
  const lossOf = (epoch: TrainingEpoch, labels64: Float64Array, begin: number, end: number): Tensor => {
    const logits = model.forward(epoch.users.subarray(begin, end), epoch.items.subarray(begin, end));
    return binaryCrossEntropyWithLogits(logits, new Tensor(batchLabels(epoch, labels64, begin, end), [end - begin]));
  };
  const evaluate = (scorer: Scorer): MetricValues => {
    const sampled = evaluateSampled(scorer, candidates.candidates, candidates.perUser, config.topK);
    const metrics = { hitRate: sampled.hitRate, ndcg: sampled.ndcg };
    if (!config.fullRanking) return metrics;
    const full = evaluateFullRanking(scorer, { numItems: dataset.numItems, testItems: dataset.testItems, trainItemsOf: (u) => dataset.trainItems.subarray(dataset.trainOffsets[u], dataset.trainOffsets[u + 1]) }, config.topK);
    return { ...metrics, fullRanking: { hitRate: full.hitRate, ndcg: full.ndcg } };
  };
  let fixed: TrainingEpoch | undefined;
  const fixedLabels64 = new Float64Array(config.dtype === 'float64' ? config.batchSize : 0);
  const inEvaluationMode = <T>(measure: () => T): T => {
    const wasTraining = model.training;
    model.eval();
    try {
      return measure();
    } finally {
      model.train(wasTraining);
    }
  };

  return {
    dataset,
    model,
    candidates,
    parameters: model.namedParameters(),
    parameterCount: model.parameterCount(),
    dataSummary: { source: dataset.source, users: dataset.numUsers, items: dataset.numItems, trainingPositives: dataset.numTrain },
    dataArrays: () => [dataset.userIds, dataset.itemIds, dataset.testItems, dataset.trainUsers, dataset.trainItems],
    examplesPerEpoch: trainingEpochSize(dataset, config.negatives),
    epochBatches(epoch) {
      const streams = epochStreams(rng, epoch);
      examples ??= allocateTrainingEpoch(dataset, config.negatives);
      const drawn = sampleTrainingEpoch(dataset, config.negatives, streams.negatives, streams.shuffle, examples);
      model.train();
      return { length: drawn.length, loss: (begin, end) => lossOf(drawn, trainingLabels64, begin, end) };
    },
    evaluate: () => evaluate(score),
    release: () => score.release(),
    baseline: () => evaluate(popularityScorer(dataset.itemTrainCounts)),
    fixedBatchLoss() {
      if (fixed === undefined) {
        const stream = rng.fork('fixed-batch');
        const epoch = sampleTrainingEpoch(dataset, config.negatives, stream.fork('negatives'), stream.fork('shuffle'), allocateTrainingEpoch(dataset, config.negatives));
        // Only the first batch is ever scored: keep a copy of it, not the epoch it came from.
        const size = Math.min(epoch.length, config.batchSize);
        fixed = { users: epoch.users.slice(0, size), items: epoch.items.slice(0, size), labels: epoch.labels.slice(0, size), length: size };
      }
      const batch = fixed;
      return inEvaluationMode(() => lossOf(batch, fixedLabels64, 0, batch.length));
    },
    inEvaluationMode,
    randomStates: () => model.randomStates(),
    loadRandomStates: (states) => model.loadRandomStates(states),
  };
}

export const recommender: Workload<RecommenderTrainConfig> = {
  name: 'recommender',
  summary: 'NeuMF (or GMF, MLP) on implicit feedback, BCE with sampled negatives, scored by HR@K and NDCG@K (docs/protocol.md)',
  defaults: () => PROTOCOL_DEFAULTS,
  checks: CHECKS,
  relations: (config, nameOf) =>
    config.topK > config.evalNegatives ? `${nameOf('topK')} must be at most ${nameOf('evalNegatives')} (${config.evalNegatives}): with K above the candidates' count every user is a hit` : null,
  metrics: (config) => [
    { name: 'ndcg', title: `NDCG@${config.topK}`, file: 'ndcg', better: 'higher' },
    { name: 'hitRate', title: `HR@${config.topK}`, file: 'hr', better: 'higher' },
  ],
  modelName: (config) => config.model,
  metricsLine(config, values) {
    const k = config.topK;
    const pair = (m: Readonly<Record<string, unknown>>) => `HR@${k} ${(m.hitRate as number).toFixed(4)}  NDCG@${k} ${(m.ndcg as number).toFixed(4)}`;
    const full = values.fullRanking as MetricValues | undefined;
    return full === undefined ? pair(values) : `${pair(values)}  full ${pair(full).replace('  ', ' ')}`;
  },
  lossTitle: () => 'training loss (BCE)',
  baseline: { name: 'popularity baseline', description: "Popularity baseline (every user's candidates ranked by training popularity)" },
  reportSettings: (config) => [['dropout', String(config.dropout)], ['batch size', String(config.batchSize)], ['embedding dimension', String(config.embedDim)]],
  loadsData: true,
  build: buildRecommender,
};

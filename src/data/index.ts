/** The data layer: MovieLens loaders, the synthetic generator, the leave-one-out split and the samplers. */
export type { RawInteractions, Dataset, TrainingEpoch, EvaluationCandidates } from './types.ts';
export { DataError } from './errors.ts';
export { loadInteractions, resolveRatingsFile, sha256OfFile } from './load.ts';
export { buildDataset } from './dataset.ts';
export { hasTrainingPositive, hasInteracted, sortedRangeContains } from './membership.ts';
export {
  sampleTrainingEpoch,
  allocateTrainingEpoch,
  MAX_NEGATIVES_PER_POSITIVE,
} from './training-sampler.ts';
export { sampleEvaluationCandidates } from './evaluation-candidates.ts';
export {
  generateSynthetic,
  generateSyntheticWithTruth,
  plantedScore,
  type SyntheticOptions,
  type PlantedStructure,
} from './synthetic.ts';
export { resolveDataSource, checkDataSource } from './source.ts';
export { isSyntheticSpec, parseSyntheticSpec } from './synthetic-spec.ts';

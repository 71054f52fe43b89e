/**
 * Everything a run holds while it trains: the model, the optimizer, the evaluation
 * candidates and the seeded streams. The streams are named so each consumer's numbers
 * depend only on the seed and its name (docs/protocol.md: candidates drawn once per seed):
 *   init/…, dropout/…             the model (src/model/neumf.ts)
 *   negatives/epoch-E, shuffle/epoch-E   the training examples of epoch E
 *   evaluation                    the 99 negatives of each user
 */
import { createRng, type Rng } from '../random.ts';
import { Recommender } from '../model/index.ts';
import { createOptimizer, type Optimizer } from '../optim/index.ts';
import { sampleEvaluationCandidates } from '../data/evaluation-candidates.ts';
import type { Dataset, EvaluationCandidates } from '../data/types.ts';
import type { Tensor } from '../tensor/tensor.ts';
import { activeBackend } from '../backend/index.ts';
import { parameterArray, releaseParameterArray } from '../tensor/parameter.ts';
import { dtypeOf } from '../tensor/dtype.ts';
import type { TrainConfig } from './config.ts';

export interface Session {
  readonly config: TrainConfig;
  readonly dataset: Dataset;
  readonly rng: Rng;
  readonly model: Recommender;
  readonly parameters: readonly [string, Tensor][];
  readonly optimizer: Optimizer;
  readonly candidates: EvaluationCandidates;
}

export function createSession(config: TrainConfig, dataset: Dataset): Session {
  const rng = createRng(config.seed);
  const model = new Recommender(
    { kind: config.model, numUsers: dataset.numUsers, numItems: dataset.numItems, embedDim: config.embedDim, dropout: config.dropout, dtype: config.dtype },
    rng,
  );
  const parameters = model.namedParameters();
  const optimizer = createOptimizer(config.optimizer, {
    convention: config.convention,
    options: config.optimizerOptions,
    params: parameters.map(([name, t]) => ({ name, shape: t.shape, data: t.data })),
    // The backend's Adam (the rule's bits) on state placed where it works in place, as the parameters are.
    kernels: { adam: (p, g, m, v, step) => activeBackend().adamUpdate(p, g, m, v, step), allocateState: (like, length) => parameterArray(dtypeOf(like), length) },
  });
  const candidates = sampleEvaluationCandidates(dataset, config.evalNegatives, rng.fork('evaluation'));
  return { config, dataset, rng, model, parameters, optimizer, candidates };
}

/**
 * Gives the session's parameter and optimizer-state arrays back to the backend (which may
 * hand their memory out again): only for a session that will never be used again.
 */
export function releaseSession(session: Session): void {
  for (const [name, t] of session.parameters) {
    releaseParameterArray(t.data);
    for (const array of Object.values(session.optimizer.state(name))) releaseParameterArray(array);
  }
}

export function epochStreams(rng: Rng, epoch: number): { negatives: Rng; shuffle: Rng } {
  return { negatives: rng.fork('negatives').fork(`epoch-${epoch}`), shuffle: rng.fork('shuffle').fork(`epoch-${epoch}`) };
}

/**
 * Everything a run holds while it trains: the workload built for it (data, model,
 * evaluation), the optimizer over the model's parameters, and the run's root stream. The
 * workload draws every random number from named forks of that stream, so each consumer's
 * numbers depend only on the seed and its name (the recommender's are listed in
 * workloads/recommender.ts, the teacher–student's in workloads/teacher-student.ts).
 */
import { createRng, type Rng } from '../../random.ts';
import { createOptimizer, type Optimizer } from '../../optim/index.ts';
import type { Dataset } from '../../data/types.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { activeBackend } from '../../backend/index.ts';
import { parameterArray, releaseParameterArray } from '../../tensor/parameter.ts';
import { dtypeOf } from '../../tensor/dtype.ts';
import type { TrainConfig } from './config.ts';
import { workloadOf, type WorkloadRun } from '../workloads/index.ts';

export interface Session {
  readonly config: TrainConfig;
  readonly rng: Rng;
  readonly workload: WorkloadRun;
  readonly parameters: readonly [string, Tensor][];
  readonly optimizer: Optimizer;
}

/** Builds the run's workload (`dataset`: the recommender's loaded data; other workloads make their own) and its optimizer. */
export function createSession(config: TrainConfig, dataset?: Dataset): Session {
  const rng = createRng(config.seed);
  const workload = workloadOf(config).build(config, rng, dataset);
  const parameters = workload.parameters;
  const optimizer = createOptimizer(config.optimizer, {
    convention: config.convention,
    options: config.optimizerOptions,
    params: parameters.map(([name, t]) => ({ name, shape: t.shape, data: t.data })),
    // The backend's Adam and SparseAdam (the rules' bits) on state placed where they work in place, as the parameters are.
    kernels: {
      adam: (p, g, m, v, step) => activeBackend().adamUpdate(p, g, m, v, step),
      sparseAdam: (p, g, m, v, rows, rowSize, step) => activeBackend().sparseAdamUpdate?.(p, g, m, v, rows, rowSize, step) ?? false,
      allocateState: (like, length) => parameterArray(dtypeOf(like), length),
    },
  });
  return { config, rng, workload, parameters, optimizer };
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
  session.workload.release?.();
}

/** Scorers: a model in evaluation mode, and the popularity baseline. */
import type { Recommender } from '../model/index.ts';
import { noGrad } from '../autograd/index.ts';
import type { Scorer } from './evaluator.ts';

/** The model's logits, without the graph, with dropout off; the model's mode is restored after. */
export function modelScorer(model: Recommender): Scorer {
  return (users, items) =>
    noGrad(() => {
      const wasTraining = model.training;
      model.eval();
      try {
        return model.forward(users, items).data;
      } finally {
        model.train(wasTraining);
      }
    });
}

/** Scores an item by how many training positives it has: the baseline any model must beat. */
export function popularityScorer(itemTrainCounts: ArrayLike<number>): Scorer {
  return (_users, items) => Float64Array.from(items, (i) => itemTrainCounts[i]);
}

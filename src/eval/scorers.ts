/** Scorers: a model in evaluation mode, and the popularity baseline. */
import type { Recommender } from '../model/index.ts';
import { noGrad } from '../autograd/index.ts';
import type { Scorer } from './evaluator.ts';
import { BufferArena, withArena } from '../tensor/arena.ts';

/**
 * The model's logits, without the graph, with dropout off; the model's mode is restored
 * after. Each call's arrays come from the scorer's own arena for that many pairs
 * (src/tensor/arena.ts: one per size, as the training loop keeps one per batch size, so
 * the evaluator's last, shorter chunk does not replace the others' buffers), which
 * the backend places where its kernels work in place (the js backend's module, split
 * across its threads), as a training step's are; the scores returned are a copy, so a
 * caller may keep them past the next call. The same bits either way (the kernels equal
 * their loops). `release()` gives the arena's memory back to the backend at once (a run
 * that has ended); otherwise it goes back when the scorer is garbage-collected.
 */
export function modelScorer(model: Recommender): Scorer & { release(): void } {
  const arenas = new Map<number, BufferArena>();
  const score: Scorer = (users, items) =>
    noGrad(() => {
      const wasTraining = model.training;
      model.eval();
      let arena = arenas.get(users.length);
      if (arena === undefined) arenas.set(users.length, (arena = new BufferArena()));
      try {
        return withArena(arena, () => model.forward(users, items).data.slice());
      } finally {
        model.train(wasTraining);
      }
    });
  const release = () => {
    for (const arena of arenas.values()) arena.release();
    arenas.clear();
  };
  return Object.assign(score, { release });
}

/** Scores an item by how many training positives it has: the baseline any model must beat. */
export function popularityScorer(itemTrainCounts: ArrayLike<number>): Scorer {
  return (_users, items) => Float64Array.from(items, (i) => itemTrainCounts[i]);
}

/**
 * Gradients an op's backward made for one input alone and that nothing else holds (an
 * embedding lookup's table gradient, the scatter-add's fresh table). backward() stores
 * such a gradient as a leaf's `.grad` itself; any other it copies first, because an op may
 * hand one gradient tensor to several inputs (add's backward gives g to both). The table
 * gradient is the largest array of a recommender's step (7 MB at 55,000 rows × 32), and
 * its copy grew the step with the catalogue.
 */
import type { Tensor } from '../tensor/tensor.ts';

const fresh = new WeakSet<Tensor>();

/** Marks `grad` as made for one input alone; returns it. */
export function markFreshGradient(grad: Tensor): Tensor {
  fresh.add(grad);
  return grad;
}

/** Whether `grad` was marked by markFreshGradient. */
export function isFreshGradient(grad: Tensor): boolean {
  return fresh.has(grad);
}

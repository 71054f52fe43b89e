/** Initialisers, with Keras's defaults. Each parameter draws from its own named stream. */
import type { Tensor } from '../tensor/tensor.ts';
import type { Dtype } from '../tensor/dtype.ts';
import { randomUniform } from '../tensor/create.ts';
import type { Rng } from '../random.ts';

/** Keras `Embedding`'s default: uniform in [-0.05, 0.05]. */
export function embeddingUniform(shape: readonly number[], rng: Rng, dtype: Dtype): Tensor {
  return randomUniform(shape, rng, -0.05, 0.05, { dtype });
}

/**
 * Glorot & Bengio (2010), eq. 16: uniform in ±sqrt(6 / (fanIn + fanOut)), Keras's default
 * kernel initialiser for `Dense` (kernel shape [fanIn, fanOut]).
 */
export function glorotUniform(fanIn: number, fanOut: number, rng: Rng, dtype: Dtype): Tensor {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return randomUniform([fanIn, fanOut], rng, -limit, limit, { dtype });
}

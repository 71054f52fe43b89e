/** The building blocks: Embedding, Dense and Dropout. */
import type { Tensor } from '../tensor/tensor.ts';
import type { Dtype } from '../tensor/dtype.ts';
import type { Rng } from '../random.ts';
import { dense, dropout, gather } from '../autograd/index.ts';
import { Module } from './module.ts';
import { embeddingUniform, glorotUniform } from './init.ts';
import { zeros } from '../tensor/create.ts';

/** A table of `rows` vectors of `dim`; `forward(indices)` looks rows up ([n] → [n, dim]). */
export class Embedding extends Module {
  readonly weight: Tensor;

  constructor(rows: number, dim: number, rng: Rng, dtype: Dtype) {
    super();
    this.weight = this.addParameter('weight', embeddingUniform([rows, dim], rng, dtype));
  }

  forward(indices: ArrayLike<number>): Tensor {
    return gather(this.weight, indices);
  }
}

export type Activation = 'relu' | 'linear';

/** y = act(x·kernel + bias), kernel [in, out] Glorot-uniform, bias zero (Keras defaults). */
export class Dense extends Module {
  readonly kernel: Tensor;
  readonly bias: Tensor;

  constructor(inUnits: number, outUnits: number, readonly activation: Activation, rng: Rng, dtype: Dtype) {
    super();
    this.kernel = this.addParameter('kernel', glorotUniform(inUnits, outUnits, rng, dtype));
    this.bias = this.addParameter('bias', zeros([outUnits], { dtype }));
  }

  forward(x: Tensor): Tensor {
    return dense(x, this.kernel, this.bias, this.activation);
  }
}

/** Inverted dropout in training mode, the identity in evaluation mode. */
export class Dropout extends Module {
  private readonly holder: { rng: Rng };

  constructor(readonly rate: number, rng: Rng) {
    super();
    this.holder = { rng };
    this.addStream('mask', this.holder);
  }

  forward(x: Tensor): Tensor {
    return dropout(x, this.rate, this.holder.rng, this.training);
  }
}

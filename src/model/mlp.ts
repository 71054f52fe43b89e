/**
 * A multilayer perceptron with one output: `depth` hidden layers of `width` units with tanh
 * or ReLU, then a linear output unit (depth 0 is a linear model). Kernels are
 * Glorot-uniform and biases zero (Keras's Dense defaults), each layer from its own stream
 * `init/<layer>`, as in src/model/neumf.ts.
 */
import type { Tensor } from '../tensor/tensor.ts';
import type { Dtype } from '../tensor/dtype.ts';
import { assertRng, type Rng } from '../random.ts';
import { reshape, tanh } from '../autograd/index.ts';
import { Module } from './module.ts';
import { Dense } from './layers.ts';

export type HiddenActivation = 'tanh' | 'relu';
export const HIDDEN_ACTIVATIONS: readonly HiddenActivation[] = ['tanh', 'relu'];

export interface MlpConfig {
  readonly inputDim: number;
  readonly width: number;
  readonly depth: number;
  readonly activation: HiddenActivation;
  readonly dtype: Dtype;
}

export class Mlp extends Module {
  private readonly hidden: Dense[] = [];
  readonly output: Dense;

  constructor(readonly config: MlpConfig, rng: Rng) {
    super();
    assertRng('Mlp', rng, 'the second argument (the random stream)');
    const init = rng.fork('init');
    let fanIn = config.inputDim;
    for (let k = 0; k < config.depth; k++) {
      // ReLU runs inside the dense op; tanh follows it as its own op.
      const dense = new Dense(fanIn, config.width, config.activation === 'relu' ? 'relu' : 'linear', init.fork(`dense${k}`), config.dtype);
      this.hidden.push(this.addChild(`dense${k}`, dense));
      fanIn = config.width;
    }
    this.output = this.addChild('output', new Dense(fanIn, 1, 'linear', init.fork('output'), config.dtype));
  }

  /** x [n, inputDim] → one output per row, shape [n]. */
  forward(x: Tensor): Tensor {
    let h = x;
    for (const layer of this.hidden) {
      h = layer.forward(h);
      if (this.config.activation === 'tanh') h = tanh(h);
    }
    return reshape(this.output.forward(h), [x.shape[0]]);
  }
}

/**
 * NeuMF (He et al. 2017, "Neural Collaborative Filtering", §3.4) as docs/protocol.md fixes it,
 * and its two branches alone (GMF, MLP) as options:
 *
 *   GMF:  p_u ⊙ q_i                                   (embeddings of dim d)
 *   MLP:  [p'_u, q'_i] → Dense 2d→4d ReLU → Dropout → Dense 4d→2d ReLU → Dropout → Dense 2d→d ReLU
 *   head: Dense → one logit   (on [GMF, MLP] for NeuMF, on the one branch otherwise)
 *
 * With d = 16 the MLP is 32→64→32→16, as in the protocol. Every parameter is initialised
 * from its own stream `init/<path>`, and each dropout layer draws from `dropout/<layer>`,
 * so adding a layer never changes another's numbers.
 */
import type { Tensor } from '../tensor/tensor.ts';
import type { Dtype } from '../tensor/dtype.ts';
import { assertRng, type Rng } from '../random.ts';
import { concat, mul, reshape } from '../autograd/index.ts';
import { Module } from './module.ts';
import { Dense, Dropout, Embedding } from './layers.ts';
import { describeArgument } from '../describe.ts';

export type ModelKind = 'neumf' | 'gmf' | 'mlp';
export const MODEL_KINDS: readonly ModelKind[] = ['neumf', 'gmf', 'mlp'];

export interface RecommenderConfig {
  readonly kind: ModelKind;
  readonly numUsers: number;
  readonly numItems: number;
  readonly embedDim: number;
  readonly dropout: number;
  readonly dtype: Dtype;
}

/** The MLP branch: its own embeddings, the tower, dropout between dense layers. */
class MlpTower extends Module {
  readonly userEmbedding: Embedding;
  readonly itemEmbedding: Embedding;
  private readonly layers: Dense[] = [];
  private readonly dropouts: Dropout[] = [];

  constructor(config: RecommenderConfig, rng: Rng) {
    super();
    const d = config.embedDim;
    const init = rng.fork('init').fork('mlp');
    this.userEmbedding = this.addChild('userEmbedding', new Embedding(config.numUsers, d, init.fork('userEmbedding'), config.dtype));
    this.itemEmbedding = this.addChild('itemEmbedding', new Embedding(config.numItems, d, init.fork('itemEmbedding'), config.dtype));
    const widths = [2 * d, 4 * d, 2 * d, d];
    for (let k = 0; k + 1 < widths.length; k++) {
      this.layers.push(this.addChild(`dense${k}`, new Dense(widths[k], widths[k + 1], 'relu', init.fork(`dense${k}`), config.dtype)));
      if (k + 2 < widths.length) this.dropouts.push(this.addChild(`dropout${k}`, new Dropout(config.dropout, rng.fork('dropout').fork(`mlp${k}`))));
    }
  }

  forward(users: ArrayLike<number>, items: ArrayLike<number>): Tensor {
    let x = concat([this.userEmbedding.forward(users), this.itemEmbedding.forward(items)], 1);
    // The op layer runs each dropout inside the dense op before it (src/autograd/fusion.ts).
    this.layers.forEach((layer, k) => {
      x = layer.forward(x);
      const dropout = this.dropouts[k];
      if (dropout !== undefined) x = dropout.forward(x);
    });
    return x;
  }
}

/** The GMF branch: the elementwise product of user and item embeddings. */
class GmfBranch extends Module {
  readonly userEmbedding: Embedding;
  readonly itemEmbedding: Embedding;

  constructor(config: RecommenderConfig, rng: Rng) {
    super();
    const init = rng.fork('init').fork('gmf');
    this.userEmbedding = this.addChild('userEmbedding', new Embedding(config.numUsers, config.embedDim, init.fork('userEmbedding'), config.dtype));
    this.itemEmbedding = this.addChild('itemEmbedding', new Embedding(config.numItems, config.embedDim, init.fork('itemEmbedding'), config.dtype));
  }

  forward(users: ArrayLike<number>, items: ArrayLike<number>): Tensor {
    return mul(this.userEmbedding.forward(users), this.itemEmbedding.forward(items));
  }
}

/** A user–item scorer: `forward(users, items)` gives one logit per pair, shape [n]. */
export class Recommender extends Module {
  readonly gmf: GmfBranch | undefined;
  readonly mlp: MlpTower | undefined;
  readonly head: Dense;

  constructor(readonly config: RecommenderConfig, rng: Rng) {
    super();
    validateConfig(config);
    assertRng('Recommender', rng, 'the second argument (the random stream)');
    if (config.kind !== 'mlp') this.gmf = this.addChild('gmf', new GmfBranch(config, rng));
    if (config.kind !== 'gmf') this.mlp = this.addChild('mlp', new MlpTower(config, rng));
    const headInputs = (this.gmf ? config.embedDim : 0) + (this.mlp ? config.embedDim : 0);
    this.head = this.addChild('head', new Dense(headInputs, 1, 'linear', rng.fork('init').fork('head'), config.dtype));
  }

  forward(users: ArrayLike<number>, items: ArrayLike<number>): Tensor {
    if (users.length !== items.length) throw new Error(`Recommender: ${users.length} users but ${items.length} items`);
    const branches: Tensor[] = [];
    if (this.gmf) branches.push(this.gmf.forward(users, items));
    if (this.mlp) branches.push(this.mlp.forward(users, items));
    const features = branches.length === 1 ? branches[0] : concat(branches, 1);
    return reshape(this.head.forward(features), [users.length]);
  }
}

function validateConfig(c: RecommenderConfig): void {
  if (c === null || typeof c !== 'object') throw new TypeError(`Recommender: the first argument must be the config {kind, numUsers, numItems, embedDim, dropout, dtype}, got ${describeArgument(c)}`);
  const positiveInt = (name: string, v: number) => {
    if (!Number.isSafeInteger(v) || v < 1) throw new Error(`Recommender: ${name} must be an integer >= 1, got ${v}`);
  };
  if (!MODEL_KINDS.includes(c.kind)) throw new Error(`Recommender: kind must be one of ${MODEL_KINDS.join(', ')}, got '${c.kind}'`);
  positiveInt('numUsers', c.numUsers);
  positiveInt('numItems', c.numItems);
  positiveInt('embedDim', c.embedDim);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new Error(`Recommender: dropout must be in [0, 1), got ${c.dropout}`);
}

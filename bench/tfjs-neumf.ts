/**
 * The reference workload's NeuMF written in TensorFlow.js, for `npm run bench:peers`:
 * the same layers, sizes, initialisers (Keras defaults), dropout, loss and Adam (Keras
 * defaults: 0.001, 0.9, 0.999, 1e-7) as seedgrad's, trained on the same examples.
 *
 * The embedding lookup's gradient: TensorFlow.js's own gradient of tf.gather is unusable
 * here (minutes per step on its CPU backend, missing on wasm), so the lookup is a
 * tf.customGrad whose gradient is tf.scatterND(indices, dy, tableShape), which sums
 * duplicate indices: what a fair user of TensorFlow.js would write.
 */
import type * as TF from '@tensorflow/tfjs';

type Tf = typeof TF;

export interface TfNeuMF {
  /** One training step on a batch; returns the loss. */
  step(users: Int32Array, items: Int32Array, labels: Float32Array): number;
  dispose(): void;
}

export function createTfNeuMF(tf: Tf, numUsers: number, numItems: number, seed = 0): TfNeuMF {
  const d = 16;
  let s = seed;
  const nextSeed = () => ++s;
  const embedding = (rows: number) => tf.variable(tf.randomUniform([rows, d], -0.05, 0.05, 'float32', nextSeed()));
  const glorot = (fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return tf.variable(tf.randomUniform([fanIn, fanOut], -limit, limit, 'float32', nextSeed()));
  };
  const zeros = (n: number) => tf.variable(tf.zeros([n]));
  const gmfUser = embedding(numUsers), gmfItem = embedding(numItems), mlpUser = embedding(numUsers), mlpItem = embedding(numItems);
  const w0 = glorot(2 * d, 4 * d), b0 = zeros(4 * d), w1 = glorot(4 * d, 2 * d), b1 = zeros(2 * d), w2 = glorot(2 * d, d), b2 = zeros(d);
  const wh = glorot(2 * d, 1), bh = zeros(1);
  const variables = [gmfUser, gmfItem, mlpUser, mlpItem, w0, b0, w1, b1, w2, b2, wh, bh];
  const optimizer = tf.train.adam(0.001, 0.9, 0.999, 1e-7);

  // Row gather whose gradient is a scatter-add (tf.scatterND sums duplicate indices).
  const lookupWithGradient = (...args: (TF.Tensor | TF.GradSaveFunc)[]) => {
    const [table, indices, save] = args as [TF.Tensor, TF.Tensor, TF.GradSaveFunc];
    save([indices]);
    return {
      value: tf.gather(table, indices),
      gradFunc: (dy: TF.Tensor | TF.Tensor[], saved: TF.Tensor[]) => [tf.scatterND(tf.expandDims(saved[0], 1), dy as TF.Tensor, table.shape), tf.zerosLike(saved[0])],
    };
  };
  const lookup = tf.customGrad(lookupWithGradient) as unknown as (table: TF.Tensor, indices: TF.Tensor) => TF.Tensor;

  return {
    step(users, items, labels) {
      const u = tf.tensor1d(users, 'int32');
      const i = tf.tensor1d(items, 'int32');
      const y = tf.tensor1d(labels, 'float32');
      const loss = optimizer.minimize(() => {
        const gmf = tf.mul(lookup(gmfUser, u), lookup(gmfItem, i));
        let h = tf.concat([lookup(mlpUser, u), lookup(mlpItem, i)], 1);
        h = tf.dropout(tf.relu(tf.add(tf.matMul(h, w0), b0)), 0.4);
        h = tf.dropout(tf.relu(tf.add(tf.matMul(h, w1), b1)), 0.4);
        h = tf.relu(tf.add(tf.matMul(h, w2), b2));
        const logits = tf.reshape(tf.add(tf.matMul(tf.concat([gmf, h], 1), wh), bh), [-1]);
        return tf.losses.sigmoidCrossEntropy(y, logits) as TF.Scalar;
      }, true, variables);
      const value = loss!.dataSync()[0];
      tf.dispose([u, i, y, loss!]);
      return value;
    },
    dispose() {
      tf.dispose(variables);
      optimizer.dispose();
    },
  };
}

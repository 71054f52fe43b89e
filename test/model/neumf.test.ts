import { describe, expect, it } from 'vitest';
import { Recommender } from '../../src/model/index.ts';
import { createRng } from '../../src/random.ts';
import { binaryCrossEntropyWithLogits, describeWorst, gradcheckParameters } from '../../src/autograd/index.ts';
import { tensor } from '../../src/tensor/create.ts';
import { Tensor } from '../../src/tensor/tensor.ts';

const protocolConfig = { kind: 'neumf' as const, numUsers: 610, numItems: 9724, embedDim: 16, dropout: 0.4, dtype: 'float32' as const };

describe('Recommender (NeuMF, GMF, MLP)', () => {
  it('has the protocol parameter count: 330,688 embedding and 4,753 dense weights', () => {
    const model = new Recommender(protocolConfig, createRng(1));
    expect(model.parameterCount()).toBe(335_441);
    const dense = model.namedParameters().filter(([name]) => !name.includes('Embedding'));
    expect(dense.reduce((n, [, t]) => n + t.size, 0)).toBe(4_753);
    expect(model.namedParameters().map(([name, t]) => `${name} [${t.shape}]`)).toEqual([
      'gmf.userEmbedding.weight [610,16]',
      'gmf.itemEmbedding.weight [9724,16]',
      'mlp.userEmbedding.weight [610,16]',
      'mlp.itemEmbedding.weight [9724,16]',
      'mlp.dense0.kernel [32,64]',
      'mlp.dense0.bias [64]',
      'mlp.dense1.kernel [64,32]',
      'mlp.dense1.bias [32]',
      'mlp.dense2.kernel [32,16]',
      'mlp.dense2.bias [16]',
      'head.kernel [32,1]',
      'head.bias [1]',
    ]);
  });

  it('initialises as Keras does: embeddings in ±0.05, Glorot-uniform kernels, zero biases', () => {
    const params = Object.fromEntries(new Recommender(protocolConfig, createRng(2)).namedParameters());
    const range = (t: Tensor): [number, number] => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of t.data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      return [lo, hi];
    };
    const [eMin, eMax] = range(params['gmf.itemEmbedding.weight']);
    expect(eMin).toBeGreaterThanOrEqual(-0.05);
    expect(eMax).toBeLessThanOrEqual(0.05);
    expect(eMax - eMin).toBeGreaterThan(0.09);
    // Glorot limit for 32 → 64: sqrt(6 / 96) = 0.25
    const [kMin, kMax] = range(params['mlp.dense0.kernel']);
    expect(kMin).toBeGreaterThanOrEqual(-0.25);
    expect(kMax).toBeLessThanOrEqual(0.25);
    expect(kMax).toBeGreaterThan(0.2);
    expect(Array.from(params['mlp.dense1.bias'].data).every((b) => b === 0)).toBe(true);
  });

  it("keeps every parameter in shared memory, so the backend's threads can update it in place", () => {
    const params = new Recommender(protocolConfig, createRng(2)).namedParameters();
    expect(params.every(([, t]) => t.data.buffer instanceof SharedArrayBuffer && t.requiresGrad)).toBe(true);
  });

  it('is deterministic for a seed, and GMF and MLP alone have only their branch', () => {
    const a = new Recommender(protocolConfig, createRng(3)).forward([0, 5], [1, 9000]);
    const b = new Recommender(protocolConfig, createRng(3)).forward([0, 5], [1, 9000]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(a.shape).toEqual([2]);
    const gmf = new Recommender({ ...protocolConfig, kind: 'gmf' }, createRng(3));
    expect(gmf.namedParameters().map(([n]) => n)).toEqual(['gmf.userEmbedding.weight', 'gmf.itemEmbedding.weight', 'head.kernel', 'head.bias']);
    const mlp = new Recommender({ ...protocolConfig, kind: 'mlp' }, createRng(3));
    // one pair of tables, dense 2,112 + 2,080 + 528, head 16 + 1
    expect(mlp.parameterCount()).toBe((610 + 9724) * 16 + 4_720 + 17);
  });

  it('applies dropout only in training mode', () => {
    const model = new Recommender({ ...protocolConfig, numUsers: 3, numItems: 4 }, createRng(4));
    const users = [0, 1, 2, 0];
    const items = [0, 1, 2, 3];
    const train1 = model.forward(users, items).data;
    const train2 = model.forward(users, items).data;
    expect(Array.from(train1)).not.toEqual(Array.from(train2));
    model.eval();
    expect(Array.from(model.forward(users, items).data)).toEqual(Array.from(model.forward(users, items).data));
  });

  it('has the right gradient: gradcheck on a tiny NeuMF in float64, through the BCE loss and dropout', () => {
    const config = { kind: 'neumf' as const, numUsers: 3, numItems: 4, embedDim: 2, dropout: 0.4, dtype: 'float64' as const };
    const model = new Recommender(config, createRng(5));
    // Larger weights than the ±0.05 initialisation, so the ReLUs see values far from their kink.
    for (const p of model.parameters()) p.data.forEach((_, i) => (p.data[i] = Math.sin(7 * i + p.size) * 0.8));
    const users = [0, 1, 2, 1, 0, 2];
    const items = [3, 1, 0, 1, 2, 2];
    const labels = tensor([1, 0, 1, 1, 0, 1], undefined, { dtype: 'float64' });
    // Every evaluation replays the same dropout masks.
    const loss = () => {
      model.loadRandomStates(new Recommender(config, createRng(5)).randomStates());
      return binaryCrossEntropyWithLogits(model.forward(users, items), labels);
    };
    const result = gradcheckParameters(loss, model.parameters());
    expect(result.maxError, describeWorst(result, model.parameters())).toBeLessThanOrEqual(1e-6);
  });
});

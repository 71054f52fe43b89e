/** The training step's hot loop: warm steps allocate no arrays, and the arena changes no result. */
import { describe, expect, it } from 'vitest';
import { buildDataset, generateSynthetic } from '../../src/data/index.ts';
import { createSession, resolveTrainConfig } from '../../src/experiment/index.ts';
import { trainEpoch, type EpochBuffers } from '../../src/experiment/epoch.ts';

const dataset = buildDataset(generateSynthetic({ users: 50, items: 90, interactions: 1200, seed: 2 }));
const config = resolveTrainConfig({ epochs: 2, batchSize: 256, embedDim: 4, evalNegatives: 20 });

describe('trainEpoch', () => {
  it('allocates no arena buffers after the first epoch: every step reuses them', () => {
    const session = createSession(config, dataset);
    const buffers: EpochBuffers = {};
    trainEpoch(session, 1, buffers);
    const created = [...buffers.arenas!.values()].map((a) => a.created);
    trainEpoch(session, 2, buffers);
    expect([...buffers.arenas!.values()].map((a) => a.created)).toEqual(created);
    expect(buffers.arenas!.size).toBe(2); // the full batch and the last, smaller one
  });

  it('gives the same loss and parameters with fresh buffers each epoch as with kept ones', () => {
    const kept = createSession(config, dataset);
    const fresh = createSession(config, dataset);
    const buffers: EpochBuffers = {};
    for (const epoch of [1, 2]) {
      expect(trainEpoch(kept, epoch, buffers).loss).toBe(trainEpoch(fresh, epoch, {}).loss);
    }
    kept.parameters.forEach(([, t], i) => expect(t.data).toEqual(fresh.parameters[i][1].data));
  });
});

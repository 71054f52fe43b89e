/** The training step's hot loop: warm steps allocate no arrays, and the arena changes no result. */
import { describe, expect, it } from 'vitest';
import { buildDataset, generateSynthetic } from '../../../src/data/index.ts';
import { createSession, resolveTrainConfig } from '../../../src/experiment/index.ts';
import { epochSteps, trainEpoch, type EpochBuffers } from '../../../src/experiment/run/epoch.ts';
import type { GradientMap, TouchedRowsMap } from '../../../src/optim/index.ts';

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

  it('hands the optimizer the rows each embedding lookup touched, and none for the dense layers', () => {
    const sparse = resolveTrainConfig({ epochs: 1, batchSize: 256, embedDim: 4, evalNegatives: 20, optimizer: 'sparseadam' });
    const session = createSession(sparse, dataset);
    const seen: Record<string, number>[] = [];
    const step = session.optimizer.step.bind(session.optimizer) as (grads: GradientMap, rows?: TouchedRowsMap) => void;
    const recorded = { ...session, optimizer: { ...session.optimizer, step: ((grads: GradientMap, rows?: TouchedRowsMap) => {
      seen.push(Object.fromEntries([...(rows as Map<string, Int32Array>)].map(([name, r]) => [name, r.length])));
      step(grads, rows);
    }) as typeof session.optimizer.step } };
    const before = session.parameters.map(([, t]) => t.data.slice());
    trainEpoch(recorded, 1, {});
    expect(seen.length).toBe(Math.ceil((1200 - 50) * 5 / 256)); // one step per batch of positives and 4 negatives each
    for (const rows of seen) {
      expect(Object.keys(rows).sort()).toEqual(['gmf.itemEmbedding.weight', 'gmf.userEmbedding.weight', 'mlp.itemEmbedding.weight', 'mlp.userEmbedding.weight']);
      expect(rows['gmf.userEmbedding.weight']).toBeLessThanOrEqual(50);
    }
    // The dense layers (denseAdam: training's default for sparseadam) moved too.
    session.parameters.forEach(([name, t], k) => expect(t.data, name).not.toEqual(before[k]));
  });

  it('epochSteps, two runs interleaved step by step, gives each run trainEpoch\'s losses and parameters', () => {
    const other = resolveTrainConfig({ ...config, embedDim: 8, seed: 5 });
    const [a, b] = [createSession(config, dataset), createSession(other, dataset)];
    const [runA, runB] = [epochSteps(a, 1, {}), epochSteps(b, 1, {})];
    const losses: [number[], number[]] = [[], []];
    let [doneA, doneB] = [false, false];
    while (!doneA || !doneB) {
      if (!doneA) {
        const next = runA.next();
        if (next.done === true) doneA = true;
        else losses[0].push(next.value.loss);
      }
      if (!doneB) {
        const next = runB.next();
        if (next.done === true) doneB = true;
        else losses[1].push(next.value.loss);
      }
    }
    const [aloneA, aloneB] = [createSession(config, dataset), createSession(other, dataset)];
    const stepLosses = (session: typeof a): number[] => {
      const out: number[] = [];
      trainEpoch(session, 1, {}, (_step, _steps, loss) => out.push(loss));
      return out;
    };
    expect(losses[0]).toEqual(stepLosses(aloneA));
    expect(losses[1]).toEqual(stepLosses(aloneB));
    a.parameters.forEach(([, t], i) => expect(t.data).toEqual(aloneA.parameters[i]![1].data));
    b.parameters.forEach(([, t], i) => expect(t.data).toEqual(aloneB.parameters[i]![1].data));
  });
});


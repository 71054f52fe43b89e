/** A session places its parameters and Adam's state where the backend works in place, and gives them back when done. */
import { afterEach, describe, expect, it } from 'vitest';
import { buildDataset, generateSynthetic } from '../../../src/data/index.ts';
import { createSession, releaseSession, resolveTrainConfig, runTraining } from '../../../src/experiment/index.ts';
import { activeBackend, type KernelBackend } from '../../../src/backend/index.ts';

const dataset = buildDataset(generateSynthetic({ users: 30, items: 40, interactions: 500, seed: 3 }));

/** Counts the active backend's allocateParameter / releaseParameter calls until restored. */
function countPlacement(): { allocated: number; released: number; restore: () => void } {
  const backend = activeBackend() as { -readonly [K in keyof KernelBackend]: KernelBackend[K] };
  const { allocateParameter, releaseParameter } = backend;
  const counts = { allocated: 0, released: 0, restore: () => Object.assign(backend, { allocateParameter, releaseParameter }) };
  // Called on the backend: the js backend's methods use `this` (its WebAssembly memory).
  backend.allocateParameter = (dtype, length) => (counts.allocated++, allocateParameter.call(backend, dtype, length));
  backend.releaseParameter = (array) => (counts.released++, releaseParameter.call(backend, array));
  return counts;
}

let counts: ReturnType<typeof countPlacement> | undefined;
afterEach(() => counts?.restore());

describe('session placement', () => {
  it("asks the backend for every parameter and, for Adam, for both moments of each", () => {
    counts = countPlacement();
    const session = createSession(resolveTrainConfig({ embedDim: 4, evalNegatives: 10 }), dataset);
    const parameters = session.parameters.length;
    expect(counts.allocated).toBe(3 * parameters);
    releaseSession(session);
    expect(counts.released).toBe(3 * parameters);
  });

  it('leaves the state of optimizers without a fused kernel where the optimizer puts it', () => {
    counts = countPlacement();
    const session = createSession(resolveTrainConfig({ embedDim: 4, evalNegatives: 10, optimizer: 'rmsprop' }), dataset);
    expect(counts.allocated).toBe(session.parameters.length);
  });

  it('gives a run\'s arrays back when it ends, and the next run trains the same', () => {
    const config = resolveTrainConfig({ embedDim: 4, epochs: 1, batchSize: 128, evalNegatives: 20 });
    counts = countPlacement();
    const first = runTraining(config, dataset);
    expect(counts.released).toBe(counts.allocated);
    const second = runTraining(config, dataset); // reuses the released memory, zeroed
    expect(second.history.map((r) => r.loss)).toEqual(first.history.map((r) => r.loss));
  });
});

import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDataset, generateSynthetic } from '../../../src/data/index.ts';
import { CheckpointError, ConfigError, TIMING_FIELDS, TrainingDivergedError, loadCheckpoint, resolveTrainConfig, runTraining, type RunResult, type TrainConfig } from '../../../src/experiment/index.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const dataset = buildDataset(generateSynthetic({ users: 60, items: 120, interactions: 1500, seed: 4 }));
const tiny = (overrides: Partial<TrainConfig> = {}) => resolveTrainConfig({ epochs: 3, batchSize: 256, embedDim: 4, evalNegatives: 20, ...overrides });

/** The result with timing fields removed: what must be identical between runs. */
function withoutTimings(result: RunResult): unknown {
  return JSON.parse(JSON.stringify(result, (key, value) => ((TIMING_FIELDS as readonly string[]).includes(key) ? undefined : value)));
}

describe('runTraining', () => {
  it('is deterministic: the same seed and config give the same history, another seed another', () => {
    const a = runTraining(tiny(), dataset);
    const b = runTraining(tiny(), dataset);
    expect(withoutTimings(a)).toEqual(withoutTimings(b));
    const c = runTraining(tiny({ seed: 1 }), dataset);
    expect(c.history[0].loss).not.toBe(a.history[0].loss);
    expect(a.history).toHaveLength(3);
    expect(a.history[0].steps).toBe(Math.ceil(dataset.numTrain * 5 / 256));
  });

  it('also ranks against every untrained item with fullRanking', () => {
    const result = runTraining(tiny({ epochs: 1, fullRanking: true }), dataset);
    const full = result.history[0].fullRanking as { hitRate: number; ndcg: number };
    expect(full.hitRate).toBeGreaterThanOrEqual(0);
    expect(full.hitRate).toBeLessThanOrEqual(1);
    expect(full.ndcg).toBeLessThanOrEqual(full.hitRate);
    expect(result.baseline.fullRanking).toBeDefined();
  });

  it('learns: the loss falls over epochs', () => {
    const result = runTraining(tiny({ epochs: 4, optimizerOptions: { learningRate: 0.01 } }), dataset);
    expect(result.history[3].loss).toBeLessThan(result.history[0].loss);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`resumes a run stopped after epoch 1 to the bit of an unbroken run (${dtype}, with dropout and AMSGrad)`, () => {
      const config = tiny({ dtype, optimizerOptions: { amsgrad: true } });
      const unbroken = runTraining(config, dataset);
      const dir = tempDir('resume');
      runTraining({ ...config, epochs: 1 }, dataset, { checkpointDir: dir });
      const checkpoint = loadCheckpoint(dir);
      expect(checkpoint.epoch).toBe(1);
      const resumed = runTraining(config, dataset, { resume: checkpoint, checkpointDir: dir });
      expect(withoutTimings(resumed)).toEqual(withoutTimings(unbroken));
      // Only the newest epoch's checkpoint is kept.
      expect(readdirSync(join(dir, 'checkpoints'))).toEqual(['epoch-3']);
    });
  }

  it('refuses to resume a checkpoint into another config, or one with no epochs left, naming the difference', () => {
    const dir = tempDir('mismatch');
    runTraining(tiny({ epochs: 1 }), dataset, { checkpointDir: dir });
    const checkpoint = loadCheckpoint(dir);
    expect(() => runTraining(tiny({ batchSize: 64, seed: 7 }), dataset, { resume: checkpoint })).toThrow(
      'resume: the checkpoint was written by another config: batchSize 256 there, 64 here; seed 0 there, 7 here',
    );
    const twoEpochs = tempDir('two');
    runTraining(tiny({ epochs: 2 }), dataset, { checkpointDir: twoEpochs });
    expect(() => runTraining(tiny({ epochs: 1 }), dataset, { resume: loadCheckpoint(twoEpochs) })).toThrow('resume: the checkpoint holds 2 epochs, more than the 1 asked for');
    const otherData = buildDataset(generateSynthetic({ users: 60, items: 120, interactions: 1500, seed: 5 }));
    expect(() => runTraining(tiny(), otherData, { resume: checkpoint })).toThrow(/^resume: the checkpoint was trained on other data than synthetic/);
  });

  it('finishes a run whose checkpoint already holds every epoch (killed before its result was written)', () => {
    const dir = tempDir('complete');
    const unbroken = runTraining(tiny({ epochs: 2 }), dataset, { checkpointDir: dir });
    const finished = runTraining(tiny({ epochs: 2 }), dataset, { resume: loadCheckpoint(dir), checkpointDir: dir });
    // Nothing trains again: even the saved timings come back.
    expect(finished).toEqual(unbroken);
  });

  it('verifies the SHA-256 of the checkpoint files, naming the file that changed', () => {
    const dir = tempDir('sha');
    runTraining(tiny({ epochs: 1 }), dataset, { checkpointDir: dir });
    const model = join(dir, 'checkpoints', 'epoch-1', 'model.safetensors');
    const bytes = readFileSync(model);
    bytes[bytes.length - 2] ^= 0x10; // inside the last parameter's data: still a valid safetensors file
    writeFileSync(model, bytes);
    expect(() => loadCheckpoint(dir)).toThrow(new CheckpointError(`${model}: its SHA-256 differs from the one recorded in state.json: the file was changed or damaged`));
    const state = join(dir, 'checkpoints', 'epoch-1', 'state.json');
    writeFileSync(state, JSON.stringify({ ...JSON.parse(readFileSync(state, 'utf8')), sha256: undefined }));
    expect(() => loadCheckpoint(dir)).toThrow(`${state}: sha256 must record the SHA-256 of model.safetensors and optimizer.json (a checkpoint from before seedgrad kept them cannot be verified)`);
  });

  it('names optimizer.json when it holds no optimizer state', () => {
    const dir = tempDir('optimizer');
    runTraining(tiny({ epochs: 1 }), dataset, { checkpointDir: dir });
    const optimizer = join(dir, 'checkpoints', 'epoch-1', 'optimizer.json');
    writeFileSync(optimizer, '{}');
    // The checksum is what catches it; with the checksum made to fit, the state's own check still names the file.
    expect(() => loadCheckpoint(dir)).toThrow(new RegExp(`^${optimizer.replace(/[.\\/]/g, '\\$&')}: `));
    const state = join(dir, 'checkpoints', 'epoch-1', 'state.json');
    const parsed = JSON.parse(readFileSync(state, 'utf8'));
    parsed.sha256['optimizer.json'] = createHash('sha256').update('{}').digest('hex');
    writeFileSync(state, JSON.stringify(parsed));
    expect(() => runTraining(tiny({ epochs: 2 }), dataset, { resume: loadCheckpoint(dir) })).toThrow(new RegExp(`^${optimizer.replace(/[.\\/]/g, '\\$&')}: `));
  });

  it('reports a damaged checkpoint by file, not with a stack trace from inside', () => {
    const dir = tempDir('damaged');
    runTraining(tiny({ epochs: 1 }), dataset, { checkpointDir: dir });
    const state = join(dir, 'checkpoints', 'epoch-1', 'state.json');
    const original = readFileSync(state, 'utf8');
    writeFileSync(state, JSON.stringify({ ...JSON.parse(original), randomStates: undefined }));
    expect(() => loadCheckpoint(dir)).toThrow(new CheckpointError(`${state}: randomStates must be an object keyed by stream`));
    writeFileSync(state, original);
    writeFileSync(join(dir, 'checkpoints', 'epoch-1', 'model.safetensors'), 'not safetensors at all');
    expect(() => loadCheckpoint(dir)).toThrow(CheckpointError);
    expect(() => loadCheckpoint(dir)).toThrow(/model\.safetensors: its SHA-256 differs from the one recorded in state\.json/);
  });

  it('stops on a non-finite loss, naming the epoch and step', () => {
    const config = tiny({ optimizer: 'sgd', optimizerOptions: { learningRate: 1e30 } });
    expect(() => runTraining(config, dataset)).toThrow(TrainingDivergedError);
    expect(() => runTraining(config, dataset)).toThrow(/^training stopped: the loss is (NaN|Infinity) at epoch 1, step \d+ of \d+; try a smaller learning rate$/);
  });

  it('can record the divergence instead, returning the epochs before it', () => {
    const result = runTraining(tiny({ optimizer: 'sgd', optimizerOptions: { learningRate: 1e30 } }), dataset, { onDiverged: 'record' });
    expect(result.history).toEqual([]);
    expect(result.diverged).toMatchObject({ epoch: 1 });
    expect(['NaN', 'Infinity', '-Infinity']).toContain(result.diverged!.loss);
  });

  it('validates the config with the key and the allowed range', () => {
    expect(() => resolveTrainConfig({ dropout: 1 })).toThrow(new ConfigError('config: dropout must be a number in [0, 1), got 1'));
    expect(() => resolveTrainConfig({ batchSize: 0 })).toThrow('config: batchSize must be an integer in [1, 1000000], got 0');
    expect(() => resolveTrainConfig({ model: 'ncf' as 'neumf' })).toThrow('config: model must be one of neumf, gmf, mlp, got "ncf"');
    expect(() => resolveTrainConfig({ epoch: 3 } as Partial<TrainConfig>)).toThrow(/config: unknown key 'epoch'; known keys: data, model/);
    expect(() => resolveTrainConfig({ optimizer: 'adam', optimizerOptions: { beta1: 1 } })).toThrow(/beta1/);
    expect(() => resolveTrainConfig({ optimizer: 'lamb', convention: 'torch' })).toThrow(/lamb is not offered in the torch convention/);
  });
});

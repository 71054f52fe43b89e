import { describe, expect, it } from 'vitest';
import { measureStep, quantile, snapshot } from '../../../src/experiment/run/diagnostics.ts';
import { createOptimizer } from '../../../src/optim/index.ts';
import { buildDataset, generateSynthetic } from '../../../src/data/index.ts';
import { resolveTrainConfig, runTraining } from '../../../src/experiment/index.ts';

describe('per-parameter diagnostics', () => {
  it('quantile interpolates between order statistics as NumPy does (worked by hand)', () => {
    const sorted = Float64Array.from([1, 2, 3, 4]);
    expect(quantile(sorted, 0.1)).toBeCloseTo(1.3, 14);
    expect(quantile(sorted, 0.5)).toBe(2.5);
    expect(quantile(sorted, 0.9)).toBeCloseTo(3.7, 14);
    expect(quantile(Float64Array.from([7]), 0.9)).toBe(7);
  });

  it('measures one plain SGD step: Δp = −lr·g, so the effective step is lr everywhere (elements with g = 0 left out)', () => {
    const w = { data: Float64Array.from([3, 4, 1]) };
    const b = { data: Float64Array.from([0]) };
    const parameters = [['w', w], ['b', b]] as const;
    const sgd = createOptimizer('sgd', { convention: 'torch', options: { learningRate: 0.5 }, params: [{ name: 'w', shape: [3], ...w }, { name: 'b', shape: [1], ...b }] });
    const grads = new Map([['w', Float64Array.from([0.6, -0.8, 0])], ['b', Float64Array.from([0])]]);
    const before = snapshot(parameters);
    sgd.step(grads);
    const [mw, mb] = measureStep(before, grads, parameters, sgd).parameters;
    expect(mw.gradientNorm).toBeCloseTo(1, 15);
    expect(mw.updateNorm).toBeCloseTo(0.5, 15);
    expect(mw.updateToWeight).toBeCloseTo(0.5 / Math.sqrt(26), 15);
    for (const q of Object.values(mw.effectiveStep!)) expect(q).toBeCloseTo(0.5, 14);
    expect(mw.epsilonDominance).toBeNull();
    expect(mb).toMatchObject({ gradientNorm: 0, updateNorm: 0, updateToWeight: null, effectiveStep: null });
  });

  it('in training: every N-th step of the run is measured (with sharpness when asked), and turning it on changes no number of the run', () => {
    const dataset = buildDataset(generateSynthetic({ users: 30, items: 40, interactions: 500, seed: 3 }));
    const config = resolveTrainConfig({ embedDim: 4, epochs: 2, batchSize: 256, evalNegatives: 20, optimizer: 'rmsprop', optimizerOptions: { learningRate: 1e-4 } });
    const plain = runTraining(config, dataset);
    const measured = runTraining(config, dataset, { diagnostics: 3 });
    const steps = plain.history.reduce((n, e) => n + e.steps, 0);
    const records = measured.history.flatMap((e) => e.diagnostics ?? []);
    expect(records.map((r) => r.step)).toEqual(Array.from({ length: Math.floor(steps / 3) }, (_, k) => 3 * (k + 1)));
    expect(records[0].parameters.map((p) => p.name)).toEqual(['gmf.userEmbedding.weight', 'gmf.itemEmbedding.weight', 'mlp.userEmbedding.weight', 'mlp.itemEmbedding.weight', 'mlp.dense0.kernel', 'mlp.dense0.bias', 'mlp.dense1.kernel', 'mlp.dense1.bias', 'mlp.dense2.kernel', 'mlp.dense2.bias', 'head.kernel', 'head.bias']);
    expect(records[0].parameters[0].epsilonDominance).toBeGreaterThan(0.5);
    const strip = (r: typeof plain) => JSON.stringify({ ...r, history: r.history.map(({ samplingSeconds, trainingSeconds, evaluationSeconds, diagnostics, ...rest }) => rest) });
    expect(strip(measured)).toBe(strip(plain));
    expect(plain.history.every((e) => !('diagnostics' in e))).toBe(true);
    // Sharpness at the same steps: the model in evaluation mode for it, so still the same run.
    const curved = runTraining(config, dataset, { diagnostics: 3, sharpness: { tolerance: 1e-3, maxIterations: 10 } });
    expect(strip(curved)).toBe(strip(plain));
    for (const r of curved.history.flatMap((e) => e.diagnostics ?? [])) {
      expect(r.sharpness!.eigenvalue).toBeGreaterThan(0);
      expect(r.sharpness!.iterations).toBeLessThanOrEqual(10);
    }
    expect(() => runTraining(config, dataset, { sharpness: {} })).toThrow('sharpness: it is measured at the diagnostics steps; set diagnostics (the interval in steps) too');
    expect(() => runTraining(config, dataset, { diagnostics: 0 })).toThrow(`diagnostics: the interval must be an integer in [1, ${steps}] (the run's steps: 2 epochs of ${steps / 2}), got number 0`);
    expect(() => runTraining(config, dataset, { diagnostics: steps + 1 })).toThrow(/^diagnostics: the interval must be an integer in \[1, \d+\]/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseSweepConfig, planSweep, shardUnits, sweepUnits, type RecommenderTrainConfig } from '../../../src/experiment/index.ts';

const file = 'test.json';
const minimal = { name: 'demo', base: { epochs: 2, learningRate: 0.001 }, runs: [{ optimizer: 'adam' }, { optimizer: 'adam', amsgrad: true }] };
const plan = (config: unknown, overrides = {}) => planSweep(parseSweepConfig(config, file), file, overrides);

describe('sweep configs', () => {
  it('numbers runs across the ungrouped list and the groups, and lets a run override base', () => {
    const runs = plan({ ...minimal, title: 'Optimizers', seeds: [3, 4], groups: [{ title: 'Faster', runs: [{ optimizer: 'nadam', learningRate: 0.01, epochs: 3 }] }] });
    expect(runs.map((r) => [r.number, r.id, r.group, r.label])).toEqual([
      [1, 'run-01', 'Optimizers', 'Adam'],
      [2, 'run-02', 'Optimizers', 'Adam + AMSGrad'],
      [3, 'run-03', 'Faster', 'Nadam'],
    ]);
    expect(runs[1].configs.map((c) => [c.seed, c.epochs, c.optimizerOptions])).toEqual([[3, 2, { learningRate: 0.001, amsgrad: true }], [4, 2, { learningRate: 0.001, amsgrad: true }]]);
    expect(runs[2].configs[0]).toMatchObject({ optimizer: 'nadam', epochs: 3, optimizerOptions: { learningRate: 0.01 }, batchSize: 2048, embedDim: 16, dropout: 0.4 });
  });

  it('crosses every run with the cross axes', () => {
    const runs = plan({ ...minimal, cross: { learningRate: [0.001, 0.01], dtype: ['float32', 'float64'] } });
    expect(runs).toHaveLength(8);
    expect(runs[3].label).toBe('Adam (learningRate 0.01, dtype float64)');
    expect(runs[3].configs[0]).toMatchObject({ dtype: 'float64', optimizerOptions: { learningRate: 0.01 } });
  });

  it('applies --data and --convention, except to a run that names its own convention', () => {
    const runs = plan({ ...minimal, runs: [{ optimizer: 'rmsprop' }, { optimizer: 'adafactor', convention: 'keras' }] }, { convention: 'torch', data: 'x.csv' });
    expect(runs.map((r) => r.configs[0].convention)).toEqual(['torch', 'keras']);
    expect((runs[0].configs[0] as RecommenderTrainConfig).data).toBe('x.csv');
  });

  it("takes a synthetic:key=value data spec from the config or --data, and names a bad one's key and range", () => {
    const spec = 'synthetic:users=35000,items=20000,interactions=5e6';
    expect((plan({ ...minimal, data: spec })[0].configs[0] as RecommenderTrainConfig).data).toBe(spec);
    expect((plan(minimal, { data: spec })[0].configs[0] as RecommenderTrainConfig).data).toBe(spec);
    expect(() => plan({ ...minimal, data: 'synthetic:users=35000,colour=red' })).toThrow(
      /^test\.json: run 1 \(Adam\): data must be 'synthetic' or valid 'synthetic:key=value,\.\.\.' \(data 'synthetic:users=35000,colour=red': unknown synthetic option 'colour'; allowed: users, items, interactions, rank, seed\), got "synthetic:users=35000,colour=red"$/,
    );
    expect(() => plan(minimal, { data: 'synthetic:rank=100' })).toThrow("synthetic option 'rank' must be an integer in [1, 64], got 100");
  });

  it('names the run, the key and what is allowed when a value is wrong', () => {
    expect(() => plan({ ...minimal, runs: [{ optimizer: 'adam' }, { optimizer: 'adam', epochs: '5' }] })).toThrow(
      'test.json: run 2 (Adam): epochs must be an integer in [1, 10000], got "5"',
    );
    expect(() => plan({ ...minimal, groups: [{ title: 'G', runs: [{ optimizer: 'sgd', momentum: 1.5 }] }] })).toThrow(/^test\.json: run 3 \(SGD, group "G"\): .*momentum.*\[0, 1\]/);
    expect(() => plan({ ...minimal, runs: [{ optimizer: 'adam', learningrate: 0.1 }] })).toThrow(/^test\.json: run 1: unknown key 'learningrate'; allowed: model, loss, optimizer/);
    expect(() => plan({ ...minimal, runs: [{ optimizer: 'notanoptimizer' }] })).toThrow(/^test\.json: run 1 \(notanoptimizer\): optimizer must be one of adam, adamw, adamax, nadam, sgd, rmsprop, adadelta, adafactor, .*or amsgrad \(adam with amsgrad: true\), got "notanoptimizer"$/);
    expect(() => plan({ ...minimal, runs: [{ optimizer: 'lamb', convention: 'torch' }] })).toThrow(/lamb is not offered in the torch convention/);
  });

  it('rejects malformed files', () => {
    expect(() => parseSweepConfig([], file)).toThrow('test.json: a sweep config is a JSON object');
    expect(() => parseSweepConfig({ ...minimal, name: 'a b' }, file)).toThrow(/name must be a string of letters/);
    expect(() => parseSweepConfig({ ...minimal, seeds: [1, 1] }, file)).toThrow(/seeds must be a non-empty list of distinct integers/);
    expect(() => parseSweepConfig({ ...minimal, runs: [], groups: [] }, file)).toThrow('test.json: no runs: give "runs", "groups" or both');
    expect(() => parseSweepConfig({ ...minimal, epochs: 3 }, file)).toThrow(/^test\.json: unknown key 'epochs'; allowed: name, description/);
    expect(() => parseSweepConfig({ ...minimal, groups: [{ name: 'x', runs: [] }] }, file)).toThrow('test.json: groups[0] must be {"title": string, "runs": [...]}');
    expect(() => parseSweepConfig({ ...minimal, cross: { learningRate: [] } }, file)).toThrow('test.json: cross.learningRate must be a non-empty list of values');
  });

  it('names a non-finite number as such, refuses a label that is not a string, and values nested too deeply', () => {
    // JSON.parse reads 1e999 as Infinity, which JSON.stringify would print as null.
    const infinite = JSON.parse('{"name": "x", "runs": [{"optimizer": "adam", "epochs": 1e999}]}');
    expect(() => plan(infinite)).toThrow('test.json: run 1 (Adam): epochs must be an integer in [1, 10000], got Infinity (not a finite number)');
    expect(() => parseSweepConfig({ ...minimal, runs: [{ optimizer: 'adam', label: ['mine'] }] }, file)).toThrow('test.json: run 1: label must be a string, got ["mine"]');
    expect(() => parseSweepConfig({ ...minimal, base: { label: 3 } }, file)).toThrow('test.json: base: label must be a string, got 3');
    let deep: unknown = 1;
    for (let k = 0; k < 100_000; k++) deep = [deep];
    expect(() => parseSweepConfig({ ...minimal, runs: [{ optimizer: 'adam', learningRate: deep }] }, file)).toThrow(/^test\.json: runs\[0\]\.learningRate(\[0\])+ is nested more than 32 levels deep$/);
  });

  it('shortens a huge value in a message instead of echoing it', () => {
    const huge = `a b${'x'.repeat(10_000_000)}`;
    let message = '';
    try {
      parseSweepConfig({ ...minimal, name: huge }, file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^test\.json: name must be a string of letters/);
    expect(message.length).toBeLessThan(400);
    expect(message).toContain('(10000005 characters)');
  });

  it('refuses a grid above the run limit before expanding it, unless the limit is raised', () => {
    const big = { ...minimal, cross: { learningRate: Array.from({ length: 2000 }, (_, k) => k / 1000), beta1: Array.from({ length: 2000 }, (_, k) => k / 2001) } };
    expect(() => plan(big)).toThrow('test.json: the grid has 8000000 runs (2 runs × 4000000 cross combinations), more than the limit of 1000; raise it with --max-runs');
    const small = { ...minimal, cross: { learningRate: [0.1, 0.2, 0.3] } };
    expect(() => planSweep(parseSweepConfig(small, file), file, {}, { maxRuns: 5 })).toThrow(/the grid has 6 runs .*more than the limit of 5/);
    expect(planSweep(parseSweepConfig(small, file), file, {}, { maxRuns: 6 })).toHaveLength(6);
  });

  it('splits units into shards that cover every unit exactly once', () => {
    const units = sweepUnits(plan({ ...minimal, seeds: [0, 1, 2], cross: { learningRate: [0.1, 0.2] } }));
    expect(units).toHaveLength(12);
    const shards = [1, 2, 3, 4, 5].map((i) => shardUnits(units, i, 5).map((u) => u.id));
    expect(shards.flat().sort()).toEqual(units.map((u) => u.id).sort());
    expect(shards[0]).toEqual([units[0].id, units[5].id, units[10].id]);
  });

  it('loads the shipped seed-log grid: 15 runs as docs/protocol.md lists them', async () => {
    const { readFileSync } = await import('node:fs');
    const runs = planSweep(parseSweepConfig(JSON.parse(readFileSync('experiments/seed-log.json', 'utf8')), 'seed-log.json'), 'seed-log.json');
    expect(runs.map((r) => `${r.label} ${r.configs[0].epochs} ${r.configs[0].optimizerOptions.learningRate}`)).toEqual([
      'Adam 5 0.0001', 'Adam + AMSGrad 5 0.0001', 'AdamW 5 0.0001', 'Adamax 5 0.0001', 'Nadam 5 0.0001', 'SGD 5 0.0001', 'RMSprop 5 0.0001',
      'Adadelta 5 0.0001', 'Adafactor 5 0.0001', 'Nadam 10 0.0001', 'Nadam 20 0.0001', 'Nadam 5 0.001', 'Nadam 5 0.01', 'Nadam 5 0.1', 'Nadam 10 0.01',
    ]);
    for (const r of runs) expect(r.configs[0]).toMatchObject({ model: 'neumf', loss: 'bce', dropout: 0.4, batchSize: 2048, embedDim: 16 });
  });

  it('accepts every config shipped in experiments/', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const files = readdirSync('experiments').filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) expect(planSweep(parseSweepConfig(JSON.parse(readFileSync(`experiments/${f}`, 'utf8')), f), f).length, f).toBeGreaterThan(0);
  });
});

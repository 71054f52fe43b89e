/** A sweep of the teacher–student workload: it runs, and its report shows the workload's metrics, not HR and NDCG. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseSweepConfig, planSweep, runSweep } from '../../../src/experiment/index.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const root = tempDir('teacher-student-sweep');
const file = join(root, 'ts.json');
const config = {
  name: 'ts',
  title: 'Gradient descent',
  seeds: [0, 1],
  base: { workload: 'teacher-student', epochs: 4, samples: 24, testSamples: 40, hiddenWidth: 8 },
  runs: [{ optimizer: 'sgd', learningRate: 0.1 }, { optimizer: 'adam', learningRate: 0.01, batchSize: 8 }],
};

describe('a teacher-student sweep', () => {
  it("runs, and writes tables, plots and results with the workload's metrics and baseline", async () => {
    const outDir = join(root, 'out');
    await runSweep(parseSweepConfig(config, file), { file, outDir, jobs: 1, resume: false, overrides: {}, backend: { choice: 'js', threads: 1, description: 'backend js, 1 thread' } });
    const md = readFileSync(join(outDir, 'results.md'), 'utf8');
    expect(md).toContain('| run | optimizer | learning rate | batch size | training-set loss (MSE) | test loss (MSE) |');
    expect(md).toMatch(/^Constant baseline \(the best constant prediction .*\): training-set loss \(MSE\) \d\.\d{5}, test loss \(MSE\) \d\.\d{5}\.$/m);
    expect(md).not.toMatch(/NDCG|HR@/);
    const plots = readdirSync(join(outDir, 'plots')).filter((f) => f.endsWith('.svg')).sort();
    expect(plots).toEqual(['g1-gradient-descent-bars.svg', 'g1-gradient-descent-loss.svg', 'g1-gradient-descent-test-loss.svg', 'g1-gradient-descent-train-loss.svg']);
    expect(readFileSync(join(outDir, 'plots', 'g1-gradient-descent-test-loss.svg'), 'utf8')).toContain('constant baseline test loss (MSE)');
    expect(readFileSync(join(outDir, 'report.html'), 'utf8')).toContain('<th>test loss (MSE)</th>');
    const csv = readFileSync(join(outDir, 'results.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('run,id,group,label,optimizer,convention,learningRate,seed,epoch,loss,trainLoss,testLoss,diverged,samplingSeconds,trainingSeconds,evaluationSeconds');
    expect(csv.length - 2).toBe(2 * 2 * 4);
    const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8'));
    const history = results.runs[1].seeds[0].history;
    expect(history).toHaveLength(4);
    expect(history[3].steps).toBe(3);
    expect(typeof history[3].testLoss).toBe('number');
    expect(results.manifest.datasetSha256).toBe('none (generated data)');
  });

  it('refuses a sweep that mixes workloads, and a recommender key in a teacher-student run', () => {
    const mixed = parseSweepConfig({ name: 'mixed', base: { epochs: 2 }, runs: [{ workload: 'teacher-student' }, { optimizer: 'adam' }] }, file);
    expect(() => planSweep(mixed, file)).toThrow(/^.*ts\.json: run 2 \(Adam\) reports NDCG@10, HR@10, run 1 training-set loss \(MSE\), test loss \(MSE\): the runs of one sweep must share a workload and its metrics/);
    const wrongKey = parseSweepConfig({ ...config, runs: [{ optimizer: 'sgd', embedDim: 4 }] }, file);
    expect(() => planSweep(wrongKey, file)).toThrow(/run 1 \(SGD\): unknown key 'embedDim'; known keys: workload, .* \(the teacher-student workload's\)$/);
  });
});

/** Sweeps end to end on a tiny dataset: jobs, shards + merge, resume after kill -9, and the report's files. */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { writeSyntheticRatings } from '../../helpers/ratings-file.ts';
import { mergeSweeps, parseSweepConfig, runSweep, TIMING_FIELDS } from '../../../src/experiment/index.ts';
import { VOLATILE_MANIFEST_FIELDS } from '../../../src/experiment/run/manifest.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const root = tempDir('sweep');
const ratings = join(root, 'ratings.csv');
const configFile = join(root, 'tiny.json');
const config = {
  name: 'tiny',
  title: 'Optimizers',
  seeds: [0, 1],
  base: { epochs: 3, batchSize: 256, embedDim: 4, evalNegatives: 20, learningRate: 0.01 },
  runs: [{ optimizer: 'adam' }, { optimizer: 'sgd', momentum: 0.9 }],
  groups: [{ title: 'Learning rate', runs: [{ optimizer: 'adam', learningRate: 0.001 }, { optimizer: 'adam', learningRate: 0.1 }] }],
};
const sweep = () => parseSweepConfig(config, configFile);
const options = (outDir: string, more = {}) => ({ file: configFile, outDir, jobs: 1, resume: false, overrides: { data: ratings }, backend: { choice: 'js' as const, threads: 1, description: 'backend js, 1 thread' }, ...more });

/** Every output file but the ones holding timings, plus results.json without timings: what must match. */
function outputs(dir: string): Record<string, unknown> {
  const files: Record<string, unknown> = { 'results.md': readFileSync(join(dir, 'results.md'), 'utf8') };
  for (const f of readdirSync(join(dir, 'plots'))) files[`plots/${f}`] = readFileSync(join(dir, 'plots', f), 'utf8');
  const volatile = new Set<string>([...TIMING_FIELDS, ...VOLATILE_MANIFEST_FIELDS, 'mergedFrom']);
  files['results.json'] = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'), (key, value) => (volatile.has(key) ? undefined : value));
  files['results.csv'] = readFileSync(join(dir, 'results.csv'), 'utf8').split('\n').map((line) => line.split(',').slice(0, -3).join(','));
  return files;
}

let reference: Record<string, unknown>;
const referenceDir = join(root, 'sequential');

beforeAll(async () => {
  writeSyntheticRatings(ratings, { users: 50, items: 100, interactions: 1200, seed: 9 });
  writeFileSync(configFile, JSON.stringify(config));
  await runSweep(sweep(), options(referenceDir));
  reference = outputs(referenceDir);
});

describe('seedgrad sweep', () => {
  it('gives the same outputs with 2 jobs on worker threads as sequentially', async () => {
    const dir = join(root, 'jobs');
    await runSweep(sweep(), options(dir, { jobs: 2 }));
    expect(outputs(dir)).toEqual(reference);
  });

  it('gives the same outputs from two shards merged as from one machine', async () => {
    const shards = [1, 2].map((i) => join(root, `shard-${i}`));
    for (const [k, dir] of shards.entries()) await runSweep(sweep(), options(dir, { shard: { index: k + 1, count: 2 } }));
    await expect(mergeSweeps([shards[0]])).rejects.toThrow(/merge: 4 of 8 units have no result yet/);
    const merged = join(root, 'merged');
    await mergeSweeps(shards, merged);
    expect(outputs(merged)).toEqual(reference);
  });

  it('continues a sweep killed with SIGKILL and ends with the outputs of an unbroken one', async () => {
    const dir = join(root, 'killed');
    const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'seedgrad');
    // Kill once the second run has written its first epoch checkpoint: one unit done, one mid-way.
    const child = spawn(bin, ['sweep', configFile, '--data', ratings, '--out', dir, '--jobs', '1'], { stdio: 'ignore' });
    const midway = join(dir, 'runs', 'run-01-seed-1', 'checkpoint.json');
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (existsSync(midway)) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(poll);
        reject(new Error('the sweep finished before it could be killed'));
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(existsSync(join(dir, 'runs', 'run-01-seed-0', 'result.json'))).toBe(true);
    expect(existsSync(join(dir, 'results.md'))).toBe(false);
    await runSweep(sweep(), options(dir, { resume: true }));
    expect(outputs(dir)).toEqual(reference);
  });

  it('refuses to resume a folder that ran another sweep', async () => {
    await expect(runSweep(sweep(), options(referenceDir, { resume: true, overrides: { data: ratings, convention: 'torch' } }))).rejects.toThrow(/^--resume: .* holds a sweep \('tiny'\) with another --convention; use another --out or drop --resume$/);
  });

  it('writes well-formed SVGs with one series per run, their specs, and a self-contained report page', () => {
    const plots = readdirSync(join(referenceDir, 'plots'));
    expect(plots.filter((f) => f.endsWith('.svg')).sort()).toEqual([
      'g1-optimizers-bars.svg', 'g1-optimizers-hr.svg', 'g1-optimizers-loss.svg', 'g1-optimizers-ndcg.svg',
      'g2-learning-rate-bars.svg', 'g2-learning-rate-hr.svg', 'g2-learning-rate-learning-rate.svg', 'g2-learning-rate-loss.svg', 'g2-learning-rate-ndcg.svg',
    ]);
    for (const svg of plots.filter((f) => f.endsWith('.svg'))) {
      const text = readFileSync(join(referenceDir, 'plots', svg), 'utf8');
      expect(XMLValidator.validate(text), svg).toBe(true);
      expect(existsSync(join(referenceDir, 'plots', svg.replace(/\.svg$/, '.vl.json')))).toBe(true);
    }
    const ndcg = readFileSync(join(referenceDir, 'plots', 'g1-optimizers-ndcg.svg'), 'utf8');
    // One line per run, each labelled with its run in the legend.
    const lines = [...ndcg.matchAll(/aria-label="[^"]*run: ([^"]+)" role="graphics-symbol" aria-roledescription="line mark"/g)].map((m) => m[1]);
    expect(lines).toEqual(['Adam, default options', 'SGD, momentum 0.9']);
    // The learning-rate plot spans the group's rates and the base run's: 0.001, 0.01 (run 1), 0.1.
    const lr = JSON.parse(readFileSync(join(referenceDir, 'plots', 'g2-learning-rate-learning-rate.vl.json'), 'utf8'));
    expect([...new Set(lr.layer[0].data.values.map((v: { learningRate: number }) => v.learningRate))]).toEqual([0.001, 0.01, 0.1]);
    expect(lr.layer[0].encoding.x.scale.type).toBe('log');

    const html = readFileSync(join(referenceDir, 'report.html'), 'utf8');
    expect(XMLValidator.validate(html.replace('<!DOCTYPE html>', ''))).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(9);
    expect(html.match(/<tr><td>/g)).toHaveLength(4);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('datasetSha256');
  });

  it('writes the log table with the best metric of each group in bold', () => {
    const md = reference['results.md'] as string;
    expect(md).toContain('Same in every run: keras convention, loss BCE, 3 epochs, learning rate 0.01, dropout 0.4, batch size 256, embedding dimension 4.\n\n| run | optimizer | options | NDCG@10 | HR@10 |');
    expect(md).toMatch(/^\| 1 \| Adam \| defaults \| /m);
    expect(md.match(/\*\*/g)!.length).toBeGreaterThanOrEqual(8);
    expect(md).toContain('Mean ± standard deviation over seeds 0, 1.');
  });

  it('reports a diverged run in its table and plots and goes on with the others', async () => {
    const dir = join(root, 'diverging');
    const diverging = parseSweepConfig({ name: 'diverging', base: config.base, runs: [{ optimizer: 'sgd', learningRate: 1e30 }, { optimizer: 'adam' }] }, 'diverging.json');
    await runSweep(diverging, options(dir));
    const md = readFileSync(join(dir, 'results.md'), 'utf8');
    expect(md).toMatch(/^\| 1 \| SGD \| 1e\+30 \| diverged \(loss (NaN|Infinity) at epoch 1, step \d+\) \| diverged/m);
    expect(md).toMatch(/^\| 2 \| Adam \| 0\.01 \| \*\*0\.\d+\*\* \| \*\*0\.\d+\*\* \|$/m);
    const bars = JSON.parse(readFileSync(join(dir, 'plots', 'g1-runs-bars.vl.json'), 'utf8'));
    expect(bars.layer[0].encoding.x.scale.domain).toEqual(['SGD, learning rate 1e+30', 'Adam, learning rate 0.01']);
    expect(bars.layer[0].data.values.map((v: { run: string }) => v.run)).toEqual(['Adam, learning rate 0.01', 'Adam, learning rate 0.01']);
    for (const svg of readdirSync(join(dir, 'plots')).filter((f) => f.endsWith('.svg'))) expect(XMLValidator.validate(readFileSync(join(dir, 'plots', svg), 'utf8')), svg).toBe(true);
    // results.csv has the diverged run too: a row where it stopped, with the divergence column filled.
    const csv = readFileSync(join(dir, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('run,id,group,label,optimizer,convention,learningRate,seed,epoch,loss,ndcg,hitRate,diverged,samplingSeconds,trainingSeconds,evaluationSeconds');
    expect(csv[1]).toMatch(/^1,run-01,Runs,SGD,sgd,keras,1e\+30,0,1,(NaN|Infinity),,,"loss (NaN|Infinity) at epoch 1, step \d+",,,$/);
    expect(csv.slice(2).map((line) => line.split(',').slice(0, 9).join(','))).toEqual(['2,run-02,Runs,Adam,adam,keras,0.01,0,1', '2,run-02,Runs,Adam,adam,keras,0.01,0,2', '2,run-02,Runs,Adam,adam,keras,0.01,0,3']);
    expect(csv.slice(2).every((line) => line.split(',')[12] === '')).toBe(true);
  });
});

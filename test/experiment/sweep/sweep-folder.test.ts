/**
 * What a sweep may do to its --out folder: never delete what it did not write, never mix
 * two sweeps, one sweep at a time (the lock), and one clear line for every damaged file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticRatings } from '../../helpers/ratings-file.ts';
import { ConfigError, defaultSweepDir, mergeSweeps, parseSweepConfig, runSweep } from '../../../src/experiment/index.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const root = tempDir('sweep-folder');
const ratings = join(root, 'ratings.csv');
const configFile = join(root, 'small.json');
const base = { epochs: 1, batchSize: 256, embedDim: 4, evalNegatives: 20, learningRate: 0.01 };
const small = parseSweepConfig({ name: 'small', seeds: [0], base, runs: [{ optimizer: 'adam' }, { optimizer: 'sgd' }] }, configFile);
const other = parseSweepConfig({ name: 'other', seeds: [0], base, runs: [{ optimizer: 'nadam' }] }, configFile);

function options(outDir: string, more: Record<string, unknown> = {}) {
  const notices: string[] = [];
  return {
    notices,
    options: { file: configFile, outDir, jobs: 1, resume: false, overrides: { data: ratings }, backend: { choice: 'js' as const, threads: 1, description: 'backend js' }, onNotice: (line: string) => notices.push(line), ...more },
  };
}
const run = (sweep: typeof small, outDir: string, more: Record<string, unknown> = {}) => runSweep(sweep, options(outDir, more).options);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A finished sweep of `small` in a fresh folder. */
async function finished(name: string): Promise<string> {
  const dir = join(root, name);
  await run(small, dir);
  return dir;
}

beforeAll(() => {
  writeSyntheticRatings(ratings, { users: 40, items: 80, interactions: 900, seed: 3 });
});

describe('the folder a sweep writes to', () => {
  it('refuses a non-empty folder that is not a sweep folder, with or without --resume, and deletes nothing', async () => {
    const dir = join(root, 'mine');
    mkdirSync(join(dir, 'runs', 'exp1'), { recursive: true });
    mkdirSync(join(dir, 'plots'));
    writeFileSync(join(dir, 'runs', 'exp1', 'notes.txt'), 'x\n');
    for (const resume of [false, true]) {
      await expect(run(small, dir, { resume })).rejects.toThrow(new ConfigError(`${dir} is not empty and is not a seedgrad sweep folder (no sweep.json); give a new or empty --out`));
    }
    expect(readFileSync(join(dir, 'runs', 'exp1', 'notes.txt'), 'utf8')).toBe('x\n');
    // Nothing was written there either, not even a lock for a moment.
    expect(readdirSync(dir).sort()).toEqual(['plots', 'runs']);
  });

  it('reprints a finished sweep of the same config without running it again', async () => {
    const dir = await finished('again');
    const before = readFileSync(join(dir, 'results.json'), 'utf8');
    const { options: opts, notices } = options(dir);
    const outcome = await runSweep(small, opts);
    expect(outcome.reused).toBe(true);
    expect(notices).toEqual([`${dir} already holds this sweep, finished: its results are shown again (pass --force to run it again)`]);
    // Not even the manifest's times change.
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).toBe(before);
    // Unless the data changed under the same path.
    const changed = join(root, 'changed.csv');
    writeSyntheticRatings(changed, { users: 40, items: 80, interactions: 900, seed: 3 });
    const twice = join(root, 'again-data');
    await run(small, twice, { overrides: { data: changed } });
    writeSyntheticRatings(changed, { users: 40, items: 80, interactions: 900, seed: 4 });
    await expect(run(small, twice, { overrides: { data: changed } })).rejects.toThrow(`${twice} holds this sweep, finished on other data (the SHA-256 in its results.json differs); pass --force to run it again`);
  });

  it('refuses to replace a finished sweep of another config unless forced; forced, it clears the old outputs first and says so', async () => {
    const dir = await finished('replaced');
    await expect(run(other, dir)).rejects.toThrow(`${dir} holds a finished sweep ('small') with another config; pass --force to replace it, or give another --out`);
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).config.name).toBe('small');
    // A forced run that stops half-way (here: its data is missing) leaves no outputs of the old sweep beside the new one.
    const missing = join(root, 'missing.csv');
    const { options: opts, notices } = options(dir, { force: true, overrides: { data: missing } });
    await expect(runSweep(other, opts)).rejects.toThrow(/missing\.csv/);
    expect(notices).toEqual([`${dir}: cleared the outputs of the earlier sweep ('small') before starting`]);
    expect(readdirSync(dir).sort()).toEqual(['runs', 'sweep.json']);
    expect(readdirSync(join(dir, 'runs'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')).config.name).toBe('other');
    // An unfinished sweep is continued with --resume, or started over with --force; a plain rerun is refused.
    await expect(runSweep(other, options(dir, { overrides: { data: missing } }).options)).rejects.toThrow(`${dir} holds an unfinished sweep ('other'); pass --resume to continue it, or --force to start it over`);
    const forced = await run(other, dir, { force: true });
    expect(forced.reused).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).config.name).toBe('other');
  });

  it('lets one sweep at a time use a folder, naming the folder and the process; takes over a dead process\'s lock and says so', async () => {
    const dir = join(root, 'locked');
    const first = run(small, dir);
    const lockRefusal = new RegExp(`^${escape(dir)} is in use by another sweep: pid ${process.pid} on ${escape(hostname())} since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z; wait for it to end or stop it$`);
    await expect(run(small, dir)).rejects.toThrow(lockRefusal);
    await expect(run(small, dir, { resume: true })).rejects.toThrow(lockRefusal);
    await first;
    expect(existsSync(join(dir, 'sweep.lock'))).toBe(false);

    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(join(dir, 'sweep.lock'), JSON.stringify({ pid: dead, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const { options: opts, notices } = options(dir, { resume: true });
    await runSweep(small, opts);
    expect(notices).toContain(`${dir}: took over the lock of a sweep that is gone (pid ${dead} on ${hostname()})`);
    expect(existsSync(join(dir, 'sweep.lock'))).toBe(false);

    writeFileSync(join(dir, 'sweep.lock'), JSON.stringify({ pid: 1, host: 'elsewhere.example', startedAt: '2026-01-01T00:00:00.000Z' }));
    await expect(run(small, dir, { resume: true })).rejects.toThrow(`${dir} is in use by another sweep: pid 1 on elsewhere.example since 2026-01-01T00:00:00.000Z; if that sweep is gone, delete ${join(dir, 'sweep.lock')}`);
  });

  it("checks every run's result against its config on resume and merge", async () => {
    const dir = await finished('mixed');
    const result = join(dir, 'runs', 'run-02-seed-0', 'result.json');
    const json = JSON.parse(readFileSync(result, 'utf8'));
    expect(json.configHash).toMatch(/^[0-9a-f]{64}$/);
    // Another config's result in this run's place (as two sweeps sharing a folder would leave).
    writeFileSync(result, JSON.stringify({ ...json, configHash: '0'.repeat(64), config: { ...json.config, optimizer: 'nadam' } }));
    const message = `${result}: written by another config than run 2 (SGD) seed 0 has (its configHash differs); the folder mixes two sweeps: rerun with --force or give another --out`;
    await expect(run(small, dir, { resume: true })).rejects.toThrow(message);
    await expect(mergeSweeps([dir], join(root, 'mixed-merged'))).rejects.toThrow(message);
    // A result written before configHash existed is checked by the config it holds.
    const { configHash: _, ...legacy } = json;
    writeFileSync(result, JSON.stringify({ ...legacy, config: { ...json.config, optimizer: 'nadam' } }));
    await expect(run(small, dir, { resume: true })).rejects.toThrow(message);
    writeFileSync(result, JSON.stringify(legacy));
    expect((await run(small, dir)).reused).toBe(true);
  });

  it('names a damaged result.json, sweep.json or results.json in one line', async () => {
    const dir = await finished('damaged');
    const result = join(dir, 'runs', 'run-01-seed-0', 'result.json');
    const good = readFileSync(result, 'utf8');
    writeFileSync(result, good.slice(0, 40));
    await expect(run(small, dir, { resume: true })).rejects.toThrow(new RegExp(`${escape(result)}: damaged \\(not valid JSON: .*\\); delete it to run that unit again$`));
    writeFileSync(result, '{}');
    await expect(run(small, dir, { resume: true })).rejects.toThrow(`${result}: not a seedgrad run result (configHash missing); delete it to run that unit again`);
    writeFileSync(result, good);

    const results = join(dir, 'results.json');
    const goodResults = readFileSync(results, 'utf8');
    writeFileSync(results, goodResults.slice(0, 100));
    await expect(mergeSweeps([dir], join(root, 'damaged-merged'))).rejects.toThrow(new RegExp(`^merge: ${escape(results)}: damaged \\(not valid JSON: .*\\)$`));
    writeFileSync(results, goodResults);

    const identity = join(dir, 'sweep.json');
    writeFileSync(identity, readFileSync(identity, 'utf8').slice(0, 30));
    await expect(run(small, dir, { resume: true })).rejects.toThrow(new RegExp(`^${escape(identity)}: damaged \\(not valid JSON: .*\\)$`));
    writeFileSync(identity, '{"file": 3}');
    await expect(run(small, dir, { resume: true })).rejects.toThrow(`${identity}: not a seedgrad sweep.json (config missing)`);
  });

  it('on resume removes temporary files of killed writes and the checkpoints of finished runs', async () => {
    const dir = await finished('leftovers');
    const unit = join(dir, 'runs', 'run-01-seed-0');
    mkdirSync(join(unit, 'checkpoints', 'epoch-1'), { recursive: true });
    writeFileSync(join(unit, 'checkpoints', 'epoch-1', 'model.safetensors'), 'x');
    writeFileSync(join(unit, 'checkpoint.json'), '{}');
    writeFileSync(join(unit, 'result.json.tmp-99999'), 'x');
    writeFileSync(join(dir, 'results.md.tmp-99999'), 'x');
    writeFileSync(join(dir, 'mine.txt'), 'kept');
    await run(small, dir, { resume: true });
    expect(readdirSync(unit)).toEqual(['result.json']);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(readFileSync(join(dir, 'mine.txt'), 'utf8')).toBe('kept');
  });

  it('names by default a folder after the config and what the flags changed: other data, a convention other than keras, the shard', () => {
    expect(defaultSweepDir({ name: 'seed-log', data: 'synthetic' }, {})).toBe(join('runs', 'seed-log'));
    expect(defaultSweepDir({ name: 'seed-log', data: 'synthetic' }, { data: 'synthetic', convention: 'keras' })).toBe(join('runs', 'seed-log'));
    expect(defaultSweepDir({ name: 'seed-log' }, { data: '../shared/data/ml-latest-small' })).toBe(join('runs', 'seed-log-ml-latest-small'));
    expect(defaultSweepDir({ name: 'seed-log' }, { data: '/data/ml 1m/ratings.dat', convention: 'torch' }, { index: 2, count: 3 })).toBe(join('runs', 'seed-log-ratings-torch-shard-2-of-3'));
  });
});

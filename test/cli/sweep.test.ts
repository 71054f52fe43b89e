import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticRatings } from '../helpers/ratings-file.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'seedgrad');
const dir = tempDir('sweep-cli');
const ratings = join(dir, 'ratings.csv');
const base = { epochs: 1, batchSize: 256, embedDim: 4, evalNegatives: 20 };
/** Writes a sweep config into the test's folder and returns its path. */
function config(name: string, content: Record<string, unknown>): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ name: 'tiny', base, runs: [{ optimizer: 'adam' }], ...content }));
  return file;
}
/** `seedgrad sweep ...` run in `cwd` (default: the test's folder, so the default --out lands there). */
const sweep = (args: string[], cwd = dir, env: Record<string, string> = {}) => spawnSync(bin, ['sweep', ...args, '--data', ratings], { encoding: 'utf8', cwd, env: { ...process.env, ...env } });
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

beforeAll(() => {
  writeSyntheticRatings(ratings, { users: 40, items: 80, interactions: 900, seed: 3 });
});

describe('seedgrad sweep and merge (command line)', () => {
  it('refuses bad configs, data and flags before running anything, with one clear line and exit 1', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', runs: [{ optimizer: 'adam' }, { optimizer: 'nadam', learningRate: -1 }] }));
    // Written as text: JSON.stringify itself overflows the stack on this.
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, `{"name": "x", "base": {"learningRate": ${'['.repeat(50_000)}${']'.repeat(50_000)}}, "runs": [{}]}`);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"name": "x", "runs": [');
    const cases: [string[], RegExp][] = [
      [['sweep', bad], /^seedgrad sweep: .*bad\.json: run 2 \(Nadam\): .*learningRate must be a number >= 0/],
      [['sweep', broken], /^seedgrad sweep: .*broken\.json: not valid JSON/],
      [['sweep', join(dir, 'none.json')], /^seedgrad sweep: cannot read the sweep config/],
      [['sweep', 'experiments/seed-log.json', '--data', join(dir, 'missing')], /^seedgrad sweep: data source '.*missing' does not exist/],
      [['sweep', 'experiments/seed-log.json', '--shard', '3/2'], /^seedgrad sweep: --shard must be i\/n with 1 <= i <= n, got '3\/2'/],
      [['sweep', 'experiments/seed-log.json', '--jobs', '0'], /^seedgrad sweep: --jobs must be an integer in \[1, 256\], got '0'/],
      [['sweep'], /^seedgrad sweep: give a sweep config/],
      [['merge'], /^seedgrad merge: give the shard folders to merge/],
      [['merge', dir], /^seedgrad merge: .* not a sweep folder \(no sweep\.json\)/],
      [['sweep', deep], /^seedgrad sweep: .*deep\.json: base\.learningRate(\[0\])+ is nested more than 32 levels deep\n$/],
      [['sweep', config('wide.json', { cross: { learningRate: Array.from({ length: 1001 }, (_, k) => k / 1000) } })], /^seedgrad sweep: .*wide\.json: the grid has 1001 runs \(1 runs × 1001 cross combinations\), more than the limit of 1000; raise it with --max-runs\n$/],
      [['sweep', config('three.json', { cross: { learningRate: [0.1, 0.2, 0.3] } }), '--max-runs', '2'], /more than the limit of 2; raise it with --max-runs\n$/],
      [['sweep', config('one.json', {}), '--max-runs', 'many'], /^seedgrad sweep: --max-runs must be an integer >= 1, got 'many'\n$/],
      [['sweep', config('one.json', {}), '--resume', '--force'], /^seedgrad sweep: --resume continues the sweep in --out and --force replaces it: give one of them\n$/],
    ];
    for (const [args, message] of cases) {
      const result = spawnSync(bin, args, { encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("refuses a non-empty folder that is not a sweep's, deleting nothing", () => {
    const mine = join(dir, 'p');
    mkdirSync(join(mine, 'runs', 'exp1'), { recursive: true });
    mkdirSync(join(mine, 'plots'));
    writeFileSync(join(mine, 'runs', 'exp1', 'notes.txt'), 'x\n');
    for (const more of [[], ['--resume']]) {
      const result = sweep([config('one.json', {}), '--out', mine, ...more]);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(`seedgrad sweep: ${mine} is not empty and is not a seedgrad sweep folder (no sweep.json); give a new or empty --out\n`);
    }
    expect(readFileSync(join(mine, 'runs', 'exp1', 'notes.txt'), 'utf8')).toBe('x\n');
    expect(existsSync(join(mine, 'plots'))).toBe(true);
  });

  it('reprints a finished sweep, keeps the torch run beside the keras one, and replaces another config only with --force', () => {
    const file = config('tiny.json', {});
    const first = sweep([file, '--jobs', '1']);
    expect(first.status, first.stderr).toBe(0);
    // --data names other data than the config's (synthetic): the default folder says so.
    const table = readFileSync(join(dir, 'runs', 'tiny-ratings', 'results.md'), 'utf8');
    const again = sweep([file, '--jobs', '1']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('seedgrad sweep: runs/tiny-ratings already holds this sweep, finished: its results are shown again (pass --force to run it again)\n');
    expect(again.stdout).toContain(table);
    // The README's two commands: the torch run gets its own default folder.
    expect(sweep([file, '--jobs', '1', '--convention', 'torch']).status).toBe(0);
    expect(readFileSync(join(dir, 'runs', 'tiny-ratings-torch', 'results.md'), 'utf8')).toContain('Settings: torch convention, ');
    expect(readFileSync(join(dir, 'runs', 'tiny-ratings', 'results.md'), 'utf8')).toBe(table);
    const changed = config('tiny-changed.json', { runs: [{ optimizer: 'nadam' }] });
    const refused = sweep([changed, '--jobs', '1']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe("seedgrad sweep: runs/tiny-ratings holds a finished sweep ('tiny') with another config; pass --force to replace it, or give another --out\n");
    const forced = sweep([changed, '--jobs', '1', '--force']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stderr).toContain("seedgrad sweep: runs/tiny-ratings: cleared the outputs of the earlier sweep ('tiny') before starting\n");
    expect(readFileSync(join(dir, 'runs', 'tiny-ratings', 'results.md'), 'utf8')).toContain('| Nadam |');
  });

  it('refuses a folder another live sweep holds, naming it and the process', () => {
    const out = join(dir, 'busy');
    mkdirSync(out);
    writeFileSync(join(out, 'sweep.lock'), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const result = sweep([config('one.json', {}), '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`seedgrad sweep: ${out} is in use by another sweep: pid ${process.pid} on ${hostname()} since 2026-01-01T00:00:00.000Z; wait for it to end or stop it\n`);
  });

  it('records the same backend in the manifest whatever --jobs is', () => {
    const file = config('two.json', { runs: [{ optimizer: 'adam' }, { optimizer: 'sgd' }] });
    const backends = ['1', '2'].map((jobs) => {
      const out = join(dir, `jobs-${jobs}`);
      const result = sweep([file, '--jobs', jobs, '--out', out, '--backend', 'js'], dir, { SEEDGRAD_THREADS: '2' });
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).manifest.backend;
    });
    expect(backends[0]).toMatch(/^js \(/); // the manifest's key says 'backend' already
    expect(backends[1]).toBe(backends[0]);
  });

  it('shortens a huge description where it echoes the table', () => {
    const result = sweep([config('long.json', { description: 'word '.repeat(2_000_000) }), '--out', join(dir, 'long'), '--jobs', '1']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.length).toBeLessThan(5000);
    expect(result.stdout).toContain('… (the full description is in ');
    expect(readFileSync(join(dir, 'long', 'results.md'), 'utf8').length).toBeGreaterThan(10_000_000);
  });

  it('names a damaged result.json in one line when resuming on worker threads', () => {
    const out = join(dir, 'damaged');
    const file = config('two.json', { runs: [{ optimizer: 'adam' }, { optimizer: 'sgd' }] });
    expect(sweep([file, '--out', out, '--jobs', '2']).status).toBe(0);
    writeFileSync(join(out, 'runs', 'run-02-seed-0', 'result.json'), '{"configHash": ');
    const result = sweep([file, '--out', out, '--jobs', '2', '--resume']);
    expect(result.status).toBe(1);
    // (The other unit may finish first and print its progress line.)
    expect(result.stderr.split('\n').slice(-2)).toEqual([expect.stringMatching(/^seedgrad sweep: SGD \(run-02-seed-0\): .*run-02-seed-0\/result\.json: damaged \(not valid JSON: .*\); delete it to run that unit again$/), '']);
    noStack(result.stderr);
  });
});

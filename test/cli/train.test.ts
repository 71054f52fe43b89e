import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeSyntheticRatings } from '../helpers/ratings-file.ts';
import { TIMING_FIELDS } from '../../src/experiment/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'seedgrad');
const run = (...args: string[]) => spawnSync(bin, ['train', ...args], { encoding: 'utf8' });
const dir = tempDir('train-cli');
const ratings = join(dir, 'ratings.csv');
const small = ['--data', ratings, '--batch-size', '256', '--embed-dim', '4', '--eval-negatives', '20'];

/** The last stdout line as JSON, with timing fields dropped. */
function lastJson(stdout: string): unknown {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1], (key, value) => ((TIMING_FIELDS as readonly string[]).includes(key) ? undefined : value));
}

beforeAll(() => {
  writeSyntheticRatings(ratings, { users: 50, items: 100, interactions: 1200, seed: 9 });
});

describe('seedgrad train', () => {
  it('prints one line per epoch, the baseline, and with --json the config and history last; twice the same', () => {
    const first = run(...small, '--epochs', '2', '--json');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^epoch 1\/2  loss \d\.\d{4}  HR@10 \d\.\d{4}  NDCG@10 \d\.\d{4}  train /m);
    expect(first.stdout).toMatch(/^popularity baseline  HR@10 /m);
    const result = lastJson(first.stdout) as { config: { epochs: number; optimizer: string }; history: unknown[] };
    expect(result.config.epochs).toBe(2);
    expect(result.config.optimizer).toBe('adam');
    expect(result.history).toHaveLength(2);
    expect(lastJson(run(...small, '--epochs', '2', '--json').stdout)).toEqual(result);
    expect(lastJson(run(...small, '--epochs', '2', '--json', '--seed', '1').stdout)).not.toEqual(result);
  });

  it('names the matmul sums in its backend line: float32 by default, float64 with --accumulation float64', () => {
    const byDefault = run(...small, '--epochs', '1');
    expect(byDefault.stdout).toMatch(/^backend js \(wasm-simd matmul, float32 sums\), \d+ threads?$/m);
    const exact = run(...small, '--epochs', '1', '--accumulation', 'float64');
    expect(exact.status, exact.stderr).toBe(0);
    expect(exact.stdout).toMatch(/^backend js \(wasm-simd matmul, float64 sums\), \d+ threads?$/m);
  });

  it('resumes a stopped run to the same result as an unbroken one', () => {
    const out = join(dir, 'resume');
    const unbroken = lastJson(run(...small, '--epochs', '3', '--opt', 'amsgrad=true', '--json').stdout);
    expect(run(...small, '--epochs', '1', '--opt', 'amsgrad=true', '--out', out).status).toBe(0);
    expect(existsSync(join(out, 'checkpoints', 'epoch-1', 'model.safetensors'))).toBe(true);
    const resumed = run('--resume', out, '--epochs', '3', '--json');
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`resuming from ${out} after epoch 1`);
    expect(lastJson(resumed.stdout)).toEqual(unbroken);
  });

  it("refuses to replace an earlier run's checkpoint in --out unless --force", () => {
    const out = join(dir, 'taken');
    expect(run(...small, '--epochs', '1', '--out', out).status).toBe(0);
    const again = run(...small, '--epochs', '1', '--seed', '3', '--out', out);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`seedgrad train: --out ${out} already holds a checkpoint (epoch 1); pass --force to replace it, or --resume ${out} to continue it\n`);
    const forced = run(...small, '--epochs', '1', '--seed', '3', '--out', out, '--force', '--json');
    expect(forced.status, forced.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'checkpoints', 'epoch-1', 'state.json'), 'utf8')).config.seed).toBe(3);
  });

  it('--diagnostics N measures every N-th step per parameter: lines after each epoch, all of them in --json; an interval beyond the run refused', () => {
    const result = run(...small, '--epochs', '2', '--optimizer', 'rmsprop', '--lr', '1e-4', '--diagnostics', '4', '--json');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('diagnostics every 4 steps; ε-dominance: rmsprop (keras): v < ε, the denominator being √(v + ε)\n');
    expect(result.stdout).toMatch(/^ {2}step \d+ head\.bias +\|g\| \S+ {2}\|Δp\| \S+ {2}\|Δp\|\/\|p\| \S+ {2}step p10\/p50\/p90 \S+ {2}ε-dominated \d+\.\d%$/m);
    const { history } = lastJson(result.stdout) as { history: { steps: number; diagnostics: { step: number; parameters: { name: string; epsilonDominance: number }[] }[] }[] };
    const steps = history[0].steps + history[1].steps;
    expect(history.flatMap((e) => e.diagnostics.map((d) => d.step))).toEqual(Array.from({ length: Math.floor(steps / 4) }, (_, k) => 4 * (k + 1)));
    const refused = run(...small, '--epochs', '1', '--diagnostics', String(steps));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^seedgrad train: diagnostics: the interval must be an integer in \[1, \d+\] \(the run's steps: 1 epochs of \d+\), got number \d+\n$/);
    expect(run(...small, '--diagnostics', '0').stderr).toBe("seedgrad train: --diagnostics must be an integer >= 1, got '0'\n");
    expect(run(...small, '--sharpness').stderr).toBe('seedgrad train: --sharpness is measured at the --diagnostics steps: give --diagnostics N too\n');
    const curved = run(...small, '--epochs', '1', '--diagnostics', '5', '--sharpness');
    expect(curved.stdout).toMatch(/^ {2}step \d+ sharpness \d\.\d{4}e[+-]\d+ \(\d+ Lanczos iterations, (not )?converged\)$/m);
  });

  it('refuses bad flags and data with a clear message and exit 1', () => {
    const cases: [string[], RegExp][] = [
      [['--epochs', '0'], /^seedgrad train: --epochs must be an integer >= 1, got '0'\n$/],
      [['--dropout', '1.5'], /^seedgrad train: --dropout must be a number in \[0, 1\), got 1.5\n$/],
      [['--optimizer', 'no-such-rule'], /^seedgrad train: --optimizer must be one of adam, adamw, adamax, nadam, sgd, rmsprop, adadelta, adafactor, [a-z-]+(, [a-z-]+)*; got 'no-such-rule'\n$/],
      [['--lr=-1'], /learningRate must be a number >= 0/],
      [['--opt', 'beta3=0.5'], /beta3/],
      [['--data', join(dir, 'missing.csv')], /data source '.*missing.csv' does not exist/],
      [['--resume', dir], /--resume: no checkpoint in/],
      [['--epochs', '-1'], /^seedgrad train: --epochs: a value starting with '-' must be attached with '=': --epochs=-1\n$/],
      [['--accumulation', 'float16'], /^seedgrad train: --accumulation must be one of float32, float64; got 'float16'\n$/],
      [['--out', join(ratings, 'x')], /^seedgrad train: cannot mkdir '.*ratings\.csv\/x': a part of the path is a file, not a folder \(ENOTDIR\)\n$/],
    ];
    for (const [flags, message] of cases) {
      const result = run(...flags);
      expect(result.status, flags.join(' ')).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    // The environment's backend settings, too: one line, no stack trace.
    for (const [env, message] of [[{ SEEDGRAD_THREADS: '0' }, /^seedgrad train: SEEDGRAD_THREADS must be an integer from 1 to 16, got '0'\n$/], [{ SEEDGRAD_BACKEND: 'gpu' }, /^seedgrad train: SEEDGRAD_BACKEND: backend must be one of auto, js, gpujs, got 'gpu'\n$/]] as const) {
      const result = spawnSync(bin, ['train', ...small], { encoding: 'utf8', env: { ...process.env, ...env } });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(message);
    }
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'userId,movieId,rating,timestamp\n1,2,4.0,100\n1,x,3.0,200\n');
    expect(run('--data', bad).stderr).toMatch(/bad\.csv:3: /);
  });

  it("trains on an ml-100k u.data with a trailing tab and a user 0, with one warning line (issue 16 item 3)", () => {
    const udata = join(dir, 'u.data');
    const rows = Array.from({ length: 1200 }, (_, k) => `${k % 50}\t${1 + ((k * 37) % 100)}\t4\t${880000000 + k}`);
    rows[2] += '\t';
    writeFileSync(udata, rows.join('\n') + '\n');
    const result = run('--data', udata, '--batch-size', '256', '--embed-dim', '4', '--eval-negatives', '20', '--epochs', '1');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^data .*u\.data: 50 users, /m);
    expect(result.stdout).toMatch(/, 1 epoch, batch 256, /);
    expect(result.stderr).toBe(`warning: ${udata}: 1 line ends with a trailing separator (first: line 3); it was ignored\n`);
  });

  it('trains the teacher-student workload with --workload, printing its metrics, and refuses a flag it does not take', () => {
    const args = ['--workload', 'teacher-student', '--epochs', '2', '--samples', '40', '--depth', '1', '--hidden-width', '6', '--json'];
    const first = run(...args);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^MLP 8→6→1 tanh, MSE, on a teacher–student set of 40 on float32, sgd /m);
    expect(first.stdout).toMatch(/^epoch 2\/2  loss \d\.\d{4}  train MSE [\d.e-]+  test MSE [\d.e-]+  train /m);
    expect(first.stdout).toMatch(/^constant baseline  train MSE /m);
    const result = lastJson(first.stdout) as { config: { workload: string; batchSize: number }; history: { steps: number }[] };
    expect([result.config.workload, result.config.batchSize, result.history[1].steps]).toEqual(['teacher-student', 40, 1]);
    expect(lastJson(run(...args).stdout)).toEqual(result);
    const wrong = run('--workload', 'teacher-student', '--embed-dim', '4');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/^seedgrad train: unknown key '--embed-dim'; known keys: --workload, --loss, .* \(the teacher-student workload's\)\n$/);
    expect(run('--workload', 'teacher-student', '--samples', '10', '--batch-size', '20').stderr).toBe('seedgrad train: --batch-size must be at most --samples (10; equal is full-batch gradient descent), got 20\n');
  });
});

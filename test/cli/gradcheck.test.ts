import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'seedgrad');
const run = (...args: string[]) => spawnSync(bin, args, { encoding: 'utf8' });

describe('seedgrad gradcheck', () => {
  it('fuzzes every op and prints a table, then one JSON object as the last line', () => {
    const result = run('gradcheck', '--seed', '3', '--runs', '10', '--json');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[1]).toMatch(/^op\s+family\s+cases\s+worst error\s+result$/);
    expect(result.stdout).toMatch(/^matmul\s+linalg\s+10\s+\S+\s+pass$/m);
    const summary = JSON.parse(lines[lines.length - 1]);
    expect(summary.passed).toBe(true);
    expect(summary.seed).toBe(3);
    expect(summary.ops.length).toBeGreaterThanOrEqual(26);
    expect(summary.ops.map((o: { op: string }) => o.op)).toContain('compositions');
    for (const op of summary.ops) expect(op.worstError).toBeLessThanOrEqual(1e-6);
  });

  it('gives the same cases for the same seed', () => {
    const once = run('gradcheck', '--seed', '8', '--runs', '5', '--op', 'pow,compositions', '--json').stdout;
    const twice = run('gradcheck', '--seed', '8', '--runs', '5', '--op', 'pow,compositions', '--json').stdout;
    expect(once).toBe(twice);
  });

  it('--order 1 is the default, output unchanged; --order 2 checks second derivatives with the same report and JSON', () => {
    const plain = run('gradcheck', '--seed', '4', '--runs', '3', '--op', 'tanh,gather', '--json');
    expect(run('gradcheck', '--order', '1', '--seed', '4', '--runs', '3', '--op', 'tanh,gather', '--json').stdout).toBe(plain.stdout);
    expect(plain.stdout.split('\n')[0]).toBe('gradcheck: seed 4, 3 cases per op, tolerance 1e-6');
    const second = run('gradcheck', '--order', '2', '--seed', '4', '--runs', '3', '--op', 'tanh,gather', '--json');
    expect(second.status).toBe(0);
    const lines = second.stdout.trim().split('\n');
    expect(lines[0]).toBe('gradcheck: seed 4, 3 cases per op, tolerance 1e-6, second derivatives');
    expect(lines[1]).toBe(plain.stdout.split('\n')[1]);
    const [first, summary] = [JSON.parse(plain.stdout.trim().split('\n').pop()!), JSON.parse(lines[lines.length - 1])];
    expect(Object.keys(summary)).toEqual(Object.keys(first));
    expect(summary.ops.map((o: { op: string; seed: number }) => [o.op, o.seed])).toEqual(first.ops.map((o: { op: string; seed: number }) => [o.op, o.seed]));
    expect(summary.passed).toBe(true);
    const refused = run('gradcheck', '--order', '3');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe("seedgrad gradcheck: --order must be one of 1, 2; got '3'\n");
  });

  it('lists its flags, and rejects bad ones with a clear message and exit 1', () => {
    expect(execFileSync(bin, ['gradcheck', '--help'], { encoding: 'utf8' })).toContain('--runs N');
    expect(execFileSync(bin, ['--help'], { encoding: 'utf8' })).toMatch(/gradcheck\s+fuzz every op's gradient/);
    const badRuns = run('gradcheck', '--runs', 'many');
    expect(badRuns.status).toBe(1);
    expect(badRuns.stderr).toBe("seedgrad gradcheck: --runs must be an integer in [1, 100000], got 'many'\n");
    const badOp = run('gradcheck', '--op', 'conv2d');
    expect(badOp.status).toBe(1);
    expect(badOp.stderr).toMatch(/^seedgrad gradcheck: --op: unknown op 'conv2d'\. Ops: add, sub/);
    const badFlag = run('gradcheck', '--fast');
    expect(badFlag.status).toBe(1);
    expect(badFlag.stderr).toMatch(/unknown flag --fast/);
    expect(run('frobnicate').stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('--mode fwd and both check forward mode with the same report and JSON; rev is the default, unchanged', () => {
    const ops = ['--seed', '4', '--runs', '5', '--op', 'mul,max,compositions', '--json'];
    const byDefault = run('gradcheck', ...ops);
    expect(run('gradcheck', ...ops, '--mode', 'rev').stdout).toBe(byDefault.stdout);
    expect(byDefault.stdout.split('\n')[0]).toBe('gradcheck: seed 4, 5 cases per op, tolerance 1e-6');
    for (const mode of ['fwd', 'both']) {
      const result = run('gradcheck', ...ops, '--mode', mode);
      expect(result.status).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]).toBe(`gradcheck: seed 4, 5 cases per op, tolerance 1e-6, mode ${mode}`);
      const summary = JSON.parse(lines[lines.length - 1]);
      expect(Object.keys(summary)).toEqual(Object.keys(JSON.parse(byDefault.stdout.trim().split('\n').at(-1)!)));
      expect(summary.ops.map((o: { op: string }) => o.op)).toEqual(['mul', 'max', 'compositions']);
      for (const op of summary.ops) expect(Object.keys(op)).toEqual(['op', 'family', 'seed', 'cases', 'worstError', 'passed']);
    }
    const badMode = run('gradcheck', '--mode', 'sideways');
    expect(badMode.status).toBe(1);
    expect(badMode.stderr).toBe("seedgrad gradcheck: --mode must be one of rev, fwd, both; got 'sideways'\n");
    expect(execFileSync(bin, ['gradcheck', '--help'], { encoding: 'utf8' })).toContain('--mode M');
  });
});

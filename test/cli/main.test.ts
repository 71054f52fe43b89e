/** The command dispatch: --version, and a slip in the command's name. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const run = (...args: string[]) => spawnSync(join(root, 'bin', 'seedgrad'), args, { encoding: 'utf8' });

describe('seedgrad', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const result = run('--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`seedgrad ${version}\n`);
  });

  it('suggests the command a slip was meant to be', () => {
    const result = run('trian');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^seedgrad: unknown command 'trian' \(did you mean 'train'\?\); commands: sweep, /);
  });
});

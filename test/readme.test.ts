/** The README's API example runs as written (against src/index.ts), so the docs cannot rot. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers/temp-dir.ts';

const repo = join(import.meta.dirname, '..');

describe('README', () => {
  it('has the two Quick start commands', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  it('runs its API example', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)![1].replace("from 'seedgrad'", `from ${JSON.stringify(join(repo, 'src', 'index.ts'))}`);
    const file = join(tempDir('readme'), 'example.mts');
    writeFileSync(file, example);
    const result = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: repo, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^true \d/m);
  });
});

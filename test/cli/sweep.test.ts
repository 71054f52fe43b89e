import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'seedgrad');
const dir = mkdtempSync(join(tmpdir(), 'seedgrad-sweep-cli-'));

describe('seedgrad sweep and merge (command line)', () => {
  it('refuses bad configs, data and flags before running anything, with one clear line and exit 1', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', runs: [{ optimizer: 'adam' }, { optimizer: 'nadam', learningRate: -1 }] }));
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
    ];
    for (const [args, message] of cases) {
      const result = spawnSync(bin, args, { encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { FUNCTION_NAMES } from '../../src/landscape/functions.ts';
import { availableIn } from '../../src/landscape/optimizers.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'seedgrad');
const run = (...args: string[]) => spawnSync(bin, args, { encoding: 'utf8' });
const scratch = tempDir('landscape');

/** Every file of a directory, by name. */
function readAll(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name))]));
}

describe('seedgrad landscape', () => {
  const first = join(scratch, 'first');
  const second = join(scratch, 'second');
  let result: ReturnType<typeof run>;
  beforeAll(() => {
    result = run('landscape', '--function', 'all', '--optimizers', 'all', '--out', first);
  }, 120_000); // every function × every optimizer: grows with the catalogue

  // (How fast it runs is measured by hand, not here: no timings in unit tests.)
  it('writes an SVG and its spec per plot, the tables and the page', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const names = readdirSync(first).sort();
    const expected = [...FUNCTION_NAMES.flatMap((f) => [`${f}.svg`, `${f}.vg.json`, `${f}-loss.svg`, `${f}-loss.vl.json`]), 'landscape.html', 'landscape.json', 'landscape.md'];
    expect(names).toEqual(expected.sort());
    expect(result.stdout).toMatch(/^\| adam \| 1 \| \d+ \| /m);
    expect(result.stdout).toContain(`wrote ${expected.length} files to ${first}`);
  });

  it('writes the same bytes for the same flags', () => {
    expect(run('landscape', '--out', second).status).toBe(0);
    const a = readAll(first);
    const b = readAll(second);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true);
  });

  it('draws well-formed SVGs: one path and one legend entry per optimizer, start and minima marked', () => {
    const drawn = availableIn('keras'); // `--optimizers all` in the default convention: torch-only rules are left out
    for (const fn of FUNCTION_NAMES) {
      for (const file of [`${fn}.svg`, `${fn}-loss.svg`]) {
        const svg = readFileSync(join(first, file), 'utf8');
        expect(XMLValidator.validate(svg), file).toBe(true);
        for (const optimizer of drawn) expect(svg, `${file} legend`).toMatch(new RegExp(`>${optimizer} \\(lr [0-9.e-]+\\)<`));
      }
      const landscape = readFileSync(join(first, `${fn}.svg`), 'utf8');
      // Vega draws each facet's line in its own group: one per optimizer.
      expect(landscape.match(/class="mark-line role-mark optimizer-path"/g), fn).toHaveLength(drawn.length);
      expect(landscape).toContain('class="mark-shape role-mark contours"');
      expect(landscape).toContain('>start<');
      expect(landscape).toContain(fn === 'saddle' ? '>saddle point<' : '>minimum<');
      const spec = JSON.parse(readFileSync(join(first, `${fn}.vg.json`), 'utf8'));
      expect(new Set(spec.data.find((d: { name: string }) => d.name === 'paths').values.map((r: { series: string }) => r.series)).size).toBe(drawn.length);
    }
  });

  it('puts everything on one self-contained page', () => {
    const html = readFileSync(join(first, 'landscape.html'), 'utf8');
    expect(XMLValidator.validate(html.replace('<!DOCTYPE html>', ''))).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(2 * FUNCTION_NAMES.length);
    // No requests: no scripts, stylesheets, images or external url(...); clip paths use url(#id).
    expect(html).not.toMatch(/<script|<link|<img|src=|url\((?!#)/);
    expect(html.match(/https?:\/\/[^"]*/g)?.every((u) => u.startsWith('http://www.w3.org/'))).toBe(true);
    for (const fn of FUNCTION_NAMES) expect(html).toContain(`<section id="${fn}">`);
    const summary = JSON.parse(readFileSync(join(first, 'landscape.json'), 'utf8'));
    expect(summary.functions.map((f: { name: string }) => f.name)).toEqual([...FUNCTION_NAMES]);
  });

  it('reports a diverging optimizer as diverged, not as a crash', () => {
    const out = join(scratch, 'diverged');
    const diverged = run('landscape', '--function', 'rosenbrock', '--optimizers', 'sgd,adam', '--lr-per', 'sgd=0.01', '--out', out);
    expect(diverged.status).toBe(0);
    expect(diverged.stdout).toMatch(/^\| sgd \| 0\.01 \| — \| [^|]+ \| [^|]+ \| yes, at step \d+ \|$/m);
    const row = JSON.parse(readFileSync(join(out, 'landscape.json'), 'utf8')).functions[0].rows[0];
    expect(row.diverged).toBe(true);
    expect(readFileSync(join(out, 'rosenbrock.svg'), 'utf8')).toMatch(/>sgd \(lr 0\.01\), diverged at step \d+</);
  });

  it('rejects bad flags with a message naming the flag and the allowed values, exit 1', () => {
    const cases: [string[], RegExp][] = [
      [['--function', 'sphere'], /^seedgrad landscape: --function must be one of rosenbrock, beale, .*, all .*; got 'sphere'\n$/],
      [['--optimizers', 'adam,notanoptimizer'], /^seedgrad landscape: --optimizers must be a comma-separated list of sgd, adam, .*; got 'notanoptimizer'\n$/],
      [['--optimizers', 'lamb', '--convention', 'torch'], /--optimizers: lamb is not offered in the torch convention/],
      [['--lr=-1'], /--lr must be a number > 0, got '-1'/],
      [['--lr-per', 'adam:0.1'], /--lr-per must look like OPT=X/],
      [['--steps', '0'], /--steps must be an integer in \[1, 100000\], got '0'/],
      [['--start', '1'], /--start must be two finite numbers x,y/],
      [['--convention', 'jax'], /--convention must be one of keras, torch; got 'jax'/],
    ];
    for (const [args, message] of cases) {
      const bad = run('landscape', ...args, '--out', join(scratch, 'never'));
      expect(bad.status, args.join(' ')).toBe(1);
      expect(bad.stderr, args.join(' ')).toMatch(message);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(scratch)).not.toContain('never');
  });
});

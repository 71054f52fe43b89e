import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, restoreRng } from '../src/random.ts';

const draw = (n: number, next: () => number) => Array.from({ length: n }, next);

describe('random', () => {
  it('gives the same numbers for the same seed and different ones for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect(draw(5, a.uniform)).toEqual(draw(5, b.uniform));
    expect(draw(5, createRng(43).uniform)).not.toEqual(draw(5, createRng(42).uniform));
  });

  it('forks streams by name without drawing from the parent', () => {
    const parent = createRng(7);
    const untouched = createRng(7);
    const dropout = parent.fork('dropout');
    expect(dropout.path).toBe('7/dropout');
    expect(parent.uniform()).toBe(untouched.uniform());
    // A stream depends only on its path: forking later, or after other forks, changes nothing.
    parent.fork('negatives').uniform();
    expect(draw(3, createRng(7).fork('dropout').uniform)).toEqual(draw(3, dropout.uniform));
    expect(createRng(7).fork('a').uniform()).not.toBe(createRng(7).fork('b').uniform());
  });

  it('resumes a stream exactly from its saved state', () => {
    const rng = createRng('resume');
    draw(10, rng.uniform);
    const resumed = restoreRng(JSON.parse(JSON.stringify(rng.state())));
    expect(draw(20, resumed.uniform)).toEqual(draw(20, rng.uniform));
    expect(resumed.path).toBe('resume');
  });

  it('draws integers, normals and shuffles within their contracts', () => {
    const rng = createRng(1);
    const ints = draw(2000, () => rng.int(7));
    expect(Math.min(...ints)).toBe(0);
    expect(Math.max(...ints)).toBe(6);
    const normals = draw(20000, rng.normal);
    const mean = normals.reduce((s, x) => s + x, 0) / normals.length;
    const variance = normals.reduce((s, x) => s + (x - mean) ** 2, 0) / normals.length;
    // Standard errors: 1/sqrt(20000) ≈ 0.007 for the mean, ≈ 0.01 for the variance.
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    const shuffled = rng.shuffle([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('draws dropout keep-masks from the same numbers: keep where the draw is >= rate, else 0', () => {
    for (const [Floats, keep] of [[Float32Array, 1 / 0.6], [Float64Array, 2.5]] as const) {
      const single = createRng(9).fork('mask');
      const bulk = createRng(9).fork('mask');
      const want = draw(50_000, single.uniform32).map((u) => (u < 0.4 ? 0 : keep));
      const got = bulk.fillKeepMask(new Floats(50_000), 0.4, keep);
      expect(Array.from(got)).toEqual(Array.from(Floats.from(want)));
      expect(got.filter((x) => x === 0).length / 50_000).toBeCloseTo(0.4, 1);
      // The same state after 50,000 steps: every carry and draw matched seedrandom's own.
      expect(bulk.state()).toEqual(single.state());
      expect(bulk.uniform()).toBe(single.uniform());
    }
    expect(() => createRng(1).fillKeepMask(new Float32Array(2), 0.5, 0)).toThrow(/keep must be a finite number > 0, got 0/);
    expect(() => createRng(1).fillKeepMask(new Float32Array(2), NaN, 2)).toThrow(/rate must be in \[0, 1\], got NaN/);
  });

  it('rejects bad seeds, stream names and ranges', () => {
    expect(() => createRng(1.5)).toThrow(/seed must be a safe integer/);
    expect(() => createRng(1).fork('a/b')).toThrow(/no '\/'/);
    // A seed with '/' would be the same stream as a fork: createRng('1/dropout') = createRng(1).fork('dropout').
    expect(() => createRng('1/dropout')).toThrow(/seed strings must be non-empty and contain no '\/'/);
    expect(() => restoreRng({ path: '1' } as never)).toThrow(/restoreRng: not a saved stream state/);
    expect(() => restoreRng({ path: '1', alea: { c: 1, s0: 0.5, s1: 0.5 } } as never)).toThrow(/restoreRng/);
    // States Alea never reaches: a negative or fractional carry, a seed value outside [0, 1).
    for (const alea of [{ c: -1, s0: 0.5, s1: 0.5, s2: 0.5 }, { c: 1.5, s0: 0.5, s1: 0.5, s2: 0.5 }, { c: 1, s0: 1, s1: 0.5, s2: 0.5 }]) {
      expect(() => restoreRng({ path: '1', alea })).toThrow(/c an integer in \[0, 2091639\], s0–s2 in \[0, 1\)/);
    }
    expect(() => createRng(1).int(0)).toThrow(/rng.int: n must be/);
  });

  it('is the only source of randomness: Math.random appears nowhere in src/', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : [path];
      });
    const offenders = files(join(import.meta.dirname, '..', 'src')).filter((f) => readFileSync(f, 'utf8').includes('Math.random'));
    expect(offenders).toEqual([]);
  });
});

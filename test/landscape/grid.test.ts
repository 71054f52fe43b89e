import { describe, expect, it } from 'vitest';
import { TEST_FUNCTIONS } from '../../src/landscape/functions.ts';
import { contourLevels, sampleGrid } from '../../src/landscape/grid.ts';

describe('the contour grid', () => {
  it('samples f at cell centres with one cell of margin, row 0 at the top', () => {
    const fn = TEST_FUNCTIONS.himmelblau; // domain [−5, 5]², cells of 2.5 for 4 columns and rows
    const grid = sampleGrid(fn, 4, 4);
    expect(grid.values).toHaveLength(6 * 6);
    const himmelblau = (x: number, y: number) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2;
    // Sample (i, j) at x = −5 + (i − ½)·2.5, y = 5 − (j − ½)·2.5.
    expect(grid.values[0]).toBe(himmelblau(-6.25, 6.25));
    expect(grid.values[1 * 6 + 1]).toBe(himmelblau(-3.75, 3.75));
    expect(grid.values[4 * 6 + 2]).toBe(himmelblau(-1.25, -3.75));
    expect(grid.values[35]).toBe(himmelblau(6.25, -6.25));
  });

  it('puts three log-spaced levels per decade above f* within the contour range', () => {
    const levels = contourLevels(TEST_FUNCTIONS.rosenbrock); // range [1e-2, 3e3]
    expect(levels[0]).toBeCloseTo(0.01, 15);
    expect(levels).toHaveLength(17); // 10^(k/3) for k = −6 … 10
    for (let k = 1; k < levels.length; k++) expect(levels[k]! / levels[k - 1]!).toBeCloseTo(10 ** (1 / 3), 12);
    expect(levels[levels.length - 1]).toBeLessThanOrEqual(3e3);
  });

  it('mirrors the levels around the saddle value 0, with 0 itself, where f is unbounded below', () => {
    const levels = contourLevels(TEST_FUNCTIONS.saddle);
    expect(levels).toContain(0);
    expect(levels.filter((t) => t > 0).map((t) => -t).reverse()).toEqual(levels.filter((t) => t < 0));
  });
});

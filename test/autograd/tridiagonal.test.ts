import { describe, expect, it } from 'vitest';
import { largestTridiagonalEigenvalue } from '../../src/autograd/tridiagonal.ts';

describe('largestTridiagonalEigenvalue', () => {
  it('matches the closed form for tridiag(-1, 2, -1): λ_max = 2 + 2cos(π/(k+1))', () => {
    for (const k of [1, 2, 3, 7, 40]) {
      const lambda = largestTridiagonalEigenvalue(Array(k).fill(2), Array(k - 1).fill(-1));
      expect(lambda).toBeCloseTo(2 + 2 * Math.cos(Math.PI / (k + 1)), 13);
    }
  });

  it('finds the largest, not the largest in magnitude, and handles a zero coupling', () => {
    // [[1, 2], [2, -5]]: eigenvalues -2 ± √13 (worked by hand: trace -4, determinant -9).
    expect(largestTridiagonalEigenvalue([1, -5], [2])).toBeCloseTo(-2 + Math.sqrt(13), 13);
    // Block-diagonal: the two blocks' eigenvalues together.
    expect(largestTridiagonalEigenvalue([3, -1, 7], [0, 0])).toBe(7);
    expect(largestTridiagonalEigenvalue([-4], [])).toBe(-4);
  });
});

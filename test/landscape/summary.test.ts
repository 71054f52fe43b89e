import { describe, expect, it } from 'vitest';
import { TEST_FUNCTIONS } from '../../src/landscape/functions.ts';
import { formatNumber, markdownTable, summarize } from '../../src/landscape/summary.ts';
import type { Trajectory } from '../../src/landscape/run.ts';

const trajectory = (points: [number, number][], divergence: Trajectory['divergence'] = null): Trajectory => ({
  optimizer: 'adam',
  learningRate: 0.01,
  points,
  values: points.map(([x, y]) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2),
  divergence,
});

describe('the landscape table', () => {
  it('counts steps to the first point within the tolerance of any minimum, and measures the end to the nearest', () => {
    const row = summarize(TEST_FUNCTIONS.himmelblau, trajectory([[0, 0], [2.5, 1.5], [2.97, 1.98], [3.5, -1.8]]), 0.05);
    expect(row.stepsToTolerance).toBe(2); // |(2.97, 1.98) − (3, 2)| = 0.036
    expect(row.nearestMinimum).toEqual([3.584428, -1.848126]);
    expect(row.finalDistance).toBeCloseTo(Math.hypot(0.084428, 0.048126), 12);
    expect(row.stepsRun).toBe(3);
    expect(row.diverged).toBe(false);
  });

  it('summarises a run that diverged at its start, with no finite point at all', () => {
    const row = summarize(TEST_FUNCTIONS.saddle, trajectory([], { step: 0, reason: 'f = -Infinity at step 0' }), 0.05);
    expect(row.diverged).toBe(true);
    expect(row.finalPoint.every(Number.isNaN)).toBe(true);
    expect(row.finalValue).toBeNaN();
  });

  it('has no distance or steps where f has no minimum, and records divergence', () => {
    const row = summarize(TEST_FUNCTIONS.saddle, trajectory([[-1, 0.1], [-0.9, 0.2]], { step: 2, reason: 'f = -Infinity at step 2' }), 0.05);
    expect(row.finalDistance).toBeNull();
    expect(row.stepsToTolerance).toBeNull();
    expect(row.diverged).toBe(true);
    expect(row.stepsRun).toBe(2);
    expect(markdownTable([row])).toBe(
      [
        '| optimizer | lr | steps to tolerance | final distance | final f | diverged |',
        '| --- | --- | --- | --- | --- | --- |',
        '| adam | 0.01 | — | — | 162 | yes, at step 2 |', // f(−0.9, 0.2) = 99.8001 + 61.7796
      ].join('\n'),
    );
  });

  it('formats numbers to three significant digits', () => {
    expect(formatNumber(0.0123456)).toBe('0.0123');
    expect(formatNumber(1234.5)).toBe('1230');
    expect(formatNumber(12345)).toBe('1.23e+4');
    expect(formatNumber(4.2e-7)).toBe('4.20e-7');
    expect(formatNumber(0)).toBe('0');
  });
});

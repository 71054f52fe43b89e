import { describe, expect, it } from 'vitest';
import { landscapeSpec, visiblePoints } from '../../src/report/landscape-contour.ts';
import { lossSpec, GAP_FLOOR } from '../../src/report/landscape-loss.ts';
import { seriesLabel, type LandscapePlotInput } from '../../src/report/landscape-style.ts';

const input: LandscapePlotInput = {
  name: 'bowl',
  title: 'Bowl',
  formula: 'x² + y²',
  domain: { x: [-1, 1], y: [-2, 2] },
  start: [0.5, 1],
  criticalPoints: [{ x: 0, y: 0, kind: 'minimum' }],
  minimumValue: 0,
  grid: { columns: 2, rows: 4, values: Array.from({ length: 4 * 6 }, (_, k) => k) },
  levels: [0.1, 1, 10],
  trajectories: [
    { optimizer: 'sgd', learningRate: 0.1, points: [[0.5, 1], [0.4, 0.8]], values: [1.25, 0.8], divergence: null },
    { optimizer: 'adam', learningRate: 0.5, points: [[0.5, 1], [2.5, 1], [5, 1]], values: [1.25, 7.25, 26], divergence: { step: 3 } },
  ],
};

describe('the landscape plot specs', () => {
  it('labels each series with its optimizer, rate and any divergence', () => {
    expect(input.trajectories.map(seriesLabel)).toEqual(['sgd (lr 0.1)', 'adam (lr 0.5), diverged at step 3']);
  });

  it('cuts a path after its first point beyond one window-width of margin', () => {
    // The window [−1, 1] × [−2, 2] widened by its own size: x within [−3, 3]. 3.5 is the first point past it.
    expect(visiblePoints(input, [[0, 0], [2.5, 0], [3.5, 0], [9, 0]])).toEqual([[0, 0], [2.5, 0], [3.5, 0]]);
  });

  it('draws contours over the grid mapped so the margin ring falls outside the plot, one path group per optimizer', () => {
    const spec = landscapeSpec(input, { steps: 2, convention: 'keras' });
    expect(spec.height).toBe(420);
    expect(spec.width).toBe(210); // the domain's 1:2 aspect
    const grid = spec.data!.find((d) => d.name === 'grid') as unknown as { values: { width: number; height: number }[]; transform: { thresholds: number[]; translate: number[] }[] };
    expect(grid.values[0]).toMatchObject({ width: 4, height: 6 });
    expect(grid.transform[0]!.thresholds).toEqual([0.1, 1, 10]);
    expect(grid.transform[0]!.translate).toEqual([-105, -105]); // one cell: 210/2 and 420/4
    const paths = spec.data!.find((d) => d.name === 'paths') as unknown as { values: { series: string }[] };
    expect(paths.values.filter((r) => r.series === 'adam (lr 0.5), diverged at step 3')).toHaveLength(3);
    const colour = spec.scales!.find((s) => s.name === 'color') as unknown as { range: string[] };
    expect(colour.range).toEqual(['#1f77b4', '#ff7f0e']);
  });

  it('plots the gap to f* on a log scale with a floor, or f on a symlog scale without a minimum', () => {
    const spec = lossSpec({ ...input, trajectories: [{ ...input.trajectories[0]!, values: [1, 0] }] }, { steps: 1, convention: 'torch' }) as unknown as {
      data: { values: { value: number }[] };
      encoding: { y: { scale: { type: string } } };
    };
    expect(spec.data.values.map((r) => r.value)).toEqual([1, GAP_FLOOR]);
    expect(spec.encoding.y.scale.type).toBe('log');
    const saddle = lossSpec({ ...input, minimumValue: null }, { steps: 2, convention: 'keras' }) as unknown as { encoding: { y: { scale: { type: string } } } };
    expect(saddle.encoding.y.scale.type).toBe('symlog');
  });
});

/**
 * A landscape study: every chosen optimizer on every chosen function, with the contour
 * grid and the table, as plain data ready for the plots and the page.
 */
import type { Convention } from '../optim/index.ts';
import type { LandscapePlotInput } from '../report/landscape-style.ts';
import { TEST_FUNCTIONS, secondStart, type CriticalPoint, type FunctionName } from './functions.ts';
import { contourLevels, sampleGrid, type ContourGrid } from './grid.ts';
import { defaultLearningRate } from './learning-rates.ts';
import type { LandscapeOptimizer } from './optimizers.ts';
import { runOptimizer, type Trajectory } from './run.ts';
import { needsSecondStart, summarize, type SummaryRow } from './summary.ts';

export interface LandscapeConfig {
  readonly functions: readonly FunctionName[];
  readonly optimizers: readonly LandscapeOptimizer[];
  /** One rate for every optimizer; absent: each optimizer's default for the function. */
  readonly learningRate?: number;
  /** Rates for some optimizers, over `learningRate` and the defaults. */
  readonly learningRateOverrides?: Readonly<Partial<Record<LandscapeOptimizer, number>>>;
  readonly steps: number;
  /** One start for every function; absent: each function's standard start. */
  readonly start?: readonly [number, number];
  readonly convention: Convention;
  readonly seed: number;
  /** Distance to a minimum that counts as arrived. */
  readonly tolerance: number;
  /** Grid cells along the longer side of the domain (default 120). */
  readonly gridCells?: number;
}

/** What the plots draw (LandscapePlotInput), with the engine's own types, plus the table's rows. */
export interface FunctionLandscape extends LandscapePlotInput {
  readonly name: FunctionName;
  readonly criticalPoints: readonly CriticalPoint[];
  readonly gradientNoise: number;
  readonly grid: ContourGrid;
  readonly trajectories: readonly Trajectory[];
  readonly rows: readonly SummaryRow[];
}

export function learningRateFor(config: LandscapeConfig, fn: FunctionName, optimizer: LandscapeOptimizer): number {
  return config.learningRateOverrides?.[optimizer] ?? config.learningRate ?? defaultLearningRate(fn, optimizer, config.convention);
}

export function runLandscape(config: LandscapeConfig): FunctionLandscape[] {
  return config.functions.map((name) => {
    const fn = TEST_FUNCTIONS[name];
    const start = config.start ?? fn.start;
    const settings = (optimizer: LandscapeOptimizer, from: readonly [number, number]) =>
      ({ optimizer, learningRate: learningRateFor(config, name, optimizer), convention: config.convention, steps: config.steps, start: from, seed: config.seed }) as const;
    const trajectories = config.optimizers.map((optimizer) => runOptimizer(fn, settings(optimizer, start)));
    // An arrival in two steps or fewer counts only if a second start confirms it.
    const summaryRows = trajectories.map((t, k) => {
      const row = summarize(fn, t, config.tolerance);
      if (!needsSecondStart(row)) return row;
      const again = summarize(fn, runOptimizer(fn, settings(config.optimizers[k]!, secondStart(fn, start))), config.tolerance);
      return { ...row, luckyStart: !needsSecondStart(again) };
    });
    // Cells in proportion to the domain's sides, so that cells are square.
    const cells = config.gridCells ?? 120;
    const width = fn.domain.x[1] - fn.domain.x[0];
    const height = fn.domain.y[1] - fn.domain.y[0];
    const columns = width >= height ? cells : Math.round((cells * width) / height);
    const rows = height >= width ? cells : Math.round((cells * height) / width);
    return {
      name,
      title: fn.title,
      formula: fn.formula,
      domain: fn.domain,
      start,
      criticalPoints: fn.criticalPoints,
      minimumValue: fn.minimumValue,
      gradientNoise: fn.gradientNoise,
      grid: sampleGrid(fn, columns, rows),
      levels: contourLevels(fn),
      trajectories,
      rows: summaryRows,
    };
  });
}

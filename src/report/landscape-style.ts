/**
 * What the landscape plots share: the plain data they draw (src/report knows nothing of
 * the engine; `seedgrad landscape` hands it these shapes), each optimizer's colour, and
 * the label of its series.
 */

/** One optimizer's path on one function. */
export interface LandscapeSeries {
  readonly optimizer: string;
  readonly learningRate: number;
  /** The point after each step, from the start; finite points only. */
  readonly points: readonly (readonly [number, number])[];
  /** f at each point. */
  readonly values: readonly number[];
  readonly divergence: { readonly step: number } | null;
}

/** One function's landscape, as the plots need it. */
export interface LandscapePlotInput {
  readonly name: string;
  readonly title: string;
  readonly formula: string;
  readonly domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  readonly start: readonly [number, number];
  readonly criticalPoints: readonly { readonly x: number; readonly y: number; readonly kind: 'minimum' | 'saddle' }[];
  /** f*, or null when f is unbounded below. */
  readonly minimumValue: number | null;
  /** f at cell centres: (columns + 2) × (rows + 2) values, row 0 at the top, one cell of margin all round. */
  readonly grid: { readonly columns: number; readonly rows: number; readonly values: readonly number[] };
  readonly levels: readonly number[];
  readonly trajectories: readonly LandscapeSeries[];
}

/** The run settings a plot's subtitle states. */
export interface LandscapePlotSettings {
  readonly steps: number;
  readonly convention: string;
}

/** Fixed colours (d3's category10, without its grey, which the contours use), so an optimizer keeps its colour whatever the selection. */
const OPTIMIZER_COLOURS: Readonly<Record<string, string>> = {
  sgd: '#1f77b4',
  adam: '#ff7f0e',
  amsgrad: '#2ca02c',
  adamw: '#d62728',
  adamax: '#9467bd',
  nadam: '#8c564b',
  rmsprop: '#e377c2',
  adadelta: '#bcbd22',
  adafactor: '#17becf',
};

export function optimizerColour(optimizer: string): string {
  return OPTIMIZER_COLOURS[optimizer] ?? '#333333';
}

/** The legend entry of a series: `adam (lr 0.02)`, and where it diverged. */
export function seriesLabel(series: LandscapeSeries): string {
  const base = `${series.optimizer} (lr ${series.learningRate})`;
  return series.divergence === null ? base : `${base}, diverged at step ${series.divergence.step}`;
}

/** Six significant digits: enough for a plot, and it keeps the saved specs small. */
export function round6(value: number): number {
  return Number(value.toPrecision(6));
}

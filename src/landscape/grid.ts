/**
 * The contour grid of a test function: f sampled on a regular grid by the same autograd
 * expression the optimizers descend (evaluated without a graph), and the log-spaced
 * contour levels.
 */
import { tensor } from '../tensor/create.ts';
import { noGrad } from '../autograd/index.ts';
import type { TestFunction } from './functions.ts';

/**
 * f at the centres of `columns × rows` cells covering the function's domain, plus one
 * ring of cells outside it (so the grid is (columns + 2) × (rows + 2)). Contour tracers
 * close their polygons along the grid's border; with the ring, those closing lines lie
 * outside the domain, where the plot clips them away.
 *
 * Sample (i, j), i = 0 … columns + 1, j = 0 … rows + 1, is at
 *   x = x_min + (i − ½)·(x_max − x_min)/columns,   y = y_max − (j − ½)·(y_max − y_min)/rows,
 * row-major with row 0 at the top (largest y), as an image.
 */
export interface ContourGrid {
  readonly columns: number;
  readonly rows: number;
  /** (columns + 2)·(rows + 2) values, row-major. */
  readonly values: readonly number[];
}

export function sampleGrid(fn: TestFunction, columns: number, rows: number): ContourGrid {
  const [xMin, xMax] = fn.domain.x;
  const [yMin, yMax] = fn.domain.y;
  const width = columns + 2;
  const height = rows + 2;
  const xs = new Float64Array(width * height);
  const ys = new Float64Array(width * height);
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      xs[j * width + i] = xMin + ((i - 0.5) * (xMax - xMin)) / columns;
      ys[j * width + i] = yMax - ((j - 0.5) * (yMax - yMin)) / rows;
    }
  }
  const values = noGrad(() => fn.expression(tensor(xs, [xs.length]), tensor(ys, [ys.length])).data);
  return { columns, rows, values: Array.from(values) };
}

/** Levels per decade of |f − f*|. */
const LEVELS_PER_DECADE = 3;

/**
 * Contour levels f* + 10^(k/3) for every k with 10^(k/3) within the function's
 * `contourRange` (log-spaced, three per decade). Where f is unbounded below (the saddle,
 * f* = null), the levels are ±10^(k/3) around the saddle value 0, and 0 itself.
 */
export function contourLevels(fn: TestFunction): number[] {
  const [low, high] = fn.contourRange;
  const offsets: number[] = [];
  const first = Math.ceil(Math.log10(low) * LEVELS_PER_DECADE - 1e-9);
  const last = Math.floor(Math.log10(high) * LEVELS_PER_DECADE + 1e-9);
  for (let k = first; k <= last; k++) offsets.push(10 ** (k / LEVELS_PER_DECADE));
  const fStar = fn.minimumValue;
  if (fStar !== null) return offsets.map((d) => fStar + d);
  return [...offsets.map((d) => -d).reverse(), 0, ...offsets];
}

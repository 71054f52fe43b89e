/**
 * The landscape plot of one function, as a full Vega spec (Vega-Lite has no contours):
 * the contour lines of f at the given levels (Vega's `isocontour` transform over the
 * sampled grid), each optimizer's path as a coloured polyline with a legend, the start
 * and the critical points marked.
 */
import type { Spec } from 'vega';
import { optimizerColour, round6, seriesLabel, type LandscapePlotInput, type LandscapePlotSettings } from './landscape-style.ts';

/** The longer side of the plotting area, in pixels; the other keeps the domain's aspect ratio (so gradients cross contours at right angles). */
const PLOT_SIZE = 420;

const MARKER_SHAPES = { start: 'circle', minimum: 'cross', 'saddle point': 'diamond' } as const;

/**
 * The points of a path up to and including the first that leaves the window widened by
 * its own size on each side: beyond it a path (an escape, a divergence) is off the plot
 * anyway, and its huge coordinates would only bloat the SVG. The table keeps the end.
 */
export function visiblePoints(input: LandscapePlotInput, points: readonly (readonly [number, number])[]): (readonly [number, number])[] {
  const [x0, x1] = input.domain.x;
  const [y0, y1] = input.domain.y;
  const w = x1 - x0;
  const h = y1 - y0;
  const out: (readonly [number, number])[] = [];
  for (const p of points) {
    out.push(p);
    if (p[0] < x0 - w || p[0] > x1 + w || p[1] < y0 - h || p[1] > y1 + h) break;
  }
  return out;
}

function plotSize(input: LandscapePlotInput): { width: number; height: number } {
  const w = input.domain.x[1] - input.domain.x[0];
  const h = input.domain.y[1] - input.domain.y[0];
  return w >= h ? { width: PLOT_SIZE, height: Math.round((PLOT_SIZE * h) / w) } : { width: Math.round((PLOT_SIZE * w) / h), height: PLOT_SIZE };
}

function formatPoint(p: readonly [number, number]): string {
  return `(${round6(p[0])}, ${round6(p[1])})`;
}

export function landscapeSpec(input: LandscapePlotInput, settings: LandscapePlotSettings): Spec {
  const { width, height } = plotSize(input);
  const { columns, rows } = input.grid;
  const cellWidth = width / columns;
  const cellHeight = height / rows;
  const fStar = input.minimumValue ?? 0;
  const distances = input.levels.map((t) => Math.abs(t - fStar)).filter((d) => d > 0);
  const logLow = Math.log10(Math.min(...distances));
  const logHigh = Math.log10(Math.max(...distances));

  const labels = input.trajectories.map(seriesLabel);
  const paths = input.trajectories.flatMap((t, k) => visiblePoints(input, t.points).map((p, step) => ({ series: labels[k], step, x: round6(p[0]), y: round6(p[1]) })));
  const markers = [
    { kind: 'start', x: input.start[0], y: input.start[1] },
    ...input.criticalPoints.map((p) => ({ kind: p.kind === 'minimum' ? 'minimum' : 'saddle point', x: p.x, y: p.y })),
  ];
  const markerKinds = (Object.keys(MARKER_SHAPES) as (keyof typeof MARKER_SHAPES)[]).filter((kind) => markers.some((m) => m.kind === kind));
  const levelText = input.minimumValue === null ? '±10^(k/3) and 0' : 'f* + 10^(k/3)';

  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    description: `seedgrad landscape: ${input.title}`,
    width,
    height,
    padding: 8,
    autosize: 'pad',
    title: {
      text: `${input.title}: f(x, y) = ${input.formula}`,
      subtitle: `start ${formatPoint(input.start)} · ${settings.steps} steps · ${settings.convention} convention · contours at ${levelText}`,
      anchor: 'start',
      fontSize: 13,
    },
    data: [
      {
        name: 'grid',
        values: [{ width: columns + 2, height: rows + 2, values: input.grid.values.map(round6) }],
        // Grid coordinate u (sample i at u = i + ½) maps to pixel (u − 1)·cellWidth: the margin ring falls outside the plot.
        transform: [{ type: 'isocontour', thresholds: input.levels.map(round6), scale: { signal: `[${cellWidth}, ${cellHeight}]` }, translate: [-cellWidth, -cellHeight] }],
      },
      { name: 'paths', values: paths },
      { name: 'markers', values: markers },
    ],
    scales: [
      { name: 'x', type: 'linear', domain: [...input.domain.x], range: 'width', zero: false, nice: false },
      { name: 'y', type: 'linear', domain: [...input.domain.y], range: 'height', zero: false, nice: false },
      { name: 'color', type: 'ordinal', domain: labels, range: input.trajectories.map((t) => optimizerColour(t.optimizer)) },
      { name: 'marker', type: 'ordinal', domain: markerKinds, range: markerKinds.map((kind) => MARKER_SHAPES[kind]) },
      // Low levels dark, high levels light, by log10 |level − f*|.
      { name: 'level', type: 'linear', domain: [logLow, logHigh], range: ['#5b7089', '#d5dbe3'], clamp: true },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'x', grid: false },
      { orient: 'left', scale: 'y', title: 'y', grid: false },
    ],
    legends: [
      { stroke: 'color', title: 'optimizer', symbolType: 'stroke', symbolStrokeWidth: 2, labelLimit: 320 },
      { shape: 'marker', title: 'points', symbolFillColor: '#000000', symbolStrokeColor: '#000000' },
    ],
    marks: [
      {
        type: 'group',
        name: 'plot',
        encode: { enter: { width: { signal: 'width' }, height: { signal: 'height' }, clip: { value: true }, stroke: { value: '#888888' } } },
        marks: [
          {
            type: 'shape',
            name: 'contours',
            from: { data: 'grid' },
            encode: {
              enter: {
                stroke: { scale: 'level', signal: `max(${logLow}, log(abs(datum.contour.value - ${fStar})) / LN10)` },
                strokeWidth: { value: 0.8 },
                fill: { value: null },
              },
            },
            transform: [{ type: 'geoshape', field: 'datum.contour' }],
          },
          {
            type: 'group',
            name: 'optimizer-paths',
            from: { facet: { name: 'series', data: 'paths', groupby: 'series' } },
            marks: [
              {
                type: 'line',
                name: 'optimizer-path',
                from: { data: 'series' },
                sort: { field: 'datum.step' },
                encode: {
                  enter: {
                    x: { scale: 'x', field: 'x' },
                    y: { scale: 'y', field: 'y' },
                    stroke: { scale: 'color', field: 'series' },
                    strokeWidth: { value: 1.4 },
                    strokeOpacity: { value: 0.85 },
                  },
                },
              },
            ],
          },
          {
            type: 'symbol',
            name: 'points',
            from: { data: 'markers' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'x' },
                y: { scale: 'y', field: 'y' },
                shape: { scale: 'marker', field: 'kind' },
                size: { value: 90 },
                fill: { value: '#000000' },
                stroke: { value: '#ffffff' },
                strokeWidth: { value: 0.8 },
              },
            },
          },
        ],
      },
    ],
  };
}

/**
 * The sweep's plots as Vega-Lite specs: per-group curves of each of the workload's metrics
 * (NDCG and HR; training-set and test loss) and of the training loss against epoch; a bar
 * chart comparing the runs of a group; the metrics against learning rate on a log axis
 * where one optimizer's runs span two or more rates. Each run has its own
 * colour, dash and point shape (lines that coincide stay told apart), each point a
 * tooltip (vega.ts makes it an SVG <title>, shown offline without scripts); the
 * workload's baseline is a labelled rule; with several seeds, ± sd is a band.
 */
import type { VegaLiteSpec } from './vega.ts';
import type { EpochPoint, ReportMetric, ReportRun, SweepReport } from './types.ts';
import { runsOfGroup } from './tables.ts';
import { groupSettings, runLabels } from './settings.ts';

/** 'loss' (the mean training loss of each epoch) or the name of one of the report's metrics. */
export type CurveMetric = string;

const WIDTH = 640;
const HEIGHT = 300;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'triangle-right', 'triangle-left', 'wedge', 'arrow'];
const DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4], [3, 5], [8, 2, 2, 2, 2, 2], [16, 4, 4, 4], [4, 8], [10, 2, 2, 2]];
const COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d', '#ff9da6', '#555555', '#2f2f8f'];
const cycle = <T>(values: readonly T[], n: number): T[] => Array.from({ length: n }, (_, k) => values[k % values.length]);
const round = (v: number): number => Number(v.toPrecision(6));

function reportMetric(report: SweepReport, name: string): ReportMetric {
  const metric = report.metrics.find((m) => m.name === name);
  if (metric === undefined) throw new Error(`the report has no metric '${name}'; it has loss, ${report.metrics.map((m) => m.name).join(', ')}`);
  return metric;
}

export function metricTitle(report: SweepReport, metric: CurveMetric): string {
  return metric === 'loss' ? report.lossTitle : reportMetric(report, metric).title;
}

/** The subtitle every plot of a group has: what the runs share that a reader needs (convention, seeds). */
function subtitle(report: SweepReport, runs: readonly ReportRun[], extra: string): string {
  const conventions = [...new Set(runs.map((r) => r.convention))];
  const seeds = report.seeds.length > 1 ? `mean of ${report.seeds.length} seeds, band ± 1 sd` : `1 seed (${report.seeds[0]})`;
  return [conventions.length === 1 ? `${conventions[0]} convention` : 'conventions differ', seeds, extra].filter((s) => s !== '').join(' · ');
}

/** One legend for colour, dash and shape over the runs' labels, in run order. */
function runEncoding(labels: readonly string[], legendTitle: string | null) {
  const scale = (range: unknown[]) => ({ domain: [...labels], range });
  return {
    color: { field: 'run', type: 'nominal', title: legendTitle, scale: scale(cycle(COLOURS, labels.length)), legend: { labelLimit: 360, symbolStrokeWidth: 2 } },
    strokeDash: { field: 'run', type: 'nominal', title: legendTitle, scale: scale(cycle(DASHES, labels.length)) },
    shape: { field: 'run', type: 'nominal', title: legendTitle, scale: scale(cycle(SHAPES, labels.length)) },
  };
}

/** A dashed grey rule at the popularity baseline's value, labelled at one end (curves start low: the left one). */
function baselineLayers(values: readonly { value: number; text: string }[], end: 'left' | 'right') {
  return [
    { data: { values }, mark: { type: 'rule', color: '#666666', strokeDash: [3, 3] }, encoding: { y: { field: 'value', type: 'quantitative' } } },
    {
      data: { values },
      mark: { type: 'text', align: end, baseline: 'bottom', dx: end === 'left' ? 3 : -3, dy: -2, color: '#444444', fontSize: 10 },
      encoding: { y: { field: 'value', type: 'quantitative' }, x: { value: end === 'left' ? 0 : WIDTH }, text: { field: 'text' } },
    },
  ];
}

/** Hollow points: where runs coincide, their different shapes still show through each other. */
const POINT_MARK = { type: 'point', filled: false, size: 50, strokeWidth: 1.5 };

function baselineValue(report: SweepReport, metric: ReportMetric) {
  return { value: round(metric.baseline), text: `${report.baseline.name} ${metric.title} ${metric.baseline.toFixed(4)}` };
}

const baselineLegend = (report: SweepReport, prefix: string): string => `${prefix}: ${report.baseline.name}`;

/** One line per run: the metric after each epoch (mean over seeds, with a ± sd band when there are several). */
export function curvesSpec(report: SweepReport, group: string, metric: CurveMetric): VegaLiteSpec {
  const runs = runsOfGroup(report, group);
  const labels = runLabels(runs);
  const title = metricTitle(report, metric);
  const several = report.seeds.length > 1;
  const valueOf = (p: EpochPoint) => (metric === 'loss' ? p.loss : p.values[metric]);
  const values = runs.flatMap((r) =>
    r.history.map((p) => {
      const [value, spread] = [valueOf(p), p.spread[metric]];
      const tip = `run ${r.number}: ${labels.get(r)}; epoch ${p.epoch}; ${title} ${value.toFixed(5)}${several ? ` ± ${spread.toFixed(5)} (${p.seeds} seeds)` : ''}`;
      const point = { run: labels.get(r)!, epoch: p.epoch, value: round(value), tip };
      return several ? { ...point, low: round(value - spread), high: round(value + spread) } : point;
    }),
  );
  const lastEpoch = Math.max(1, ...values.map((v) => v.epoch));
  const x = { field: 'epoch', type: 'quantitative', title: 'epoch', scale: { domain: [1, Math.max(2, lastEpoch)], nice: false }, axis: { tickMinStep: 1, format: 'd' } };
  const y = { field: 'value', type: 'quantitative', title, scale: { zero: false } };
  const encoding = runEncoding([...labels.values()], 'run');
  const layers: unknown[] = [];
  if (several) {
    // The band takes its run's colour as a literal (scale null), so the legend keeps the lines' symbols.
    const colourOf = new Map([...labels.values()].map((label, k) => [label, COLOURS[k % COLOURS.length]]));
    const bands = values.map((v) => ({ ...v, colour: colourOf.get(v.run)! }));
    layers.push({ data: { values: bands }, mark: { type: 'area', opacity: 0.15 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, detail: { field: 'run' }, fill: { field: 'colour', type: 'nominal', scale: null } } });
  }
  layers.push(
    { data: { values }, mark: { type: 'line', strokeWidth: 1.6 }, encoding: { x, y, color: encoding.color, strokeDash: encoding.strokeDash } },
    { data: { values }, mark: POINT_MARK, encoding: { x, y, color: encoding.color, shape: encoding.shape, tooltip: { field: 'tip' }, description: { field: 'tip' } } },
  );
  if (metric !== 'loss') layers.push(...baselineLayers([baselineValue(report, reportMetric(report, metric))], 'left'));
  return {
    $schema: SCHEMA,
    title: { text: `${group}: ${title} by epoch`, subtitle: subtitle(report, runs, metric === 'loss' ? '' : baselineLegend(report, 'dashed grey')), anchor: 'start' },
    width: WIDTH,
    height: HEIGHT,
    layer: layers,
  } as VegaLiteSpec;
}

/** The metrics after the last epoch (NDCG and HR), side by side for every run of the group, with each metric's baseline. */
export function barsSpec(report: SweepReport, group: string): VegaLiteSpec {
  const runs = runsOfGroup(report, group);
  const labels = runLabels(runs);
  const metrics = report.metrics.map((m) => m.title);
  // A diverged run has no final value: it keeps its place on the axis, without bars.
  const values = runs.filter((r) => !r.diverged).flatMap((r) =>
    report.metrics.map((m) => {
      const [metric, s] = [m.title, r.finals[m.name]];
      const tip = `run ${r.number}: ${labels.get(r)}; ${metric} after epoch ${r.epochs} ${s.mean.toFixed(5)}${s.values.length > 1 ? ` ± ${s.spread.toFixed(5)}` : ''}`;
      return { run: labels.get(r)!, metric, value: round(s.mean), tip };
    }),
  );
  const colours = cycle(['#4c78a8', '#f58518', '#54a24b', '#e45756'], metrics.length);
  const baselines = report.metrics.map((m) => baselineValue(report, m));
  return {
    $schema: SCHEMA,
    title: { text: `${group}: ${andList(metrics)} after the last epoch`, subtitle: subtitle(report, runs, baselineLegend(report, 'dashed')), anchor: 'start' },
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values },
        mark: 'bar',
        encoding: {
          x: { field: 'run', type: 'nominal', title: null, scale: { domain: [...labels.values()] }, axis: { labelAngle: -30, labelLimit: 220 } },
          xOffset: { field: 'metric', type: 'nominal', scale: { domain: metrics } },
          y: { field: 'value', type: 'quantitative', title: `${metrics.join(', ')} after the last epoch` },
          color: { field: 'metric', type: 'nominal', title: 'metric', scale: { domain: metrics, range: colours } },
          tooltip: { field: 'tip' },
          description: { field: 'tip' },
        },
      },
      ...baselineLayers(baselines, 'right'),
    ],
  } as VegaLiteSpec;
}

/** `a and b`, `a, b and c`. */
const andList = (items: readonly string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** The line a run belongs to in the learning-rate plot: everything but the learning rate. */
const lineKey = (r: ReportRun): string => JSON.stringify([r.label, r.optimizer, r.convention, r.epochs, r.options, r.loss, r.settings]);

/**
 * The runs a learning-rate plot of `group` shows, when the group varies the learning
 * rate: for each line (an optimizer with its other settings) that runs of the group are
 * on, every run of the sweep on it, so the base run's rate appears too; only lines with
 * two or more rates. Empty when the group has one rate, or no line has two.
 */
export function learningRateRuns(report: SweepReport, group: string): ReportRun[] {
  const own = runsOfGroup(report, group).filter((r) => typeof r.learningRate === 'number');
  if (new Set(own.map((r) => r.learningRate)).size < 2) return [];
  const keys = new Set(own.map(lineKey));
  const onLine = (key: string) => report.runs.filter((r) => typeof r.learningRate === 'number' && lineKey(r) === key);
  const lines = [...keys].map(onLine).filter((runs) => new Set(runs.map((r) => r.learningRate)).size >= 2);
  return lines.flat().sort((a, b) => (a.learningRate as number) - (b.learningRate as number) || a.number - b.number);
}

export function learningRateSpec(report: SweepReport, group: string): VegaLiteSpec {
  const runs = learningRateRuns(report, group);
  const keys = new Set(runs.map(lineKey));
  // Lines are named by their optimizer, plus what differs between lines.
  const lineRuns = [...keys].map((key) => runs.find((r) => lineKey(r) === key)!);
  const differing = groupSettings(lineRuns).varying.filter((s) => s.title !== 'learning rate');
  const lineName = (r: ReportRun) => [r.label, ...differing.map((s) => s.phrase(r))].join(', ');
  const metrics = report.metrics.map((m) => m.title);
  const values = runs.filter((r) => !r.diverged).flatMap((r) =>
    report.metrics.map((m) => {
      const [metric, s] = [m.title, r.finals[m.name]];
      const series = `${lineName(r)}, ${metric}`;
      return { series, metric, learningRate: r.learningRate, value: round(s.mean), tip: `run ${r.number}: ${lineName(r)}; learning rate ${r.learningRate}; ${metric} ${s.mean.toFixed(5)}` };
    }),
  );
  const series = [...new Set(values.map((v) => v.series))];
  // Ticks at the rates that ran, not at every power of ten's multiples.
  const rates = [...new Set(runs.map((r) => r.learningRate as number))];
  const encoding = runEncoding(series, null);
  const withField = <T extends object>(e: T) => ({ ...e, field: 'series' });
  const epochs = [...new Set(runs.map((r) => r.epochs))];
  return {
    $schema: SCHEMA,
    title: {
      text: `${group}: ${andList(metrics)} against learning rate`,
      subtitle: subtitle(report, runs, `after ${epochs.length === 1 ? `${epochs[0]} epoch${epochs[0] === 1 ? '' : 's'}` : 'the last epoch'} · ${baselineLegend(report, 'dashed')}`),
      anchor: 'start',
    },
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: false, strokeWidth: 1.6 },
        encoding: {
          // Padding keeps the end points inside the plot instead of half over its edges.
          x: { field: 'learningRate', type: 'quantitative', title: 'learning rate (log scale)', scale: { type: 'log', padding: 16 }, axis: { values: rates, format: '~g' } },
          y: { field: 'value', type: 'quantitative', title: metrics.join(', '), scale: { zero: false } },
          color: withField(encoding.color),
          strokeDash: withField(encoding.strokeDash),
        },
      },
      {
        data: { values },
        mark: POINT_MARK,
        encoding: {
          x: { field: 'learningRate', type: 'quantitative', scale: { type: 'log', padding: 16 } },
          y: { field: 'value', type: 'quantitative' },
          color: withField(encoding.color),
          shape: withField(encoding.shape),
          tooltip: { field: 'tip' },
          description: { field: 'tip' },
        },
      },
      ...baselineLayers(report.metrics.map((m) => baselineValue(report, m)), 'right'),
    ],
  } as VegaLiteSpec;
}

/**
 * The sweep's plots as Vega-Lite specs: per-group curves of NDCG, HR and loss against
 * epoch; a bar chart comparing the runs of a group; a metric against learning rate on a
 * log axis where a group varies the learning rate.
 */
import type { VegaLiteSpec } from './vega.ts';
import type { ReportRun, SweepReport } from './types.ts';
import { runsOfGroup } from './tables.ts';

export type CurveMetric = 'ndcg' | 'hitRate' | 'loss';

const WIDTH = 460;
const HEIGHT = 280;
const runName = (r: ReportRun): string => `${r.number}. ${r.label}${r.convention === 'keras' ? '' : ' (torch)'}`;

function metricTitle(metric: CurveMetric, topK: number): string {
  return metric === 'ndcg' ? `NDCG@${topK}` : metric === 'hitRate' ? `HR@${topK}` : 'training loss (BCE)';
}

/** One line per run: the metric after each epoch (mean over seeds). */
export function curvesSpec(report: SweepReport, group: string, metric: CurveMetric): VegaLiteSpec {
  const runs = runsOfGroup(report, group);
  const values = runs.flatMap((r) => r.history.map((p) => ({ run: runName(r), epoch: p.epoch, value: p[metric] })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${group}: ${metricTitle(metric, report.topK)} by epoch`, anchor: 'start' },
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative', title: metricTitle(metric, report.topK), scale: { zero: false } },
      color: { field: 'run', type: 'nominal', title: 'run', scale: { domain: runs.map(runName) } },
    },
  } as VegaLiteSpec;
}

/** NDCG and HR after the last epoch, side by side for every run of the group. */
export function barsSpec(report: SweepReport, group: string): VegaLiteSpec {
  const runs = runsOfGroup(report, group);
  // A diverged run has no final value: it keeps its place on the axis, without bars.
  const values = runs.filter((r) => !r.diverged).flatMap((r) => [
    { run: runName(r), metric: `NDCG@${report.topK}`, value: r.ndcg.mean },
    { run: runName(r), metric: `HR@${report.topK}`, value: r.hitRate.mean },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${group}: final NDCG@${report.topK} and HR@${report.topK}`, anchor: 'start' },
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'run', type: 'nominal', title: null, scale: { domain: runs.map(runName) }, axis: { labelAngle: -35 } },
      xOffset: { field: 'metric', type: 'nominal' },
      y: { field: 'value', type: 'quantitative', title: 'after the last epoch' },
      color: { field: 'metric', type: 'nominal', title: 'metric' },
    },
  } as VegaLiteSpec;
}

/**
 * The runs a learning-rate plot of `group` shows, when the group varies the learning
 * rate: every run of the sweep with the same optimizer, convention and epochs as the
 * group's runs, so the baseline's learning rate appears too. Empty when nothing varies.
 */
export function learningRateRuns(report: SweepReport, group: string): ReportRun[] {
  const runs = runsOfGroup(report, group);
  const rates = new Set(runs.map((r) => r.learningRate));
  if (rates.size < 2 || runs.some((r) => typeof r.learningRate !== 'number')) return [];
  const same = (a: ReportRun, b: ReportRun) => a.optimizer === b.optimizer && a.convention === b.convention && a.epochs === b.epochs && a.label === b.label;
  return report.runs.filter((r) => typeof r.learningRate === 'number' && runs.some((g) => same(g, r))).sort((a, b) => (a.learningRate as number) - (b.learningRate as number));
}

export function learningRateSpec(report: SweepReport, group: string): VegaLiteSpec {
  const runs = learningRateRuns(report, group);
  const values = runs.filter((r) => !r.diverged).flatMap((r) => [
    { series: `${r.label}, NDCG@${report.topK}`, learningRate: r.learningRate, value: r.ndcg.mean },
    { series: `${r.label}, HR@${report.topK}`, learningRate: r.learningRate, value: r.hitRate.mean },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${group}: metric against learning rate (${runs[0]?.epochs ?? '?'} epochs)`, anchor: 'start' },
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'learningRate', type: 'quantitative', title: 'learning rate (log scale)', scale: { type: 'log' } },
      y: { field: 'value', type: 'quantitative', title: 'after the last epoch', scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  } as VegaLiteSpec;
}

/**
 * The sweep report's diagnostics plots (a sweep with "diagnostics"): per group, one small
 * multiple per parameter tensor of the ε-dominance fraction and of ‖Δp‖/‖p‖ against the
 * step, one line per run; and the batch loss's sharpness against the step where measured.
 */
import type { VegaLiteSpec } from './vega.ts';
import type { ReportRun, SweepReport } from './types.ts';
import { runsOfGroup } from './tables.ts';
import { runLabels } from './settings.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const round = (v: number): number => Number(v.toPrecision(6));

export type DiagnosticField = 'epsilonDominance' | 'updateToWeight';

const TITLES: Record<DiagnosticField, string> = { epsilonDominance: 'ε-dominated share of the elements', updateToWeight: '‖Δp‖ / ‖p‖' };
/** The y axis of each small panel: short, the plot's title says the rest. */
const AXES: Record<DiagnosticField, string> = { epsilonDominance: 'ε-dominated', updateToWeight: '‖Δp‖/‖p‖' };

/** The group's runs that measured diagnostics. */
export function diagnosedRuns(report: SweepReport, group: string): ReportRun[] {
  return runsOfGroup(report, group).filter((r) => r.diagnostics !== undefined);
}

const seedsNote = (report: SweepReport): string => (report.seeds.length > 1 ? `mean of ${report.seeds.length} seeds` : `seed ${report.seeds[0]}`);

/** One panel per parameter tensor, `field` against the step, a line per run. */
export function diagnosticsSpec(report: SweepReport, group: string, field: DiagnosticField): VegaLiteSpec {
  const runs = diagnosedRuns(report, group);
  const labels = runLabels(runs);
  const values = runs.flatMap((r) =>
    r.diagnostics!.flatMap((p) => {
      const value = p[field];
      return value === null ? [] : [{ run: labels.get(r)!, parameter: p.parameter, step: p.step, value: round(value), tip: `run ${r.number}: ${labels.get(r)}; ${p.parameter}; step ${p.step}; ${TITLES[field]} ${value.toPrecision(4)}` }];
    }),
  );
  return {
    $schema: SCHEMA,
    title: { text: `${group}: ${TITLES[field]}, per parameter tensor`, subtitle: seedsNote(report) },
    data: { values },
    facet: { field: 'parameter', type: 'nominal', title: null, sort: null },
    columns: 4,
    spec: {
      width: 180,
      height: 120,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'step' },
        y: { field: 'value', type: 'quantitative', title: AXES[field], ...(field === 'updateToWeight' ? { scale: { type: 'log' } } : { scale: { domain: [0, 1] } }) },
        color: { field: 'run', type: 'nominal', title: null, legend: { labelLimit: 360 } },
        tooltip: { field: 'tip' },
      },
    },
  } as VegaLiteSpec;
}

/** The runs whose sharpness was measured in this group. */
export function sharpnessRuns(report: SweepReport, group: string): ReportRun[] {
  return diagnosedRuns(report, group).filter((r) => r.diagnostics!.some((p) => p.sharpness !== null));
}

/** How the legend names the dashed lines: gradient descent's stability threshold. */
export const STABILITY_LINE = '2/η (gradient descent\'s stability limit)';

/**
 * Sharpness (the top Hessian eigenvalue of the step's batch loss) against the step, a line
 * per run; for each run with a constant learning rate η, a dashed line at 2/η in the run's
 * colour. Gradient descent on a quadratic with top eigenvalue λ is stable iff λ < 2/η
 * (the iterate's component along that eigenvector is multiplied by 1 − ηλ each step);
 * Cohen et al. 2021 find full-batch training's sharpness rises to that line and hovers there.
 */
export function sharpnessSpec(report: SweepReport, group: string): VegaLiteSpec {
  const runs = sharpnessRuns(report, group);
  const labels = runLabels(runs);
  const values = runs.flatMap((r) => {
    const byStep = new Map(r.diagnostics!.filter((p) => p.sharpness !== null).map((p) => [p.step, p.sharpness!]));
    return [...byStep].map(([step, value]) => ({ run: labels.get(r)!, line: 'sharpness', step, value: round(value), tip: `run ${r.number}: ${labels.get(r)}; step ${step}; sharpness ${value.toPrecision(4)}` }));
  });
  const thresholds = runs.flatMap((r) =>
    typeof r.learningRate === 'number' && r.learningRate > 0
      ? [{ run: labels.get(r)!, line: STABILITY_LINE, value: round(2 / r.learningRate), tip: `run ${r.number}: ${labels.get(r)}; 2/η = 2/${r.learningRate} = ${(2 / r.learningRate).toPrecision(4)}` }]
      : [],
  );
  // The runs' colours in run order, as the loss plots give them.
  const color = { field: 'run', type: 'nominal', title: null, scale: { domain: runs.map((r) => labels.get(r)!) }, legend: { labelLimit: 360 } };
  const dash = { field: 'line', type: 'nominal', title: null, scale: { domain: ['sharpness', STABILITY_LINE], range: [[1, 0], [6, 4]] }, legend: { labelLimit: 360 } };
  const line = {
    data: { values },
    mark: { type: 'line', point: true },
    encoding: { x: { field: 'step', type: 'quantitative', title: 'step' }, y: { field: 'value', type: 'quantitative', title: 'λ_max' }, color, strokeDash: dash, tooltip: { field: 'tip' } },
  };
  const rule = { data: { values: thresholds }, mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { y: { field: 'value', type: 'quantitative' }, color, strokeDash: dash, tooltip: { field: 'tip' } } };
  return {
    $schema: SCHEMA,
    title: { text: `${group}: sharpness (top Hessian eigenvalue of the batch loss)`, subtitle: thresholds.length > 0 ? `${seedsNote(report)} · dashed: 2/η for each run's learning rate η` : seedsNote(report) },
    width: 640,
    height: 300,
    layer: thresholds.length > 0 ? [line, rule] : [line],
  } as VegaLiteSpec;
}

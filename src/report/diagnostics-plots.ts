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

/** Sharpness (the top Hessian eigenvalue of the step's batch loss) against the step, a line per run. */
export function sharpnessSpec(report: SweepReport, group: string): VegaLiteSpec {
  const runs = sharpnessRuns(report, group);
  const labels = runLabels(runs);
  const values = runs.flatMap((r) => {
    const byStep = new Map(r.diagnostics!.filter((p) => p.sharpness !== null).map((p) => [p.step, p.sharpness!]));
    return [...byStep].map(([step, value]) => ({ run: labels.get(r)!, step, value: round(value), tip: `run ${r.number}: ${labels.get(r)}; step ${step}; sharpness ${value.toPrecision(4)}` }));
  });
  return {
    $schema: SCHEMA,
    title: { text: `${group}: sharpness (top Hessian eigenvalue of the batch loss)`, subtitle: seedsNote(report) },
    width: 640,
    height: 300,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'step' },
      y: { field: 'value', type: 'quantitative', title: 'λ_max' },
      color: { field: 'run', type: 'nominal', title: null, legend: { labelLimit: 360 } },
      tooltip: { field: 'tip' },
    },
  } as VegaLiteSpec;
}

/** Every file of a sweep report, as name → content: results.md, plots (SVG + spec) and report.html. */
import type { SweepReport } from './types.ts';
import { markdownTables } from './tables.ts';
import { barsSpec, curvesSpec, learningRateRuns, learningRateSpec } from './plots.ts';
import { renderVegaLite, type VegaLiteSpec } from './vega.ts';
import { diagnosedRuns, diagnosticsSpec, sharpnessRuns, sharpnessSpec } from './diagnostics-plots.ts';
import { reportPage, type PagePlot } from './page.ts';

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'group';

export async function sweepReportFiles(report: SweepReport): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const plots: PagePlot[] = [];
  const add = async (group: string, file: string, spec: VegaLiteSpec) => {
    const svg = await renderVegaLite(spec);
    files.set(`plots/${file}`, svg);
    files.set(`plots/${file.replace(/\.svg$/, '.vl.json')}`, JSON.stringify(spec, null, 1) + '\n');
    plots.push({ group, file: `plots/${file}`, svg });
  };
  for (const [k, group] of report.groups.entries()) {
    const prefix = `g${k + 1}-${slug(group)}`;
    const metrics: [string, string][] = [...report.metrics.map((m) => [m.name, m.file] as [string, string]), ['loss', 'loss']];
    for (const [metric, name] of metrics) await add(group, `${prefix}-${name}.svg`, curvesSpec(report, group, metric));
    if (report.runs.filter((r) => r.group === group).length > 1) await add(group, `${prefix}-bars.svg`, barsSpec(report, group));
    if (learningRateRuns(report, group).length > 1) await add(group, `${prefix}-learning-rate.svg`, learningRateSpec(report, group));
    if (diagnosedRuns(report, group).length > 0) {
      // Only where some rule has an ε (plain SGD's runs would give an empty panel per tensor).
      if (diagnosedRuns(report, group).some((r) => r.diagnostics!.some((p) => p.epsilonDominance !== null))) {
        await add(group, `${prefix}-epsilon-dominance.svg`, diagnosticsSpec(report, group, 'epsilonDominance'));
      }
      await add(group, `${prefix}-update-to-weight.svg`, diagnosticsSpec(report, group, 'updateToWeight'));
    }
    if (sharpnessRuns(report, group).length > 0) await add(group, `${prefix}-sharpness.svg`, sharpnessSpec(report, group));
  }
  files.set('results.md', markdownTables(report));
  files.set('report.html', reportPage(report, plots));
  return files;
}

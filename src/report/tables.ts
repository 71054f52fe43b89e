/**
 * The log's table, in markdown (one table per group, each metric's best value in bold) and CSV.
 * A group's table has a column for each setting that varies within it; the settings its
 * runs share are said once above it.
 */
import type { ReportMetric, ReportRun, Stat, SweepReport } from './types.ts';
import { groupSettings, sharedSentence } from './settings.ts';

export const formatMetric = (s: Stat): string => (s.values.length > 1 ? `${s.mean.toFixed(5)} ± ${s.spread.toFixed(5)}` : s.mean.toFixed(5));

export interface TableColumn {
  readonly title: string;
  readonly cell: (run: ReportRun) => string;
  /** For metric columns: the value whose maximum is bold (a metric where lower is better gives its negative). */
  readonly best?: (run: ReportRun) => number;
}

/** A group's columns: run, optimizer, the settings that vary within the group, then the workload's metrics (NDCG, hit rate). */
export function groupColumns(runs: readonly ReportRun[], metrics: readonly ReportMetric[]): TableColumn[] {
  return [
    { title: 'run', cell: (r) => String(r.number) },
    { title: 'optimizer', cell: (r) => r.label },
    ...groupSettings(runs).varying.map((s) => ({ title: s.title, cell: s.cell })),
    ...metrics.map((m) => ({
      title: m.title,
      cell: (r: ReportRun) => r.diverged ?? formatMetric(r.finals[m.name]),
      best: (r: ReportRun) => (m.better === 'higher' ? 1 : -1) * r.finals[m.name].mean,
    })),
  ];
}

/** `NDCG@10 0.35420, HR@10 0.60000`: the baseline's value of each metric. */
export const baselineValues = (report: SweepReport): string => report.metrics.map((m) => `${m.title} ${m.baseline.toFixed(5)}`).join(', ');

export function runsOfGroup(report: SweepReport, group: string): ReportRun[] {
  return report.runs.filter((r) => r.group === group);
}

/** Cells of a group's table, with the best value of each metric column marked by `bold`. */
export function tableCells(runs: readonly ReportRun[], columns: readonly TableColumn[], bold: (text: string) => string): string[][] {
  // NaN (a diverged run) is never best.
  const best = columns.map((c) => (c.best ? Math.max(...runs.map(c.best).filter(Number.isFinite)) : undefined));
  return runs.map((run) => columns.map((c, k) => (c.best && runs.length > 1 && c.best(run) === best[k] ? bold(c.cell(run)) : c.cell(run))));
}

/** `Mean ± standard deviation over seeds 0, 1.` or `One seed: 0.` */
export function seedsSentence(report: SweepReport): string {
  return report.seeds.length > 1 ? `Mean ± standard deviation over seeds ${report.seeds.join(', ')}.` : `One seed: ${report.seeds[0]}.`;
}

export function markdownTables(report: SweepReport): string {
  const lines = [`# ${report.name}`, ''];
  if (report.description) lines.push(report.description, '');
  lines.push(seedsSentence(report), '');
  for (const group of report.groups) {
    const runs = runsOfGroup(report, group);
    const columns = groupColumns(runs, report.metrics);
    lines.push(`## ${group}`, '');
    const shared = sharedSentence(runs);
    if (shared) lines.push(shared, '');
    lines.push(`| ${columns.map((c) => c.title).join(' | ')} |`, `| ${columns.map((c) => (c.best ? '---:' : '---')).join(' | ')} |`);
    for (const row of tableCells(runs, columns, (t) => `**${t}**`)) lines.push(`| ${row.join(' | ')} |`);
    lines.push('');
  }
  lines.push(`${report.baseline.description}: ${baselineValues(report)}.`, '');
  return lines.join('\n');
}

const csvCell = (v: string | number): string => (typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export interface CsvRow {
  readonly [column: string]: string | number;
}

/** CSV with a header from the first row's keys. */
export function toCsv(rows: readonly CsvRow[]): string {
  if (rows.length === 0) return '';
  const header = Object.keys(rows[0]);
  return [header.join(','), ...rows.map((row) => header.map((h) => csvCell(row[h])).join(','))].join('\n') + '\n';
}

/** report.html: one self-contained page (inline SVG and CSS, no external requests) with the tables, plots and manifest. */
import type { ReportRun, SweepReport } from './types.ts';
import { baselineValues, groupColumns, runsOfGroup, seedsSentence, tableCells } from './tables.ts';
import { sharedSentence } from './settings.ts';
import { escapeHtml } from './html.ts';

export interface PagePlot {
  readonly group: string;
  readonly file: string;
  readonly svg: string;
}


const STYLE = `body{font:15px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:0.5rem 0 1rem}th,td{border:1px solid #ccc;padding:0.25rem 0.55rem}th{background:#f3f3f3}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.plots figure{margin:0 0 1.5rem}
.plots svg{width:100%;height:auto}
figcaption{font-size:12px;color:#666}code{background:#f3f3f3;padding:0 0.2rem}`;

export function reportPage(report: SweepReport, plots: readonly PagePlot[]): string {
  const sections = report.groups.map((group) => {
    const runs = runsOfGroup(report, group);
    const columns = groupColumns(runs, report.metrics);
    const shared = sharedSentence(runs);
    // Cells are escaped first, then the best ones wrapped in <strong>.
    const escaped = columns.map((c) => ({ ...c, cell: (run: ReportRun) => escapeHtml(c.cell(run)) }));
    const rows = tableCells(runs, escaped, (t) => `<strong>${t}</strong>`)
      .map((row) => `<tr>${row.map((cell, k) => `<td${columns[k].best ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`)
      .join('\n');
    const figures = plots
      .filter((p) => p.group === group)
      .map((p) => `<figure>${p.svg}<figcaption>${escapeHtml(p.file)} (spec: ${escapeHtml(p.file.replace(/\.svg$/, '.vl.json'))})</figcaption></figure>`)
      .join('\n');
    return `<h2>${escapeHtml(group)}</h2>
${shared ? `<p>${escapeHtml(shared)}</p>\n` : ''}<table><thead><tr>${columns.map((c) => `<th>${escapeHtml(c.title)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
<div class="plots">${figures}</div>`;
  });
  const manifest = Object.entries(report.manifest)
    .map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(String(value ?? '—'))}</td></tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/><title>${escapeHtml(report.name)} — seedgrad sweep</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(report.name)}</h1>
${report.description ? `<p>${escapeHtml(report.description)}</p>` : ''}
<p>${escapeHtml(seedsSentence(report))}</p>
<p>${escapeHtml(`${report.baseline.name[0].toUpperCase()}${report.baseline.name.slice(1)}: ${baselineValues(report)}.`)}</p>
${sections.join('\n')}
<h2>Manifest</h2>
<table><tbody>
${manifest}
</tbody></table>
</body></html>
`;
}

/**
 * `landscape.html`: one self-contained page (SVGs inlined, styles inline, no scripts,
 * no external requests) with each function's plots and table.
 */
import { escapeHtml } from './html.ts';

export interface LandscapePageSection {
  readonly id: string;
  readonly heading: string;
  /** Plain-text lines under the heading (the formula, the minima). */
  readonly notes: readonly string[];
  /** Rendered SVG documents, inlined as they are. */
  readonly svgs: readonly string[];
  /** File names beside the page (the plots' specs), linked for restyling. */
  readonly files: readonly string[];
  readonly tableHeader: readonly string[];
  readonly tableRows: readonly (readonly string[])[];
}

export interface LandscapePage {
  readonly title: string;
  /** Plain-text paragraphs under the title (the settings). */
  readonly intro: readonly string[];
  readonly sections: readonly LandscapePageSection[];
}

/** An SVG document as an inline element: the XML declaration, if any, is not allowed inside HTML. */
function inlineSvg(svg: string): string {
  return svg.replace(/^<\?xml[^>]*\?>\s*/, '');
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
.plots { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
table { border-collapse: collapse; margin-top: 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.files { font-size: 0.85rem; color: #555; }
`;

function section(s: LandscapePageSection): string {
  const head = `<tr>${s.tableHeader.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = s.tableRows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  const files = s.files.map((f) => `<a href="${escapeHtml(f)}">${escapeHtml(f)}</a>`).join(', ');
  return [
    `<section id="${escapeHtml(s.id)}">`,
    `<h2>${escapeHtml(s.heading)}</h2>`,
    ...s.notes.map((n) => `<p>${escapeHtml(n)}</p>`),
    `<div class="plots">`,
    ...s.svgs.map(inlineSvg),
    `</div>`,
    `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`,
    `<p class="files">Plot specs (Vega / Vega-Lite, to restyle): ${files}</p>`,
    `</section>`,
  ].join('\n');
}

export function landscapePage(page: LandscapePage): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8"/>',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(page.title)}</h1>`,
    ...page.intro.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<nav>${page.sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.heading)}</a>`).join(' · ')}</nav>`,
    ...page.sections.map(section),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

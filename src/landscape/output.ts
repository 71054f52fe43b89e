/**
 * Everything a landscape study writes, as file name → content: per function the path
 * plot and the loss plot (each SVG beside its spec JSON), then the table in markdown and
 * JSON, and the page that holds it all. The same results give the same bytes.
 */
import { renderVega, renderVegaLite } from '../report/vega.ts';
import { landscapeSpec } from '../report/landscape-contour.ts';
import { lossSpec } from '../report/landscape-loss.ts';
import { landscapePage, type LandscapePageSection } from '../report/landscape-page.ts';
import type { LandscapeConfig, FunctionLandscape } from './study.ts';
import { TABLE_HEADER, formatNumber, markdownTable, tableCells } from './summary.ts';

export interface LandscapeFiles {
  /** File names in the order written; the page last. */
  readonly names: readonly string[];
  readonly contents: ReadonlyMap<string, string>;
}

/**
 * JSON indented by two spaces, except that any array or object whose one-line form fits
 * in 100 characters stays on one line: the specs hold thousands of small data rows, and
 * a line each would triple the files.
 */
export function compactJson(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value);
  if (flat === undefined || typeof value !== 'object' || value === null || flat.length + indent.length <= 100) return flat ?? 'null';
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return flat;
    return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

function json(value: unknown): string {
  return compactJson(value) + '\n';
}

function point(p: readonly [number, number]): string {
  return `(${formatNumber(p[0])}, ${formatNumber(p[1])})`;
}

function settingsLine(config: LandscapeConfig): string {
  const lr =
    config.learningRate === undefined && config.learningRateOverrides === undefined
      ? 'each optimizer at its default rate for the function'
      : 'learning rates as given on the command line, defaults elsewhere';
  return `${config.steps} steps, ${config.convention} convention, ${lr}; seed ${config.seed} (gradient noise); "steps to tolerance" is the first step within ${config.tolerance} of a minimum.`;
}

function notes(result: FunctionLandscape): string[] {
  const minima = result.criticalPoints.filter((p) => p.kind === 'minimum').map((p) => point([p.x, p.y]));
  const saddles = result.criticalPoints.filter((p) => p.kind === 'saddle').map((p) => point([p.x, p.y]));
  return [
    `f(x, y) = ${result.formula}; start ${point(result.start)}.`,
    minima.length > 0 ? `Minima (f* = ${result.minimumValue}): ${minima.join(', ')}.` : `No minimum: f is unbounded below; saddle point ${saddles.join(', ')}.`,
    ...(result.gradientNoise > 0 ? [`Each gradient carries N(0, ${result.gradientNoise}²) noise per coordinate, the same draws for every optimizer; f is plotted without it.`] : []),
  ];
}

function markdown(config: LandscapeConfig, results: readonly FunctionLandscape[]): string {
  const parts = [`# Optimizer landscapes\n\n${settingsLine(config)}`];
  for (const r of results) parts.push(`## ${r.title}\n\n${notes(r).join('\n')}\n\n${markdownTable(r.rows)}`);
  return parts.join('\n\n') + '\n';
}

function summaryJson(config: LandscapeConfig, results: readonly FunctionLandscape[]): string {
  return json({
    settings: {
      functions: config.functions,
      optimizers: config.optimizers,
      steps: config.steps,
      convention: config.convention,
      seed: config.seed,
      tolerance: config.tolerance,
      start: config.start ?? null,
      learningRate: config.learningRate ?? null,
      learningRateOverrides: config.learningRateOverrides ?? {},
    },
    functions: results.map((r) => ({
      name: r.name,
      title: r.title,
      formula: r.formula,
      start: r.start,
      minimumValue: r.minimumValue,
      criticalPoints: r.criticalPoints,
      gradientNoise: r.gradientNoise,
      rows: r.rows,
    })),
  });
}

export async function renderLandscape(config: LandscapeConfig, results: readonly FunctionLandscape[]): Promise<LandscapeFiles> {
  const contents = new Map<string, string>();
  const sections: LandscapePageSection[] = [];
  const settings = { steps: config.steps, convention: config.convention };
  for (const r of results) {
    const pathSpec = landscapeSpec(r, settings);
    const curveSpec = lossSpec(r, settings);
    const pathSvg = await renderVega(pathSpec);
    const curveSvg = await renderVegaLite(curveSpec);
    const files = [`${r.name}.svg`, `${r.name}.vg.json`, `${r.name}-loss.svg`, `${r.name}-loss.vl.json`];
    contents.set(files[0]!, pathSvg);
    contents.set(files[1]!, json(pathSpec));
    contents.set(files[2]!, curveSvg);
    contents.set(files[3]!, json(curveSpec));
    sections.push({ id: r.name, heading: r.title, notes: notes(r), svgs: [pathSvg, curveSvg], files, tableHeader: TABLE_HEADER, tableRows: tableCells(r.rows) });
  }
  contents.set('landscape.md', markdown(config, results));
  contents.set('landscape.json', summaryJson(config, results));
  contents.set('landscape.html', landscapePage({ title: 'seedgrad: optimizer landscapes', intro: [settingsLine(config)], sections }));
  return { names: [...contents.keys()], contents };
}

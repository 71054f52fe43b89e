/**
 * Plots as Vega-Lite specs rendered to SVG by Vega's headless renderer (no browser, no
 * canvas). The spec is saved beside each SVG, so a user can restyle a plot in the Vega
 * editor or re-render it with their own theme.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type VegaLiteSpec = TopLevelSpec;

/** The SVG of a Vega-Lite spec (data inline), with a <title> on every mark that has a description. */
export async function renderVegaLite(spec: VegaLiteSpec): Promise<string> {
  return withTitles(await renderVega(compile(spec).spec));
}

/**
 * Vega's SVG writer puts a mark's description (Vega-Lite's `description` encoding) in
 * its aria-label only; a <title> child is what a browser shows on hover, with no script
 * and offline. The label is already escaped for an attribute, so it is valid text too.
 */
export function withTitles(svg: string): string {
  return svg.replace(/<path ([^>]*?)aria-label="([^"]*)"([^>]*?)\/>/g, (whole: string, before: string, label: string, after: string) =>
    // Points and bars only: a line's label is Vega's summary of its first point, not a tooltip.
    /aria-roledescription="(point|bar)"/.test(before + after) ? `<path ${before}aria-label="${label}"${after}><title>${label}</title></path>` : whole,
  );
}

/** The SVG of a full Vega spec (for marks Vega-Lite lacks, e.g. contours). */
export async function renderVega(spec: vega.Spec): Promise<string> {
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

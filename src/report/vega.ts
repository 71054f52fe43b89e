/**
 * Plots as Vega-Lite specs rendered to SVG by Vega's headless renderer (no browser, no
 * canvas). The spec is saved beside each SVG, so a user can restyle a plot in the Vega
 * editor or re-render it with their own theme.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type VegaLiteSpec = TopLevelSpec;

/** The SVG of a Vega-Lite spec (data inline). */
export async function renderVegaLite(spec: VegaLiteSpec): Promise<string> {
  return renderVega(compile(spec).spec);
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

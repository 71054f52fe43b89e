/**
 * Loss against step for every optimizer on one function, as a Vega-Lite spec: the gap
 * f − f* on a log scale, or, where f is unbounded below (the saddle), f itself on a
 * symmetric-log scale.
 */
import type { VegaLiteSpec } from './vega.ts';
import { optimizerColour, round6, seriesLabel, type LandscapePlotInput, type LandscapePlotSettings } from './landscape-style.ts';

/** The log scale's floor: a gap below it (an optimizer that reached f* to the last bits) is drawn at it. */
export const GAP_FLOOR = 1e-16;

export function lossSpec(input: LandscapePlotInput, settings: LandscapePlotSettings): VegaLiteSpec {
  const labels = input.trajectories.map(seriesLabel);
  const fStar = input.minimumValue;
  const rows = input.trajectories.flatMap((t, k) =>
    t.values.map((f, step) => ({ series: labels[k], step, value: round6(fStar === null ? f : Math.max(f - fStar, GAP_FLOOR)) })),
  );
  const y =
    fStar === null
      ? { field: 'value', type: 'quantitative' as const, title: 'f', scale: { type: 'symlog' as const } }
      : { field: 'value', type: 'quantitative' as const, title: 'f − f*', scale: { type: 'log' as const }, axis: { format: '.0e' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `seedgrad landscape: ${input.title}, loss by step`,
    title: {
      text: `${input.title}: ${fStar === null ? 'f' : 'f − f*'} by step`,
      subtitle: `${fStar === null ? 'symmetric log scale' : `log scale; gaps below ${GAP_FLOOR} drawn at ${GAP_FLOOR}`} · ${settings.convention} convention`,
      anchor: 'start',
      fontSize: 13,
    },
    width: 420,
    height: 260,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.4, clip: true },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'step', scale: { domain: [0, settings.steps], nice: false } },
      y,
      color: {
        field: 'series',
        type: 'nominal',
        scale: { domain: labels, range: input.trajectories.map((t) => optimizerColour(t.optimizer)) },
        legend: { title: 'optimizer', labelLimit: 320 },
      },
    },
  };
}

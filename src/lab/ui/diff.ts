/**
 * The Convention diff panel: one rule in Keras's and PyTorch's conventions from the same
 * start on the same function, each with its own convention's defaults and the options set
 * here once (diff-options.ts); the first step where their points differ, by how much, and the distance by step.
 */
import { displayName, existsIn, LAB_OPTIMIZERS, type OptimizerName } from '../catalog.ts';
import type { Options } from '../url-state.ts';
import { diffOptionFields, diffOptionSpecs, sideOptions } from './diff-options.ts';
import { functionKey, functionOf, runOne } from '../model.ts';
import { firstDifference } from '../run.ts';
import { field, fmt, h, present, select, table } from './dom.ts';
import { drawChart } from './plot.ts';
import { drawLandscape } from './landscape.ts';
import type { Store } from './store.ts';

export function diffPanel(store: Store): HTMLElement {
  const both = LAB_OPTIMIZERS.filter((n) => existsIn(n, 'keras') && existsIn(n, 'torch'));
  const nameSelect = select(both.map((n) => [n, displayName(n)] as const), store.state.diff.name, { 'data-control': 'diff-optimizer' });
  const nameField = field('Optimizer', nameSelect);
  const optionsBox = h('div', { class: 'options diff-options' });
  let fields = diffOptionFields(store.state.diff.name, store.state.diff.options, () => {});
  const canvas = h('canvas', { class: 'contour', role: 'img', 'aria-label': 'both conventions\' paths: Keras solid, torch dashed' });
  const chart = h('canvas', { class: 'chart', width: 480, height: 180, role: 'img', 'aria-label': 'distance between the two paths by step' });
  const out = h('div', { 'aria-live': 'polite', 'data-control': 'diff-output' });
  let shownFor = '';
  const setOption = (key: string, value: Options[string] | undefined) => store.update((s) => {
    const options = { ...s.diff.options };
    if (value === undefined) delete options[key];
    else options[key] = value;
    s.diff = { name: s.diff.name, options };
  });
  /** The fields of the chosen rule, rebuilt when the rule changes (its options stay where the new rule has them). */
  function buildFields(): void {
    const s = store.state;
    if (shownFor === s.diff.name) return;
    shownFor = s.diff.name;
    fields = diffOptionFields(s.diff.name, s.diff.options, setOption);
    optionsBox.replaceChildren(h('h3', { text: 'Options, set once' }), ...fields.rows);
  }
  nameSelect.addEventListener('change', () => store.update((s) => {
    const name = nameSelect.value as OptimizerName;
    const keys = new Set(diffOptionSpecs(name).map((o) => o.spec.key));
    s.diff = { name, options: Object.fromEntries(Object.entries(s.diff.options).filter(([k]) => keys.has(k))) };
  }));

  function render(): void {
    const s = store.state;
    nameSelect.value = s.diff.name;
    buildFields();
    const { fn, error } = functionOf(s);
    if (fn === null) return void out.replaceChildren(h('p', { class: 'error', text: error ?? '' }));
    const start = s.start ?? fn.start;
    const key = functionKey(s);
    const [keras, torch] = (['keras', 'torch'] as const).map((convention) => runOne(fn, { name: s.diff.name, convention, options: sideOptions(s.diff.name, convention, s.diff.options) }, start, s.steps, s.seed, key));
    // The engine's refusal beside the option it names, else above the plots.
    const problem = fields.setErrors(keras!.error ?? torch!.error);
    if (keras!.error !== null || torch!.error !== null) return void out.replaceChildren(h('p', { class: 'error', role: 'alert', text: problem ?? '' }));
    if (!keras!.path || !torch!.path) return;
    const a = keras!.path, b = torch!.path;
    const landscape = { fn, fnError: null, start, runs: [keras!, torch!] };
    drawLandscape(canvas, landscape, key, s.steps, [
      { points: a.points, length: a.length, colour: '#1f77b4', dashed: false, divergence: a.divergence?.step ?? null },
      { points: b.points, length: b.length, colour: '#d62728', dashed: true, divergence: b.divergence?.step ?? null },
    ]);
    const n = Math.min(a.length, b.length);
    const distance = Float64Array.from({ length: n + 1 }, (_, t) => Math.hypot(a.points[2 * t]! - b.points[2 * t]!, a.points[2 * t + 1]! - b.points[2 * t + 1]!));
    drawChart(chart, [{ values: distance, length: n, colour: '#333' }], n, s.steps, null, '‖keras − torch‖');
    const first = firstDifference(a, b);
    const around = first === null ? [] : Array.from({ length: Math.min(5, n - first.step + 1) }, (_, i) => first.step + i);
    const optionsText = (o: Record<string, unknown>) => Object.entries(o).map(([k, v]) => `${k} ${v === null ? 'off' : String(v)}`).join(', ');
    out.replaceChildren(...present(
      h('p', { class: 'verdict', text: first === null ? `The two conventions give the same point at every one of ${n} steps, bit for bit.` : `They first differ at step ${first.step}, by ${fmt(first.distance)} (distance between the points); after ${n} steps they are ${fmt(distance[n])} apart.` }),
      h('p', { class: 'hint', text: `Keras (solid): ${optionsText(keras!.options) || 'its defaults'} · torch (dashed): ${optionsText(torch!.options) || 'its defaults'}; each takes its own convention's defaults for the rest.` }),
      around.length ? table(['step', 'Keras x', 'Keras y', 'torch x', 'torch y', 'distance'], around.map((t) => [t, a.points[2 * t]!, a.points[2 * t + 1]!, b.points[2 * t]!, b.points[2 * t + 1]!, distance[t]!])) : null,
    ));
  }
  store.subscribe(() => store.state.panel === 'diff' && render());
  const el = h('div', { class: 'panel-grid two' }, h('div', { class: 'controls' }, nameField.row, optionsBox, out), h('div', { class: 'stage' }, canvas, chart));
  el.addEventListener('lab:show', render);
  return el;
}

/**
 * The Convention diff panel: one rule in Keras's and PyTorch's conventions from the same
 * start on the same function, each with its own convention's defaults and the options set
 * here; the first step where their points differ, by how much, and the distance by step.
 */
import { allVariants, displayName, optionSpecs, type OptimizerName } from '../catalog.ts';
import { functionKey, functionOf, runOne } from '../model.ts';
import { firstDifference } from '../run.ts';
import { field, fmt, h, present, select, table } from './dom.ts';
import { drawChart } from './plot.ts';
import { drawLandscape } from './landscape.ts';
import type { Store } from './store.ts';

export function diffPanel(store: Store): HTMLElement {
  const both = [...new Set(allVariants().filter((v) => v.convention === 'torch').map((v) => v.name))];
  const nameSelect = select(both.map((n) => [n, displayName(n)] as const), store.state.diff.name, { 'data-control': 'diff-optimizer' });
  const nameField = field('Optimizer', nameSelect);
  const lr = h('input', { type: 'text', inputmode: 'decimal', 'data-control': 'diff-lr', size: 8 });
  const lrField = field('learningRate (both)', lr, 'empty: the function\'s rate');
  const canvas = h('canvas', { class: 'contour', role: 'img', 'aria-label': 'both conventions\' paths: Keras solid, torch dashed' });
  const chart = h('canvas', { class: 'chart', width: 480, height: 180, role: 'img', 'aria-label': 'distance between the two paths by step' });
  const out = h('div', { 'aria-live': 'polite', 'data-control': 'diff-output' });
  nameSelect.addEventListener('change', () => store.update((s) => { s.diff = { name: nameSelect.value as OptimizerName, options: s.diff.options }; }));
  lr.addEventListener('change', () => {
    const text = lr.value.trim();
    const v = Number(text);
    if (text !== '' && (!Number.isFinite(v) || v < 0)) return lrField.setError('learningRate must be a number >= 0');
    lrField.setError(null);
    store.update((s) => {
      const options = { ...s.diff.options };
      if (text === '') delete options['learningRate'];
      else options['learningRate'] = v;
      s.diff = { name: s.diff.name, options };
    });
  });

  function render(): void {
    const s = store.state;
    nameSelect.value = s.diff.name;
    if (document.activeElement !== lr) lr.value = s.diff.options['learningRate'] === undefined ? '' : String(s.diff.options['learningRate']);
    const { fn, error } = functionOf(s);
    if (fn === null) return void out.replaceChildren(h('p', { class: 'error', text: error ?? '' }));
    const start = s.start ?? fn.start;
    const key = functionKey(s);
    const [keras, torch] = (['keras', 'torch'] as const).map((convention) => {
      const allowed = new Set((optionSpecs(s.diff.name, convention) ?? []).map((o) => o.key));
      const options = Object.fromEntries(Object.entries(s.diff.options).filter(([k]) => allowed.has(k)));
      return runOne(fn, { name: s.diff.name, convention, options }, start, s.steps, s.seed, key);
    });
    const problem = keras!.error ?? torch!.error;
    if (problem !== null || !keras!.path || !torch!.path) return void out.replaceChildren(h('p', { class: 'error', role: 'alert', text: problem ?? '' }));
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
  const el = h('div', { class: 'panel-grid two' }, h('div', { class: 'controls' }, nameField.row, lrField.row, out), h('div', { class: 'stage' }, canvas, chart));
  el.addEventListener('lab:show', render);
  return el;
}

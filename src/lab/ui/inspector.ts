/**
 * The State panel: any step of any path, with the optimizer's named state after it, the
 * gradient it used, the step actually taken, the effective per-coordinate learning rate
 * (step / −g) and which term of the denominator dominates, ε or the moment.
 */
import { displayName } from '../catalog.ts';
import { inspectStep } from '../inspect.ts';
import { computeLandscape, functionKey } from '../model.ts';
import { button, field, fmt, h, present, select, table } from './dom.ts';
import { drawLandscape } from './landscape.ts';
import type { Store } from './store.ts';
import { learningRateAt, type LearningRate } from '../../optim/schedules.ts';
import { encodeSchedule, isSchedule } from '../schedule-text.ts';

export function inspectorPanel(store: Store): HTMLElement {
  const runSelect = h('select', { 'data-control': 'inspect-run' });
  const runField = field('Path', runSelect);
  const stepInput = h('input', { type: 'number', min: 1, 'data-control': 'inspect-step' });
  const stepField = field('Step', stepInput);
  const out = h('div', { class: 'inspect', 'aria-live': 'polite', 'data-control': 'inspect-output' });
  const canvas = h('canvas', { class: 'contour small', role: 'img', 'aria-label': 'the selected path up to the selected step' });
  const go = (d: number) => store.update((s) => { s.step = Math.max(1, Math.min(s.steps, s.step + d)); });
  runSelect.addEventListener('change', () => store.update((s) => { s.selected = Number(runSelect.value); }));
  stepInput.addEventListener('change', () => {
    const t = Number(stepInput.value);
    if (!Number.isInteger(t) || t < 1) return stepField.setError('a step number from 1');
    stepField.setError(null);
    store.update((s) => { s.step = t; });
  });

  function render(): void {
    const s = store.state;
    const landscape = computeLandscape(s);
    const options = landscape.runs.map((r, k) => [String(k), `${displayName(r.spec.name)} · ${r.spec.convention}`] as const);
    runSelect.replaceChildren(...Array.from(select(options, String(s.selected)).options));
    runSelect.value = String(s.selected);
    if (document.activeElement !== stepInput) stepInput.value = String(s.step);
    const run = landscape.runs[s.selected];
    if (run === undefined || run.path === null) {
      out.replaceChildren(h('p', { text: run?.error ?? landscape.fnError ?? 'Add an optimizer on the Landscapes tab first.' }));
      return;
    }
    const path = run.path;
    const view = inspectStep(path, s.step);
    const sel = landscape.runs.map((r, k) => (k === s.selected && r.path ? [{ points: r.path.points, length: r.path.length, colour: '#d62728', dashed: false, divergence: r.path.divergence?.step ?? null }] : [])).flat();
    drawLandscape(canvas, landscape, functionKey(s), s.step, sel);
    if (view === null) {
      const why = path.divergence && s.step > path.length ? `the path diverged at step ${path.divergence.step} (${path.divergence.reason}); its last finite step is ${path.length}` : `choose a step from 1 to ${path.length}`;
      out.replaceChildren(h('p', { class: 'error', role: 'alert', text: why }));
      return;
    }
    const den = view.denominator;
    const rate = run.options['learningRate'] ?? path.resolved['learningRate'];
    const rows: (string | number)[][] = [
      ['point before', ...view.before], ['gradient g', ...view.gradient], ['step taken Δp', ...view.taken], ['point after', ...view.after],
      // The rate the optimizer stepped with: a schedule's value after t − 1 completed steps (schedules.ts).
      ['learning rate', ...Array<number | string>(2).fill(typeof rate === 'number' || isSchedule(rate) ? learningRateAt(rate as LearningRate, view.step - 1) : '—')],
      ['effective lr = Δp / −g', fmt(view.effectiveLearningRate[0]), fmt(view.effectiveLearningRate[1])],
      ...Object.entries(view.state).map(([name, values]) => [`state ${name}`, ...(values.length === 2 ? values : [fmt(values[0]), values.length > 1 ? values.slice(1).map(fmt).join(', ') : ''])]),
    ];
    if (den) rows.push(['denominator moment', ...den.moment], ['ε against it', den.epsilon, den.epsilon], ['dominant term', ...den.dominant.map((d) => (d === 'ε' ? 'ε' : 'moment (√v…)'))]);
    out.replaceChildren(...present(
      h('p', { text: `${displayName(run.spec.name)} (${run.spec.convention} convention), step ${view.step}: f = ${fmt(view.value)}${isSchedule(rate) ? `; learning rate ${encodeSchedule(rate)}` : ''}` }),
      table(['', 'x', 'y'], rows, 'The step, the optimizer\'s named state after it, and its denominator'),
      h('p', { class: 'hint', text: den === null ? 'This rule has no denominator: its step is lr times the (momentum) gradient.' : `Denominator: ${den.formula}.` }),
    ));
  }
  store.subscribe(() => store.state.panel === 'inspect' && render());
  const el = h('div', { class: 'panel-grid two controls-first' },
    h('div', { class: 'controls' }, runField.row, stepField.row, h('div', { class: 'playback' }, button('Previous step', () => go(-1)), button('Next step', () => go(1))), canvas),
    h('div', { class: 'stage' }, out));
  el.addEventListener('lab:show', render);
  return el;
}

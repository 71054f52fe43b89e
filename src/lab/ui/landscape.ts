/**
 * The Landscapes panel: choose a function (or type one), optimizers and their options;
 * click the contour to start there; paths animate step by step (play, pause, step,
 * reset, speed) beside a chart of f by step; a path that diverges is marked ✕ where it
 * happened. The frame time of each draw is kept in `window.__labFrames` for the tests.
 */
import { FUNCTION_NAMES } from '../../landscape/functions.ts';
import { displayName } from '../catalog.ts';
import { LAB_FUNCTION_IDS, windowProblem } from '../functions.ts';
import { computeLandscape, functionKey, functionOf, type Landscape } from '../model.ts';
import { MAX_STEPS } from '../url-state.ts';
import { button, field, fmt, h, select } from './dom.ts';
import { colourOf, contourImage, drawChart, drawPaths, marker, stepAt, toPixel, toPoint, viewOf, type Series, type View } from './plot.ts';
import { runEditor } from './run-editor.ts';
import { rateText } from './schedule-editor.ts';
import type { Store } from './store.ts';

declare global {
  interface Window { __labFrames?: number[] }
}

const TITLES: Record<string, string> = { custom: 'Type a function…' };

export function seriesOf(landscape: Landscape): Series[] {
  return landscape.runs.flatMap((r, k) => (r.path === null ? [] : [{
    points: r.path.points, length: r.path.length, colour: colourOf(k), dashed: r.spec.convention === 'torch', divergence: r.path.divergence?.step ?? null,
  }]));
}

/** Draws a landscape's contour, markers and paths up to `frame` on `canvas`. */
export function drawLandscape(canvas: HTMLCanvasElement, landscape: Landscape, fnKey: string, frame: number, series = seriesOf(landscape)): View | null {
  const fn = landscape.fn;
  const ctx = canvas.getContext('2d')!;
  if (fn === null) { ctx.clearRect(0, 0, canvas.width, canvas.height); return null; }
  const view = viewOf(fn, 480);
  if (canvas.width !== view.width || canvas.height !== view.height) { canvas.width = view.width; canvas.height = view.height; }
  ctx.drawImage(contourImage(fn, view, fnKey), 0, 0);
  for (const [x, y] of fn.minima) marker(ctx, ...toPixel(view, x, y), 'minimum');
  marker(ctx, ...toPixel(view, landscape.start[0], landscape.start[1]), 'start');
  drawPaths(ctx, view, series, frame);
  return view;
}

export function landscapePanel(store: Store): HTMLElement {
  const s = store.state;
  const fnSelect = select(LAB_FUNCTION_IDS.map((id) => [id, (FUNCTION_NAMES as readonly string[]).includes(id) ? functionOf({ fn: id, expr: '', window: s.window }).fn!.title : TITLES[id]!] as const), s.fn, { 'data-control': 'function' });
  const fnField = field('Function', fnSelect);
  const expr = h('input', { type: 'text', value: s.expr, spellcheck: 'false', 'data-control': 'expression', size: 28 });
  const exprField = field('f(x, y) =', expr, '+ − * / ^, sin cos exp log sqrt abs tanh, pi, e');
  const win = h('input', { type: 'text', value: s.window.join(', '), spellcheck: 'false', 'data-control': 'window', size: 18 });
  const winField = field('Window', win, 'x from, x to, y from, y to');
  const steps = h('input', { type: 'number', min: 1, max: MAX_STEPS, value: s.steps, 'data-control': 'steps' });
  const stepsField = field('Steps', steps);
  const seed = h('input', { type: 'number', min: 0, value: s.seed, 'data-control': 'seed' });
  const seedField = field('Seed', seed, 'gradient noise');
  const startX = h('input', { type: 'text', inputmode: 'decimal', size: 7, 'data-control': 'start-x' });
  const startY = h('input', { type: 'text', inputmode: 'decimal', size: 7, 'data-control': 'start-y' });
  const startFieldX = field('Start x', startX);
  const startFieldY = field('y', startY);
  const canvas = h('canvas', { class: 'contour', tabindex: 0, role: 'img', 'aria-label': 'contour of f with the optimizers\' paths; click or press Enter to start there', 'data-control': 'contour' });
  const chart = h('canvas', { class: 'chart', width: 480, height: 200, tabindex: 0, role: 'img', 'aria-label': 'f by step; click to select a step', 'data-control': 'loss-chart' });
  const slider = h('input', { type: 'range', min: 0, max: s.steps, value: s.step, 'aria-label': 'step', 'data-control': 'step-slider' });
  const stepText = h('output', { 'data-control': 'step-text' });
  const legend = h('ul', { class: 'legend', 'aria-live': 'polite' });
  const speed = select([1, 2, 4, 8, 16, 32, 64].map((n) => [String(n), `${n} step${n > 1 ? 's' : ''}/frame`] as const), String(s.speed), { 'aria-label': 'speed', 'data-control': 'speed' });
  let playing = false;
  const play = button('Play', () => (playing ? pause() : start()), { 'data-control': 'play' });
  const setStep = (t: number, url = true) => store.update((st) => { st.step = Math.max(0, Math.min(st.steps, t)); }, { url });
  const controls = h('div', { class: 'playback' }, play,
    button('Step', () => { pause(); setStep(store.state.step + 1); }, { 'data-control': 'step', 'aria-label': 'one step forward' }),
    button('Back', () => { pause(); setStep(store.state.step - 1); }, { 'aria-label': 'one step back' }),
    button('Reset', () => { pause(); setStep(0); }, { 'data-control': 'reset' }), speed, slider, stepText);
  let landscape = computeLandscape(store.state);
  let view: View | null = null;
  const frames: number[] = (window.__labFrames = []);

  const fnKey = () => functionKey(store.state);
  function draw(): void {
    const t0 = performance.now();
    const st = store.state;
    view = drawLandscape(canvas, landscape, fnKey(), st.step);
    drawChart(chart, landscape.runs.flatMap((r, k) => (r.path ? [{ values: r.path.values, length: r.path.length, colour: colourOf(k), dashed: r.spec.convention === 'torch', divergence: r.path.divergence?.step ?? null }] : [])), st.step, st.steps, st.step, 'f');
    slider.max = String(st.steps);
    slider.value = String(st.step);
    stepText.textContent = `step ${st.step} of ${st.steps}`;
    frames.push(performance.now() - t0);
    if (frames.length > 5000) frames.splice(0, 1000);
  }
  function describe(): void {
    legend.replaceChildren(...landscape.runs.map((r, k) => {
      const p = r.path;
      const end = p === null ? (r.error ?? 'not run') : p.divergence ? `diverged at step ${p.divergence.step}: ${p.divergence.reason}` : `f = ${fmt(p.values[p.length])} at (${fmt(p.points[2 * p.length])}, ${fmt(p.points[2 * p.length + 1])}) after ${p.length} steps`;
      return h('li', { style: `--c: ${colourOf(k)}`, class: p?.divergence ? 'diverged' : '' }, h('span', { class: 'swatch', style: `background: ${colourOf(k)}` }), `${displayName(r.spec.name)} · ${r.spec.convention} (lr ${rateText(r.options['learningRate'])}): ${end}`);
    }));
    fnField.setError(null);
    exprField.setError(landscape.fnError);
    exprField.row.hidden = store.state.fn !== 'custom';
    winField.row.hidden = store.state.fn !== 'custom';
    const start = landscape.start;
    if (document.activeElement !== startX) startX.value = String(start[0]);
    if (document.activeElement !== startY) startY.value = String(start[1]);
  }
  let raf = 0;
  function tick(): void {
    const st = store.state;
    const last = Math.max(0, ...landscape.runs.map((r) => r.path?.length ?? 0));
    const end = Math.min(st.steps, last);
    if (st.step >= end) return pause();
    setStep(Math.min(end, st.step + st.speed), false);
    if (store.state.step >= end) pause();
    else raf = requestAnimationFrame(tick);
  }
  function start(): void {
    if (store.state.step >= store.state.steps) setStep(0, false);
    playing = true;
    play.textContent = 'Pause';
    raf = requestAnimationFrame(tick);
  }
  function pause(): void {
    cancelAnimationFrame(raf);
    if (playing) { playing = false; play.textContent = 'Play'; setStep(store.state.step); }
  }

  fnSelect.addEventListener('change', () => store.update((st) => { st.fn = fnSelect.value as typeof st.fn; st.start = null; }, { structural: true }));
  expr.addEventListener('input', () => store.update((st) => { st.expr = expr.value; }, { structural: true }));
  win.addEventListener('change', () => {
    const w = win.value.split(',').map((v) => (v.trim() === '' ? NaN : Number(v)));
    const problem = windowProblem(w);
    winField.setError(problem);
    if (problem === null) store.update((st) => { st.window = [w[0]!, w[1]!, w[2]!, w[3]!]; st.start = null; }, { structural: true });
  });
  steps.addEventListener('change', () => {
    const n = Number(steps.value);
    if (!Number.isInteger(n) || n < 1 || n > MAX_STEPS) return stepsField.setError(`steps must be an integer from 1 to ${MAX_STEPS}`);
    stepsField.setError(null);
    store.update((st) => { st.steps = n; st.step = n; });
  });
  seed.addEventListener('change', () => {
    const n = Number(seed.value);
    if (!Number.isInteger(n) || n < 0) return seedField.setError('the seed must be an integer >= 0');
    seedField.setError(null);
    store.update((st) => { st.seed = n; });
  });
  const setStart = (x: number, y: number) => store.update((st) => { st.start = [Number(x.toPrecision(6)), Number(y.toPrecision(6))]; st.step = 0; });
  for (const [input, f, axis] of [[startX, startFieldX, 0], [startY, startFieldY, 1]] as const) {
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (input.value.trim() === '' || !Number.isFinite(v)) return f.setError('a number, please');
      f.setError(null);
      const p = [...landscape.start] as [number, number];
      p[axis] = v;
      setStart(p[0], p[1]);
    });
  }
  canvas.addEventListener('click', (e) => {
    if (view === null) return;
    const rect = canvas.getBoundingClientRect();
    setStart(...toPoint(view, ((e.clientX - rect.left) / rect.width) * view.width, ((e.clientY - rect.top) / rect.height) * view.height));
  });
  canvas.addEventListener('keydown', (e) => {
    if (view === null) return;
    const d = [(view.domain.x[1] - view.domain.x[0]) / 50, (view.domain.y[1] - view.domain.y[0]) / 50];
    const moves: Record<string, [number, number]> = { ArrowLeft: [-d[0]!, 0], ArrowRight: [d[0]!, 0], ArrowUp: [0, d[1]!], ArrowDown: [0, -d[1]!] };
    const m = moves[e.key];
    if (m) { e.preventDefault(); setStart(landscape.start[0] + m[0], landscape.start[1] + m[1]); }
  });
  chart.addEventListener('click', (e) => { pause(); setStep(stepAt(chart, e.clientX, store.state.steps)); });
  chart.addEventListener('keydown', (e) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (d !== 0) { e.preventDefault(); pause(); setStep(store.state.step + d * (e.shiftKey ? 10 : 1)); }
  });
  slider.addEventListener('input', () => { pause(); setStep(Number(slider.value)); });
  speed.addEventListener('change', () => store.update((st) => { st.speed = Number(speed.value); }));

  store.subscribe(() => {
    const next = computeLandscape(store.state);
    if (next.runs.some((r, k) => r !== landscape.runs[k]) || next.fn !== landscape.fn || next.runs.length !== landscape.runs.length || next.start !== landscape.start) { landscape = next; describe(); }
    if (store.state.panel === 'landscape') draw();
  });
  describe();
  requestAnimationFrame(draw);
  return h('div', { class: 'panel-grid' },
    h('div', { class: 'controls' }, fnField.row, exprField.row, winField.row, h('div', { class: 'row' }, stepsField.row, seedField.row), h('div', { class: 'row' }, startFieldX.row, startFieldY.row), runEditor(store)),
    h('div', { class: 'stage' }, canvas, controls, legend),
    h('div', { class: 'side' }, h('h2', { text: 'f by step' }), chart, h('p', { class: 'hint', text: 'Click the chart (or use ← → on it) to select a step; the State tab shows that step.' })));
}

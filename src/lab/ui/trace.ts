/**
 * The Trace panel: paste or upload a `seedgrad trace` input, run it with runTrace (the
 * function behind the command), see the trajectory and states as tables and a plot, and
 * download the output: the command's stdout, byte for byte (its text and a newline).
 * A run input goes into the link, compressed (trace-link.ts), so the link reproduces it.
 */
import { OptimizerConfigError, TraceInputError, parseTraceInput, runTrace } from '../../optim/index.ts';
import { button, field, h, present, table } from './dom.ts';
import { colourOf, drawChart } from './plot.ts';
import type { Store } from './store.ts';
import { compressTrace, decompressTrace, MAX_TRACE_LINK } from '../trace-link.ts';

export const EXAMPLE_TRACE = `{
  "optimizer": "adam", "convention": "keras", "options": {"learningRate": 0.1},
  "params": [{"name": "w", "shape": [2], "data": [1, -2]}],
  "grads": [[[0.5, -1]], [[0.4, -0.8]], [[0.3, -0.5]], [[0.1, -0.2]], [[-0.1, 0.1]]]
}`;

const MAX_ROWS = 50;

export function tracePanel(store: Store): HTMLElement {
  const input = h('textarea', { rows: 12, spellcheck: 'false', 'data-control': 'trace-input' });
  input.value = EXAMPLE_TRACE;
  const inputField = field('Trace input (JSON)', input);
  const file = h('input', { type: 'file', accept: '.json,application/json', 'data-control': 'trace-file' });
  const fileField = field('or upload a file', file);
  const states = h('input', { type: 'checkbox', checked: true, 'data-control': 'trace-states' });
  const statesField = field('--states (also the named state after every step)', states);
  const out = h('div', { 'aria-live': 'polite', 'data-control': 'trace-output' });
  const chart = h('canvas', { class: 'chart', width: 480, height: 200, role: 'img', 'aria-label': 'each parameter value by step' });
  const download = h('a', { class: 'button', download: 'trace.json', 'data-control': 'trace-download', hidden: true, text: 'Download output JSON' });
  let url: string | null = null;
  const linkNote = h('span', { class: 'hint', 'data-control': 'trace-link-note', role: 'status' });
  inputField.row.insertBefore(linkNote, inputField.error);

  /** Puts the input in the link, compressed, unless it is over the limit (then says so beside the field). */
  async function remember(text: string): Promise<void> {
    const token = await compressTrace(text);
    if (input.value !== text) return; // changed meanwhile: its own run remembers it
    const fits = token.length <= MAX_TRACE_LINK;
    linkNote.textContent = fits ? '' : `This input is ${token.length.toLocaleString('en')} characters compressed, over the link's limit of ${MAX_TRACE_LINK.toLocaleString('en')}: the link leaves it out (share the file instead).`;
    store.update((s) => { s.trace = fits ? token : null; });
  }

  function run(inLink = true): void {
    out.replaceChildren();
    download.hidden = true;
    chart.hidden = true;
    let text: string;
    let parsed;
    try {
      parsed = parseTraceInput(input.value);
      text = runTrace(parsed, states.checked).text;
    } catch (error) {
      if (error instanceof TraceInputError || error instanceof OptimizerConfigError) return inputField.setError(error.message);
      return inputField.setError(`could not run the trace: ${error instanceof Error ? error.message : String(error)}`);
    }
    inputField.setError(null);
    if (inLink) void remember(input.value);
    const output = `${text}\n`;
    if (url !== null) URL.revokeObjectURL(url);
    url = URL.createObjectURL(new Blob([output], { type: 'application/json' }));
    download.href = url;
    download.hidden = false;
    const result = JSON.parse(text) as { trajectory: (number | null)[][][]; states?: Record<string, Record<string, (number | null)[]>>[] };
    const columns = parsed.params.flatMap((p) => Array.from({ length: p.data.length }, (_, i) => `${p.name}[${i}]`));
    const rows = result.trajectory.slice(0, MAX_ROWS).map((step, s) => [s + 1, ...step.flat().map((v) => (v === null ? 'null' : v))]);
    const stateRows = (result.states ?? []).slice(0, MAX_ROWS).flatMap((step, s) => Object.entries(step).flatMap(([param, arrays]) => Object.entries(arrays).map(([name, values]) => [s + 1, `${param}.${name}`, values.map((v) => (v === null ? 'null' : String(v))).join(', ')])));
    const more = result.trajectory.length > MAX_ROWS ? h('p', { class: 'hint', text: `First ${MAX_ROWS} of ${result.trajectory.length} steps shown; the download holds them all.` }) : null;
    out.replaceChildren(...present(
      h('p', { text: `${parsed.optimizer}, ${String(parsed.convention)} convention, ${parsed.grads.length} steps, ${output.length} bytes of output.` }),
      table(['step', ...columns], rows, 'Trajectory: the parameters after each step'), more,
      stateRows.length ? table(['step', 'state', 'values'], stateRows, 'States after each step') : null,
    ));
    const series = columns.map((_, c) => {
      const values = Float64Array.from([parsed!.params.flatMap((p) => Array.from(p.data))[c]!, ...result.trajectory.map((step) => step.flat()[c] ?? NaN)]);
      return { values, length: result.trajectory.length, colour: colourOf(c) };
    });
    chart.hidden = false;
    drawChart(chart, series.slice(0, 10), result.trajectory.length, result.trajectory.length, null, 'parameters');
  }

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    if (chosen.size > 50 * 2 ** 20) return fileField.setError('the file is over 50 MB; run `seedgrad trace` on it instead');
    fileField.setError(null);
    input.value = await chosen.text();
    run();
  });
  const el = h('div', { class: 'panel-grid two controls-first' },
    h('div', { class: 'controls' }, inputField.row, fileField.row, statesField.row, h('div', { class: 'playback' }, button('Run trace', () => run(), { 'data-control': 'trace-run' }), download)),
    h('div', { class: 'stage' }, chart, out));
  chart.hidden = true;
  // The link's input (or else the example) runs when the panel is first shown, so it never opens empty.
  let shown = false;
  el.addEventListener('lab:show', () => {
    if (shown) return;
    shown = true;
    const token = store.state.trace;
    if (token === null) return run(false);
    decompressTrace(token).then((text) => {
      input.value = text;
      run(false);
    }, (error: Error) => inputField.setError(`the link's trace input could not be read: ${error.message}`));
  });
  return el;
}

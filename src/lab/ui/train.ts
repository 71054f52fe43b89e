/**
 * The Train panel: NeuMF on the synthetic dataset in a Web Worker (train-worker.ts), so
 * the page stays responsive; choose the optimizer, convention, learning rate, epochs and
 * seed and the flags of train-flags.ts (batch size, embedding, dropout, negatives, dtype), and watch loss, HR@10 and NDCG@10 per epoch. The numbers are runTraining's on the
 * js backend: those of `seedgrad train --data synthetic` with the same flags.
 */
import { displayName, LAB_CONVENTIONS, allVariants, checkOptions, type Convention, type OptimizerName } from '../catalog.ts';
import { button, field, h, select, table } from './dom.ts';
import { drawChart } from './plot.ts';
import type { Store } from './store.ts';
import type { WorkerMessage } from '../train-worker.ts';
import { resolveTrainConfig } from '../../experiment/run/config.ts';
import { DTYPES, flagDefault, flagOf, flagsText, flagValue, TRAIN_FLAGS, type TrainFlags } from '../train-flags.ts';

declare global {
  interface Window { __labTrain?: Record<string, unknown>[] }
}

export function trainPanel(store: Store, workerUrl: string): HTMLElement {
  const t = store.state.train;
  const names = [...new Set(allVariants().map((v) => v.name))];
  const name = select(names.map((n) => [n, displayName(n)] as const), t.name, { 'data-control': 'train-optimizer' });
  const convention = select(LAB_CONVENTIONS.map((c) => [c, c] as const), t.convention, { 'data-control': 'train-convention' });
  const lr = h('input', { type: 'text', inputmode: 'decimal', value: String(t.options['learningRate'] ?? ''), 'data-control': 'train-lr', size: 8 });
  const epochs = h('input', { type: 'number', min: 1, max: 50, value: t.epochs, 'data-control': 'train-epochs' });
  const seed = h('input', { type: 'number', min: 0, value: t.seed, 'data-control': 'train-seed' });
  const flagInputs = new Map(TRAIN_FLAGS.map((f) => {
    const given = t.flags[f.key] === undefined ? '' : String(t.flags[f.key]);
    const input = f.key === 'dtype'
      ? select([['', `default (${flagDefault(f.key)})`], ...DTYPES.map((d) => [d, d] as const)], given, { 'data-control': `train-${f.key}` })
      : h('input', { type: 'text', inputmode: 'decimal', size: 8, value: given, placeholder: String(flagDefault(f.key)), 'data-control': `train-${f.key}` });
    return [f.key, { input, field: field(f.label, input, f.flag) }] as const;
  }));
  const fields = { name: field('Optimizer', name), convention: field('Convention', convention), lr: field('Learning rate', lr, 'empty: the convention\'s default'), epochs: field('Epochs', epochs), seed: field('Seed', seed), ...Object.fromEntries([...flagInputs].map(([k, v]) => [k, v.field])) };
  const status = h('p', { 'aria-live': 'polite', 'data-control': 'train-status', text: 'Synthetic data: 1,000 users × 2,000 items, 50,000 interactions (the CLI\'s default).' });
  const out = h('div', { 'data-control': 'train-output' });
  const chart = h('canvas', { class: 'chart', width: 480, height: 200, role: 'img', 'aria-label': 'loss, HR@10 and NDCG@10 by epoch' });
  const flags = h('code', { 'data-control': 'train-flags' });
  let worker: Worker | null = null;
  const history: { epoch: number; loss: number; hitRate: number; ndcg: number }[] = [];

  function read(): { config: Record<string, unknown>; error: string | null } {
    const text = lr.value.trim();
    const options: Record<string, number> = {};
    for (const f of Object.values(fields)) f.setError(null);
    if (text !== '') {
      const v = Number(text);
      if (!Number.isFinite(v)) { fields.lr.setError('a number, please'); return { config: {}, error: 'lr' }; }
      options['learningRate'] = v;
    }
    const problem = checkOptions(name.value as OptimizerName, convention.value as Convention, options);
    if (problem !== null) { (problem.includes('learningRate') ? fields.lr : fields.convention).setError(problem); return { config: {}, error: problem }; }
    const e = Number(epochs.value), s = Number(seed.value);
    if (!Number.isInteger(e) || e < 1 || e > 50) { fields.epochs.setError('epochs: an integer from 1 to 50'); return { config: {}, error: 'epochs' }; }
    if (!Number.isInteger(s) || s < 0) { fields.seed.setError('seed: an integer >= 0'); return { config: {}, error: 'seed' }; }
    const trainFlags: TrainFlags = {};
    for (const [key, { input }] of flagInputs) if (input.value.trim() !== '') trainFlags[key] = flagValue(key, input.value);
    const config = { optimizer: name.value, convention: convention.value, optimizerOptions: options, epochs: e, seed: s, ...trainFlags };
    try {
      resolveTrainConfig({ ...config, data: 'synthetic' }, '', (key) => TRAIN_FLAGS.find((f) => f.key === key)?.flag ?? key);
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      const key = flagOf(message);
      (key === undefined ? fields.convention : flagInputs.get(key)!.field).setError(message);
      return { config: {}, error: message };
    }
    store.update((st) => { st.train = { name: name.value as OptimizerName, convention: convention.value as Convention, options, epochs: e, seed: s, flags: trainFlags }; });
    flags.textContent = `seedgrad train --data synthetic --optimizer ${name.value} --convention ${convention.value}${text !== '' ? ` --lr ${text}` : ''} --epochs ${e} --seed ${s}${flagsText(trainFlags)}`;
    return { config, error: null };
  }

  function render(): void {
    out.replaceChildren(table(['epoch', 'loss', 'HR@10', 'NDCG@10'], history.map((r) => [r.epoch, r.loss, r.hitRate, r.ndcg]), 'Per epoch'));
    const n = Number(epochs.value) || 1;
    drawChart(chart, [
      { values: [NaN, ...history.map((r) => r.loss)], length: history.length, colour: '#d62728' },
      { values: [NaN, ...history.map((r) => r.hitRate)], length: history.length, colour: '#1f77b4' },
      { values: [NaN, ...history.map((r) => r.ndcg)], length: history.length, colour: '#2ca02c', dashed: true },
    ], history.length, n, null, 'loss (red), HR@10 (blue), NDCG@10 (green)');
  }

  function stop(message: string): void {
    worker?.terminate();
    worker = null;
    startButton.disabled = false;
    stopButton.disabled = true;
    status.textContent = message;
  }

  const startButton = button('Train', () => {
    const { config, error } = read();
    if (error !== null) return;
    history.length = 0;
    window.__labTrain = [];
    render();
    worker?.terminate();
    worker = new Worker(workerUrl, { type: 'module' });
    startButton.disabled = true;
    stopButton.disabled = false;
    status.textContent = 'Generating the synthetic data…';
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const m = event.data;
      if (m.kind === 'progress') status.textContent = `epoch ${m.epoch}: step ${m.step} of ${m.steps}, loss ${m.loss.toFixed(4)}`;
      else if (m.kind === 'epoch') { history.push(m.record); (window.__labTrain ??= []).push(m.full); render(); }
      else if (m.kind === 'done') stop(`Done: ${history.length} epochs; popularity baseline HR@10 ${m.baseline.hitRate.toFixed(4)}, NDCG@10 ${m.baseline.ndcg.toFixed(4)}.`);
      else stop(`Stopped: ${m.message}`);
    };
    worker.onerror = (e) => { e.preventDefault(); stop(`The worker failed: ${e.message}`); };
    worker.postMessage(config);
  }, { 'data-control': 'train-start' });
  const stopButton = button('Stop', () => stop('Stopped.'), { 'data-control': 'train-stop' });
  stopButton.disabled = true;
  for (const input of [name, convention, lr, epochs, seed, ...[...flagInputs.values()].map((f) => f.input)]) input.addEventListener('change', () => read());
  read();
  render();
  return h('div', { class: 'panel-grid two controls-first' },
    h('div', { class: 'controls' }, ...Object.values(fields).map((f) => f.row), h('div', { class: 'playback' }, startButton, stopButton), h('p', { class: 'hint' }, 'The same run in a terminal: ', flags), status),
    h('div', { class: 'stage' }, chart, out));
}

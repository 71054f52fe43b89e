/**
 * The whole setup of the lab in its URL's query, so a link redraws the same picture:
 * the panel, the function (and a typed expression with its window), every optimizer with its convention
 * and the options changed from its defaults, the start, steps, seed, the selected step,
 * the convention diff's and the training's settings. Decoding never throws: what cannot
 * be read is left at its default and named in `problems`.
 */
import { isConvention, isOptimizerName, optionSpecs, type Convention, type OptimizerName } from './catalog.ts';
import type { LearningRateSchedule } from '../optim/schedules.ts';
import { MAX_TRACE_LINK } from './trace-link.ts';
import { flagValue, TRAIN_FLAGS, type TrainFlags } from './train-flags.ts';
import { decodeSchedule, encodeSchedule, isSchedule } from './schedule-text.ts';
import { CUSTOM_WINDOW, DEFAULT_EXPRESSION, isLabFunctionId, windowProblem, type LabFunctionId, type Window } from './functions.ts';

export const PANELS = ['landscape', 'inspect', 'diff', 'trace', 'train'] as const;
export type Panel = (typeof PANELS)[number];

/** An option's value: a number, a switch, a named choice (L-BFGS's lineSearchFn), a learning-rate schedule, or null (off). */
export type Options = Record<string, number | boolean | string | LearningRateSchedule | null>;

export interface RunSpec {
  readonly name: OptimizerName;
  readonly convention: Convention;
  /** Only the options set by the user; the rest take the convention's defaults (or the function's learning rate). */
  readonly options: Options;
}

export interface LabState {
  panel: Panel;
  fn: LabFunctionId;
  expr: string;
  /** The typed function's window. */
  window: Window;
  runs: RunSpec[];
  start: [number, number] | null;
  steps: number;
  seed: number;
  /** The step shown (animation frame and inspected step). */
  step: number;
  speed: number;
  /** The run the inspector shows. */
  selected: number;
  diff: { name: OptimizerName; options: Options };
  train: { name: OptimizerName; convention: Convention; options: Options; epochs: number; seed: number; flags: TrainFlags };
  /** The Trace panel's input, compressed (trace-link.ts), or null: the example. */
  trace: string | null;
}

export function defaultState(): LabState {
  return {
    panel: 'landscape', fn: 'rosenbrock', expr: DEFAULT_EXPRESSION, window: CUSTOM_WINDOW,
    runs: [{ name: 'sgd', convention: 'keras', options: {} }, { name: 'adam', convention: 'keras', options: {} }, { name: 'rmsprop', convention: 'torch', options: {} }],
    start: null, steps: 500, seed: 0, step: 500, speed: 4, selected: 0,
    diff: { name: 'adam', options: { learningRate: 0.1 } },
    train: { name: 'adam', convention: 'keras', options: { learningRate: 0.001 }, epochs: 3, seed: 0, flags: {} },
    trace: null,
  };
}

function encodeOptions(options: Options): string {
  return Object.entries(options).map(([k, v]) => `${k}=${v === null ? 'off' : isSchedule(v) ? encodeSchedule(v) : String(v)}`).join(',');
}

function decodeOptions(text: string, name: OptimizerName, convention: Convention | null, problems: string[]): Options {
  const out: Options = {};
  if (text === '') return out;
  const specs = new Map([...(optionSpecs(name, 'keras') ?? []), ...(optionSpecs(name, 'torch') ?? [])].map((s) => [s.key, s]));
  if (convention !== null) for (const key of [...specs.keys()]) if (!(optionSpecs(name, convention) ?? []).some((s) => s.key === key)) specs.delete(key);
  for (const part of text.split(',')) {
    const [key = '', raw = ''] = part.split('=');
    const spec = specs.get(key);
    if (spec === undefined) { problems.push(`${name}: option '${key}' ignored`); continue; }
    if (raw === 'off') out[key] = null;
    else if (key === 'learningRate' && raw.includes('(')) {
      const schedule = decodeSchedule(raw);
      if (typeof schedule === 'string') problems.push(`${name}: learningRate ${schedule}`);
      else out[key] = schedule;
    }
    else if (spec.kind === 'choice') spec.choices.includes(raw) ? (out[key] = raw) : problems.push(`${name}: ${key}=${raw} is not one of ${spec.choices.join(', ')}`);
    else if (raw === 'true' || raw === 'false') out[key] = raw === 'true';
    else if (raw.trim() !== '' && Number.isFinite(Number(raw))) out[key] = Number(raw);
    else problems.push(`${name}: ${key}=${raw} is not a number`);
  }
  return out;
}

const spec = (name: string, convention: string, options: Options) => `${name}.${convention}${Object.keys(options).length ? `:${encodeOptions(options)}` : ''}`;

export function encodeState(s: LabState): string {
  const q = new URLSearchParams();
  q.set('panel', s.panel);
  q.set('fn', s.fn);
  if (s.fn === 'custom') q.set('expr', s.expr);
  if (s.fn === 'custom' && s.window.some((v, k) => v !== CUSTOM_WINDOW[k])) q.set('win', s.window.join(','));
  for (const r of s.runs) q.append('o', spec(r.name, r.convention, r.options));
  if (s.start !== null) q.set('start', `${s.start[0]},${s.start[1]}`);
  q.set('steps', String(s.steps));
  q.set('seed', String(s.seed));
  q.set('step', String(s.step));
  q.set('speed', String(s.speed));
  q.set('sel', String(s.selected));
  q.set('diff', `${s.diff.name}${Object.keys(s.diff.options).length ? `:${encodeOptions(s.diff.options)}` : ''}`);
  q.set('train', spec(s.train.name, s.train.convention, s.train.options));
  q.set('epochs', String(s.train.epochs));
  q.set('tseed', String(s.train.seed));
  for (const f of TRAIN_FLAGS) if (s.train.flags[f.key] !== undefined) q.set(f.url, String(s.train.flags[f.key]));
  if (s.trace !== null) q.set('trace', s.trace);
  return q.toString();
}

function integer(q: URLSearchParams, key: string, min: number, max: number, fallback: number, problems: string[]): number {
  const raw = q.get(key);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  problems.push(`${key}=${raw} is not an integer in [${min}, ${max}]`);
  return fallback;
}

function parseRun(text: string, problems: string[]): RunSpec | null {
  const [head = '', rest = ''] = text.split(/:(.*)/s);
  const [name = '', convention = ''] = head.split('.');
  if (!isOptimizerName(name) || !isConvention(convention) || optionSpecs(name, convention) === null) {
    problems.push(`optimizer '${head}' ignored`);
    return null;
  }
  return { name, convention, options: decodeOptions(rest, name, convention, problems) };
}

export const MAX_STEPS = 5000;

export function decodeState(query: string): { state: LabState; problems: string[] } {
  const q = new URLSearchParams(query);
  const s = defaultState();
  const problems: string[] = [];
  const panel = q.get('panel');
  if (panel !== null) (PANELS as readonly string[]).includes(panel) ? (s.panel = panel as Panel) : problems.push(`panel '${panel}' ignored`);
  const fn = q.get('fn');
  if (fn !== null) isLabFunctionId(fn) ? (s.fn = fn) : problems.push(`function '${fn}' ignored`);
  s.expr = q.get('expr') ?? s.expr;
  const win = q.get('win');
  if (win !== null) {
    const w = win.split(',').map((v) => (v.trim() === '' ? NaN : Number(v)));
    const problem = windowProblem(w);
    if (problem === null) s.window = [w[0]!, w[1]!, w[2]!, w[3]!];
    else problems.push(`window '${win}' ignored: ${problem}`);
  }
  const runs = q.getAll('o');
  if (runs.length > 0) s.runs = runs.map((r) => parseRun(r, problems)).filter((r): r is RunSpec => r !== null);
  const start = q.get('start');
  if (start !== null) {
    const xy = start.split(',').map(Number);
    if (xy.length === 2 && xy.every(Number.isFinite)) s.start = [xy[0]!, xy[1]!];
    else problems.push(`start '${start}' ignored`);
  }
  s.steps = integer(q, 'steps', 1, MAX_STEPS, s.steps, problems);
  s.seed = integer(q, 'seed', 0, 2 ** 31, s.seed, problems);
  s.step = integer(q, 'step', 0, MAX_STEPS, s.steps, problems);
  s.speed = integer(q, 'speed', 1, 100, s.speed, problems);
  s.selected = integer(q, 'sel', 0, 100, 0, problems);
  const diff = q.get('diff');
  if (diff !== null) {
    const [name = '', rest = ''] = diff.split(/:(.*)/s);
    if (isOptimizerName(name) && optionSpecs(name, 'keras') !== null && optionSpecs(name, 'torch') !== null) s.diff = { name, options: decodeOptions(rest, name, null, problems) };
    else problems.push(`diff optimizer '${name}' ignored (it must exist in both conventions)`);
  }
  const train = q.get('train');
  if (train !== null) {
    const run = parseRun(train, problems);
    if (run !== null && isSchedule(run.options['learningRate'])) {
      // `seedgrad train --lr` takes a number: the panel's command line could not say it.
      problems.push('train: a learning-rate schedule is not a flag of seedgrad train; its default rate is used');
      delete run.options['learningRate'];
    }
    if (run !== null) s.train = { ...s.train, name: run.name, convention: run.convention, options: run.options };
  }
  s.train.epochs = integer(q, 'epochs', 1, 50, s.train.epochs, problems);
  s.train.seed = integer(q, 'tseed', 0, 2 ** 31, s.train.seed, problems);
  // The values as given: the Train panel checks them (resolveTrainConfig) and names a bad one beside its field.
  for (const f of TRAIN_FLAGS) {
    const raw = q.get(f.url);
    if (raw !== null) s.train.flags[f.key] = flagValue(f.key, raw);
  }
  const trace = q.get('trace');
  if (trace !== null) trace.length <= MAX_TRACE_LINK ? (s.trace = trace) : problems.push(`the trace input (${trace.length} characters) is over the link's limit of ${MAX_TRACE_LINK}`);
  return { state: s, problems };
}

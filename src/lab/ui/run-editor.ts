/**
 * The optimizers of the landscape: one card per optimizer × convention with every option
 * as a slider and a number input (a checkbox for switches, an empty box for "off"), the
 * engine's own message beside the option it refuses, and a menu to add another.
 */
import { allVariants, displayName, optionSpecs, checkOptions, type OptionSpec } from '../catalog.ts';
import { effectiveOptions, functionOf } from '../model.ts';
import type { RunSpec } from '../url-state.ts';
import { button, field, h, select } from './dom.ts';
import { colourOf } from './plot.ts';
import type { Store } from './store.ts';
import { learningRateEditor } from './schedule-editor.ts';

const SLIDER_STEPS = 1000;
/** The cards whose options are open, by index. */
const openCards = new Set<number>();

function toSlider(spec: OptionSpec, value: number): number {
  const f = spec.log ? (Math.log10(Math.max(value, spec.min)) - Math.log10(spec.min)) / (Math.log10(spec.max) - Math.log10(spec.min)) : (value - spec.min) / (spec.max - spec.min);
  return Math.round(Math.max(0, Math.min(1, f)) * SLIDER_STEPS);
}

function fromSlider(spec: OptionSpec, position: number): number {
  const f = position / SLIDER_STEPS;
  const v = spec.log ? 10 ** (Math.log10(spec.min) + f * (Math.log10(spec.max) - Math.log10(spec.min))) : spec.min + f * (spec.max - spec.min);
  return Number(v.toPrecision(3));
}

function optionRow(store: Store, k: number, spec: OptionSpec, onError: (key: string, setError: (m: string | null) => void) => void, scheduleFree = false): HTMLElement {
  const run = () => store.state.runs[k]!;
  const fn = functionOf(store.state).fn;
  const current = effectiveOptions(fn, run())[spec.key] ?? spec.default;
  const label = `${spec.key}`;
  if (spec.key === 'learningRate' && !scheduleFree) {
    return learningRateEditor(store, k, current, () => optionRow(store, k, spec, onError, true), onError);
  }
  const set = (value: number | boolean | string | null) => store.update((s) => { s.runs[k]!.options[spec.key] = value; });
  if (spec.kind === 'choice') {
    // '' stands for null (off: the rule's default, e.g. L-BFGS without a line search).
    const menu = select([...(spec.nullable ? [['', 'off'] as const] : []), ...spec.choices.map((c) => [c, c] as const)], typeof current === 'string' ? current : '', { 'data-option': spec.key });
    const f = field(label, menu);
    f.row.classList.add('option');
    menu.addEventListener('change', () => set(menu.value === '' ? null : menu.value));
    onError(spec.key, f.setError);
    return f.row;
  }
  if (spec.kind === 'boolean') {
    const box = h('input', { type: 'checkbox', checked: current === true, 'data-option': spec.key });
    const f = field(label, box);
    f.row.classList.add('option');
    box.addEventListener('change', () => set(box.checked));
    onError(spec.key, f.setError);
    return f.row;
  }
  const number = h('input', { type: 'text', inputmode: 'decimal', value: current === null ? '' : String(current), 'data-option': spec.key, placeholder: spec.nullable ? 'off' : '', size: 9 });
  const slider = h('input', { type: 'range', min: 0, max: SLIDER_STEPS, value: toSlider(spec, typeof current === 'number' ? current : spec.min), 'aria-label': `${label} slider` });
  const f = field(label, number);
  f.row.classList.add('option');
  f.row.insertBefore(slider, f.error);
  onError(spec.key, f.setError);
  slider.addEventListener('input', () => {
    const v = fromSlider(spec, Number(slider.value));
    number.value = String(v);
    f.setError(null);
    set(v);
  });
  number.addEventListener('change', () => {
    const text = number.value.trim();
    if (text === '' && spec.nullable) return set(null);
    const v = Number(text);
    if (text === '' || !Number.isFinite(v)) return f.setError(`${spec.key}: '${text}' is not a number`);
    f.setError(null);
    slider.value = String(toSlider(spec, v));
    set(v);
  });
  return f.row;
}

function card(store: Store, k: number, unsubscribers: (() => void)[]): HTMLElement {
  const spec = store.state.runs[k]!;
  const specs = optionSpecs(spec.name, spec.convention) ?? [];
  const setters = new Map<string, (m: string | null) => void>();
  const message = h('p', { class: 'error', role: 'alert' });
  const remove = button('Remove', () => store.update((s) => { s.runs.splice(k, 1); s.selected = 0; openCards.clear(); }, { structural: true }), { 'aria-label': `remove ${displayName(spec.name)} (${spec.convention})` });
  const body = h('div', { class: 'options' }, ...specs.map((o) => optionRow(store, k, o, (key, set) => setters.set(key, set))));
  const summary = h('summary', { text: 'options' });
  const details = h('details', {}, summary, body);
  // A card's options stay open across rebuilds (choosing a schedule rebuilds the card).
  // The click (mouse or keyboard) records the new state at once: the 'toggle' event comes
  // a task later, after a rebuild that an immediate change of an option may already cause.
  details.open = openCards.has(k);
  summary.addEventListener('click', () => (details.open ? openCards.delete(k) : openCards.add(k)));
  details.addEventListener('toggle', () => (details.open ? openCards.add(k) : openCards.delete(k)));
  const el = h('section', { class: 'run', 'data-run': k, style: `border-left-color: ${colourOf(k)}` },
    h('header', {}, h('span', { class: 'swatch', style: `background: ${colourOf(k)}` }), h('strong', { text: `${displayName(spec.name)} · ${spec.convention}${spec.convention === 'torch' ? ' (dashed)' : ''}` }), remove),
    details, message);
  const check = () => {
    const run = store.state.runs[k];
    if (run === undefined) return;
    const error = checkOptions(run.name, run.convention, effectiveOptions(functionOf(store.state).fn, run));
    const key = error === null ? undefined : [...setters.keys()].find((o) => error.includes(`: ${o} `));
    for (const set of setters.values()) set(null);
    if (key !== undefined) { setters.get(key)!(error); details.open = true; message.textContent = ''; }
    else message.textContent = error ?? '';
  };
  check();
  unsubscribers.push(store.subscribe(check));
  return el;
}

export function runEditor(store: Store): HTMLElement {
  const el = h('div', { class: 'runs' });
  const variants = allVariants();
  const add = select(variants.map((v) => [`${v.name}.${v.convention}`, `${displayName(v.name)} · ${v.convention}`] as const), 'adam.torch', { 'aria-label': 'optimizer to add' });
  const addButton = button('Add optimizer', () => {
    const [name, convention] = add.value.split('.') as [RunSpec['name'], RunSpec['convention']];
    store.update((s) => { s.runs.push({ name, convention, options: {} }); }, { structural: true });
  });
  const unsubscribers: (() => void)[] = [];
  const build = () => {
    // The old cards stop listening before the new ones are made.
    for (const stop of unsubscribers.splice(0)) stop();
    el.replaceChildren(h('h2', { text: 'Optimizers' }), ...store.state.runs.map((_, k) => card(store, k, unsubscribers)), h('div', { class: 'add' }, add, addButton));
    addButton.disabled = store.state.runs.length >= 10;
  };
  build();
  store.subscribe((structural) => structural && build());
  return el;
}

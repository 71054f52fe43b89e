/**
 * The Convention diff's options: every option the rule has in either convention, each set
 * once. An option both conventions have applies to both sides; one only Keras's or only
 * torch's has is labelled so and applies to that side. Left empty (or "default"), each
 * side takes its own convention's default (shown in the hint), the learning rate the
 * function's rate. The engine's refusal is shown beside the option it names.
 */
import { optionSpecs, type OptimizerName, type OptionSpec } from '../catalog.ts';
import type { Options } from '../url-state.ts';
import { field, h, select } from './dom.ts';
import { decodeSchedule, encodeSchedule, isSchedule } from '../schedule-text.ts';

export type Side = 'both' | 'keras' | 'torch';

/** The options of `name` in Keras's order, then torch's own, each with the side it applies to. */
export function diffOptionSpecs(name: OptimizerName): { spec: OptionSpec; side: Side; defaults: string }[] {
  const keras = optionSpecs(name, 'keras') ?? [];
  const torch = optionSpecs(name, 'torch') ?? [];
  const shown = (v: unknown) => (v === null ? 'off' : String(v));
  return [
    ...keras.map((spec) => {
      const other = torch.find((o) => o.key === spec.key);
      if (other === undefined) return { spec, side: 'keras' as const, defaults: `default ${shown(spec.default)}` };
      return { spec, side: 'both' as const, defaults: spec.default === other.default ? `default ${shown(spec.default)}` : `keras ${shown(spec.default)} · torch ${shown(other.default)}` };
    }),
    ...torch.filter((spec) => !keras.some((o) => o.key === spec.key)).map((spec) => ({ spec, side: 'torch' as const, defaults: `default ${shown(spec.default)}` })),
  ];
}

/** The options the `convention` side runs with: those of both and its own. */
export function sideOptions(name: OptimizerName, convention: 'keras' | 'torch', options: Options): Options {
  const allowed = new Set((optionSpecs(name, convention) ?? []).map((o) => o.key));
  return Object.fromEntries(Object.entries(options).filter(([k]) => allowed.has(k)));
}

const SIDE_LABEL: Record<Side, string> = { both: 'both', keras: 'Keras only', torch: 'torch only' };

/** The option fields; `set` stores one (undefined: back to the defaults). Returns the fields and a setter for the engine's message beside each. */
export function diffOptionFields(name: OptimizerName, options: Options, set: (key: string, value: Options[string] | undefined) => void): { rows: HTMLElement[]; setErrors(message: string | null): string | null } {
  const errors = new Map<string, (m: string | null) => void>();
  const rows = diffOptionSpecs(name).map(({ spec, side, defaults }) => {
    const current = options[spec.key];
    const label = `${spec.key} (${SIDE_LABEL[side]})`;
    const hint = spec.key === 'learningRate' ? `empty: the function's rate (${defaults})` : `empty: ${defaults}`;
    const attrs = { 'data-option': spec.key, 'data-side': side, ...(spec.key === 'learningRate' ? { 'data-control': 'diff-lr' } : {}) };
    let control: HTMLInputElement | HTMLSelectElement;
    let f: ReturnType<typeof field>;
    if (spec.kind === 'number') {
      const input = h('input', { type: 'text', inputmode: 'decimal', size: 8, value: current === undefined ? '' : current === null ? 'off' : isSchedule(current) ? encodeSchedule(current) : String(current), ...attrs });
      f = field(label, input, hint);
      input.addEventListener('change', () => {
        const text = input.value.trim();
        if (text === '') return set(spec.key, undefined);
        if (text === 'off') return set(spec.key, null);
        if (spec.key === 'learningRate' && text.includes('(')) {
          // A schedule, spelt as in the link: exponentialDecay(initialLearningRate:0.1;decaySteps:100;decayRate:0.5).
          const schedule = decodeSchedule(text);
          return typeof schedule === 'string' ? f.setError(`learningRate: ${schedule}`) : set(spec.key, schedule);
        }
        const v = Number(text);
        if (!Number.isFinite(v)) return f.setError(`${spec.key}: '${text}' is not a number`);
        set(spec.key, v);
      });
      control = input;
    } else {
      const values = spec.kind === 'boolean' ? ['true', 'false'] : ['off', ...spec.choices];
      control = select([['', 'default'], ...values.map((v) => [v, v] as const)], current === undefined ? '' : current === null ? 'off' : String(current), attrs);
      f = field(label, control, `default: ${defaults.replace(/^default /, '')}`);
      const menu = control;
      menu.addEventListener('change', () => {
        const v = menu.value;
        set(spec.key, v === '' ? undefined : v === 'off' ? null : spec.kind === 'boolean' ? v === 'true' : v);
      });
    }
    errors.set(spec.key, f.setError);
    return f.row;
  });
  return {
    rows,
    setErrors(message) {
      for (const setError of errors.values()) setError(null);
      const key = message === null ? undefined : [...errors.keys()].find((k) => message.includes(`: ${k} `));
      if (key !== undefined) errors.get(key)!(message);
      return key === undefined ? message : null;
    },
  };
}

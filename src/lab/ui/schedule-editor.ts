/**
 * The learning rate in a run's card: a number (with its slider), or a schedule of
 * src/optim/schedules.ts chosen from a menu, each of its fields a box with what it allows
 * beside it. A new schedule starts from the current rate; the engine checks the fields and
 * its message shows beside the field it names (`learningRate.decaySteps`).
 */
import { defaultSchedule, fieldValue, isSchedule, SCHEDULE_NAMES, scheduleFields, scheduleLabel, type ScheduleName } from '../schedule-text.ts';
import { field, fmt, h, select } from './dom.ts';
import type { Store } from './store.ts';

const shown = (v: unknown): string => (v === undefined ? '' : v === null ? 'off' : Array.isArray(v) ? v.join('/') : String(v));

export function learningRateEditor(store: Store, k: number, current: unknown, numberRow: () => HTMLElement, onError: (key: string, setError: (m: string | null) => void) => void): HTMLElement {
  const menu = select([['', 'a number'], ...SCHEDULE_NAMES.map((n) => [n, n] as const)], isSchedule(current) ? current.schedule : '', { 'data-control': 'lr-schedule' });
  const kind = field('lr schedule', menu);
  kind.row.classList.add('option');
  menu.addEventListener('change', () => store.update((s) => {
    const rate = typeof current === 'number' ? current : isSchedule(current) ? Number((current as unknown as Record<string, unknown>)['initialLearningRate'] ?? 0.01) : 0.01;
    s.runs[k]!.options['learningRate'] = menu.value === '' ? rate : defaultSchedule(menu.value as ScheduleName, rate, s.steps);
  }, { structural: true }));
  if (!isSchedule(current)) return h('div', { class: 'schedule' }, kind.row, numberRow());
  const name = current.schedule;
  const values = current as unknown as Record<string, unknown>;
  const rows = scheduleFields(name).map(({ key, allowed, required }) => {
    const input = h('input', { type: 'text', size: 10, value: shown(values[key]), placeholder: required ? '' : 'default', 'data-schedule-field': key });
    const f = field(key, input, allowed);
    f.row.classList.add('option');
    onError(`learningRate.${key}`, f.setError);
    input.addEventListener('change', () => {
      const text = input.value.trim();
      const value = text === '' && !required ? undefined : fieldValue(name, key, text);
      if ((typeof value === 'number' && Number.isNaN(value)) || (Array.isArray(value) && value.some(Number.isNaN))) return f.setError(`learningRate.${key}: '${text}' is not ${allowed}`);
      store.update((s) => {
        const next: Record<string, unknown> = { ...(s.runs[k]!.options['learningRate'] as object) };
        if (value === undefined) delete next[key];
        else next[key] = value;
        s.runs[k]!.options['learningRate'] = next as never;
      });
    });
    return f.row;
  });
  return h('div', { class: 'schedule' }, kind.row, ...rows);
}

/** A learning rate as the legend shows it: the number, or the schedule's name and start. */
export function rateText(rate: unknown): string {
  return isSchedule(rate) ? scheduleLabel(rate) : fmt(rate as number | undefined);
}

/**
 * A learning-rate schedule (src/optim/schedules.ts) as the Lab's URL spells it and its
 * panels show it: `name(field:value;field:value)`, lists with '/', null as 'off', e.g.
 * `exponentialDecay(initialLearningRate:0.1;decaySteps:100;decayRate:0.5)` — no ',' or
 * '=' (the option list's separators). Decoding gives the object or a one-line reason;
 * the engine (parseLearningRate) checks the values.
 */
import { SCHEDULE_NAMES, scheduleFields, type LearningRateSchedule } from '../optim/schedules.ts';

export type ScheduleName = (typeof SCHEDULE_NAMES)[number];
export { SCHEDULE_NAMES, scheduleFields };

export function isSchedule(value: unknown): value is LearningRateSchedule {
  return typeof value === 'object' && value !== null && 'schedule' in value;
}

const valueText = (v: unknown): string => (v === null ? 'off' : Array.isArray(v) ? v.join('/') : String(v));

export function encodeSchedule(schedule: LearningRateSchedule): string {
  const fields = Object.entries(schedule).filter(([k]) => k !== 'schedule').map(([k, v]) => `${k}:${valueText(v)}`);
  return `${schedule.schedule}(${fields.join(';')})`;
}

/** A field's value from its text: a list where the field takes one, true/false, off (null), else a number (NaN where it is none: the engine names it). */
export function fieldValue(kind: ScheduleName, key: string, text: string): unknown {
  const t = text.trim();
  const isList = scheduleFields(kind).find((f) => f.key === key)?.allowed.startsWith('a list') === true;
  const number = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  if (isList) return t === '' ? [] : t.split(/[/\s]+/).map(number);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'off' || t === 'null') return null;
  return number(t);
}

export function decodeSchedule(text: string): LearningRateSchedule | string {
  const match = /^(\w+)\((.*)\)$/s.exec(text);
  if (match === null) return `'${text}' is not a schedule (name(field:value;…))`;
  const kind = match[1]!;
  if (!(SCHEDULE_NAMES as readonly string[]).includes(kind)) return `'${kind}' is not a schedule (${SCHEDULE_NAMES.join(', ')})`;
  const schedule: Record<string, unknown> = { schedule: kind };
  for (const part of match[2]!.split(';').filter((p) => p !== '')) {
    const [key = '', raw = ''] = part.split(':');
    schedule[key] = fieldValue(kind as ScheduleName, key, raw);
  }
  return schedule as unknown as LearningRateSchedule;
}

/** A schedule as a legend shows it: 'cosineDecay from 0.1' or 'piecewiseConstant 0.1/0.01'. */
export function scheduleLabel(schedule: LearningRateSchedule): string {
  const s = schedule as unknown as Record<string, unknown>;
  const from = s['initialLearningRate'] ?? s['value'] ?? valueText(s['values']);
  return `${schedule.schedule} from ${String(from)}`;
}

/** A new schedule of `kind` that starts at `rate` and decays over `steps` (the editor's starting point). */
export function defaultSchedule(kind: ScheduleName, rate: number, steps: number): LearningRateSchedule {
  const decaySteps = Math.max(1, Math.round(steps / 4));
  switch (kind) {
    case 'constant': return { schedule: kind, value: rate };
    case 'exponentialDecay': return { schedule: kind, initialLearningRate: rate, decaySteps, decayRate: 0.5 };
    case 'inverseTimeDecay': return { schedule: kind, initialLearningRate: rate, decaySteps, decayRate: 1 };
    case 'piecewiseConstant': return { schedule: kind, boundaries: [decaySteps * 2], values: [rate, Number((rate / 10).toPrecision(3))] };
    case 'cosineDecay': return { schedule: kind, initialLearningRate: rate, decaySteps: steps };
  }
}

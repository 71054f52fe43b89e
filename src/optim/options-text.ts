/**
 * An optimizer's options as text, for headers, tables and legends: every option in
 * effect, or only those that differ from the convention's defaults.
 */
import { resolveOptimizerConfig } from './options.ts';

export type OptionEntry = readonly [key: string, value: string];

/** A value as a reader wants it: numbers and booleans plainly, a schedule as its JSON. */
function show(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** Every option set (not off) for `name` under `convention` with `options`, in the convention's order. */
export function optionsInEffect(name: string, convention: string, options: object = {}): OptionEntry[] {
  const resolved = resolveOptimizerConfig(name, convention, options).options;
  return Object.entries(resolved).flatMap(([key, value]) => (value === null ? [] : [[key, show(value)] as const]));
}

/** The options whose value in effect differs from the convention's default for `name`. */
export function optionsChanged(name: string, convention: string, options: object = {}): OptionEntry[] {
  const defaults = new Map(optionsInEffect(name, convention));
  return optionsInEffect(name, convention, options).filter(([key, value]) => defaults.get(key) !== value);
}

/** `key value, key value`. */
export function formatOptions(entries: readonly OptionEntry[]): string {
  return entries.map(([key, value]) => `${key} ${value}`).join(', ');
}

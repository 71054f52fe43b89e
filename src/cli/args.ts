/**
 * Flag parsing shared by the subcommands: node's util.parseArgs with messages that
 * name the flag and the allowed values, and typed readers for numbers and choices.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './command.ts';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

export function parseFlags(command: string, argv: readonly string[], flags: FlagSpec, maxPositionals = 0): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...flags, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // node's text for `--lr -1` spans three lines; one is enough.
    const ambiguous = /^Option '(-[^']*)' argument is ambiguous/.exec(message);
    if (ambiguous) throw new UsageError(`${ambiguous[1].replace(/^-\w, /, '')}: a value starting with '-' must be attached with '=', e.g. ${ambiguous[1].replace(/^-\w, /, '')}=-1`);
    throw new UsageError(`${message.replace(/\. To specify a positional argument.*$/s, '')} (see 'seedgrad ${command} --help')`);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument '${parsed.positionals[maxPositionals]}' (see 'seedgrad ${command} --help')`);
  }
  return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
}

/** An integer flag within [min, max], or `fallback` when absent. */
export function intFlag(args: ParsedArgs, flag: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = args.values[flag];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw new UsageError(`--${flag} must be ${range}, got '${String(raw)}'`);
  }
  return value;
}

/** A string flag that must be one of `choices`, or `fallback` when absent. */
export function choiceFlag<T extends string>(args: ParsedArgs, flag: string, choices: readonly T[], fallback: T): T {
  const raw = args.values[flag];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !(choices as readonly string[]).includes(raw)) {
    throw new UsageError(`--${flag} must be one of ${choices.join(', ')}; got '${String(raw)}'`);
  }
  return raw as T;
}

/** A number flag (any finite number; ranges are checked where the value is used), or undefined when absent. */
export function numberFlag(args: ParsedArgs, flag: string): number | undefined {
  const raw = args.values[flag];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${flag} must be a number, got '${String(raw)}'`);
  return value;
}

/**
 * Flag parsing shared by the subcommands: node's util.parseArgs, its errors rewritten as
 * one line in the house style (the flag, what is wrong, a nearby flag for a slip), and
 * typed readers for numbers and choices.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './command.ts';
import { nearest } from './suggest.ts';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

/** node's parseArgs error, as one line naming the flag; `see` is the help hint. */
function rewriteParseError(error: unknown, argv: readonly string[], flags: FlagSpec, see: string): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const flagOf = (text: string) => /'(?:-\w, )?(--?[\w-]+)/.exec(text)?.[1] ?? '?';
  if (/argument is ambiguous/.test(message)) {
    // `--lr -1`: node spans three lines; the fix is one, with the user's own value.
    const flag = flagOf(message);
    const value = argv[argv.indexOf(flag) + 1] ?? '-1';
    return new UsageError(`${flag}: a value starting with '-' must be attached with '=': ${flag}=${value}`);
  }
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = flagOf(message);
    const guess = flag.startsWith('--') ? nearest(flag.slice(2), [...Object.keys(flags), 'help']) : null;
    return new UsageError(`unknown flag ${flag}${guess !== null ? `; did you mean --${guess}?` : ''} ${see}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = flagOf(message);
    if (/argument missing/.test(message)) return new UsageError(`${flag} needs a value, e.g. ${flag} VALUE ${see}`);
    if (/does not take an argument/.test(message)) return new UsageError(`${flag} takes no value ${see}`);
  }
  return new UsageError(`${message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/s, '')} ${see}`);
}

export function parseFlags(command: string, argv: readonly string[], flags: FlagSpec, maxPositionals = 0): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...flags, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw rewriteParseError(error, argv, flags, `(see 'seedgrad ${command} --help')`);
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

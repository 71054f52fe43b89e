/**
 * The synthetic data as `--data` and a sweep config's `data` name it: `synthetic` for the
 * default set, or `synthetic:key=value,...` with keys users, items, interactions, rank and
 * seed (src/data/synthetic.ts), e.g. `synthetic:users=35000,items=20000,interactions=5e6`.
 * Numbers are decimal integers, with `_` between digit groups or an exponent allowed.
 */
import { DataError } from './errors.ts';
import { SYNTHETIC_DEFAULTS, SYNTHETIC_OPTION_NAMES, resolveSyntheticOptions, syntheticOptionRange, type SyntheticOptionName, type SyntheticOptions } from './synthetic.ts';

const PREFIX = 'synthetic:';
const INTEGER = /^(\d+(_\d+)*|\d+(\.\d+)?e\d+)$/i;

/** Whether `--data` names the generated data (rather than a file). */
export function isSyntheticSpec(spec: string): boolean {
  return spec === 'synthetic' || spec.startsWith(PREFIX);
}

/** The generator's options a synthetic spec names; a bad spec is a one-line DataError naming the key and its range. */
export function parseSyntheticSpec(spec: string): SyntheticOptions {
  if (spec === 'synthetic') return {};
  if (!spec.startsWith(PREFIX)) throw new DataError(`data '${spec}' is not synthetic data: give 'synthetic' or 'synthetic:key=value,...'`);
  const fail = (problem: string): never => {
    throw new DataError(`data '${spec}': ${problem}`);
  };
  const body = spec.slice(PREFIX.length);
  if (body === '') fail(`give key=value pairs after '${PREFIX}' (keys: ${SYNTHETIC_OPTION_NAMES.join(', ')})`);
  const options: Partial<Record<SyntheticOptionName, number>> = {};
  const unparsed: [SyntheticOptionName, string][] = [];
  for (const pair of body.split(',')) {
    const equals = pair.indexOf('=');
    if (equals < 0) fail(`'${pair}' is not key=value (keys: ${SYNTHETIC_OPTION_NAMES.join(', ')})`);
    const key = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    if (!(SYNTHETIC_OPTION_NAMES as readonly string[]).includes(key)) fail(`unknown synthetic option '${key}'; allowed: ${SYNTHETIC_OPTION_NAMES.join(', ')}`);
    const name = key as SyntheticOptionName;
    if (name in options || unparsed.some(([n]) => n === name)) fail(`synthetic option '${name}' is given twice`);
    const number = INTEGER.test(value) ? Number(value.replaceAll('_', '')) : NaN;
    if (Number.isSafeInteger(number)) options[name] = number;
    else unparsed.push([name, value]);
  }
  if (unparsed.length > 0) {
    const [name, value] = unparsed[0];
    const users = options.users ?? SYNTHETIC_DEFAULTS.users;
    const items = options.items ?? SYNTHETIC_DEFAULTS.items;
    const [min, max] = syntheticOptionRange(name, { users, items });
    fail(`synthetic option '${name}' must be an integer in [${min}, ${max}], got '${value}'`);
  }
  try {
    resolveSyntheticOptions(options);
  } catch (error) {
    if (error instanceof DataError) fail(error.message);
    throw error;
  }
  return options;
}

/** `--opt KEY=VALUE` flags: optimizer options by their camelCase names, values as JSON (true, 0.9) or strings. */
import { UsageError } from './command.ts';

export function parseOptimizerOptionFlags(pairs: readonly string[] | undefined): Record<string, number | boolean | null> {
  const options: Record<string, number | boolean | null> = {};
  for (const pair of pairs ?? []) {
    const match = /^([A-Za-z][A-Za-z0-9]*)=(.+)$/.exec(pair);
    if (match === null) throw new UsageError(`--opt must look like KEY=VALUE (e.g. amsgrad=true, momentum=0.9), got '${pair}'`);
    const [, key, text] = match;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new UsageError(`--opt ${key}: '${text}' is not a number, true, false or null`);
    }
    if (typeof value !== 'number' && typeof value !== 'boolean' && value !== null) throw new UsageError(`--opt ${key}: '${text}' is not a number, true, false or null`);
    options[key] = value;
  }
  return options;
}

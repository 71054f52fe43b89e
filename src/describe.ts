/** How error messages show values: a shape, and a value a caller passed where something else belonged (short, one line). */

/** A shape as every message writes it: `[2048, 32]` (the notation of the docs and of `seedgrad trace` inputs). */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export function describeArgument(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing (undefined)';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return value.constructor === Object ? `an object {${Object.keys(value).slice(0, 8).join(', ')}}` : `a ${value.constructor?.name ?? 'object'}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${String(value)}`;
}

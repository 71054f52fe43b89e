/** How error messages show a value a caller passed where something else belonged: short, one line. */
export function describeArgument(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing (undefined)';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return value.constructor === Object ? `an object {${Object.keys(value).slice(0, 8).join(', ')}}` : `a ${value.constructor?.name ?? 'object'}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${String(value)}`;
}

/**
 * What a step is given besides gradients, checked before any parameter moves: the rows
 * each gradient touched (SparseAdam) and a closure's result (torch's `step(closure)`).
 * Every error names the parameter or the closure's key at fault, in one line.
 */
import { OptimizerConfigError } from './types.ts';
import { formatShape } from '../describe.ts';
import type { Closure, ClosureResult, OptimizerParam, TouchedRowsMap } from './types.ts';

/** A map's or a record's entry for `name` (never an inherited property). */
export function entryOf<T>(map: ReadonlyMap<string, T> | Readonly<Record<string, T>>, name: string): unknown {
  if (map instanceof Map) return map.get(name);
  return Object.prototype.hasOwnProperty.call(map, name) ? (map as Readonly<Record<string, T>>)[name] : undefined;
}

/** The touched rows of `param`, checked (an Int32Array, sorted, unique, inside the first axis), or undefined where none were given. */
export function touchedRowsOf(rows: TouchedRowsMap | undefined, param: OptimizerParam): Int32Array | undefined {
  if (rows === undefined) return undefined;
  const given = entryOf(rows, param.name);
  if (given === undefined) return undefined;
  const where = `step: the touched rows of '${param.name}'`;
  if (!(given instanceof Int32Array)) throw new OptimizerConfigError(`${where} must be an Int32Array of row numbers`);
  if (param.shape.length === 0) throw new OptimizerConfigError(`${where}: a scalar parameter has no rows`);
  const count = param.shape[0]!;
  for (let i = 0; i < given.length; i++) {
    const row = given[i]!;
    if (row < 0 || row >= count) throw new OptimizerConfigError(`${where}: row ${row} is outside [0, ${count}) (shape ${formatShape(param.shape)})`);
    if (i > 0 && row <= given[i - 1]!) throw new OptimizerConfigError(`${where} must be sorted and unique; row ${row} follows ${given[i - 1]}`);
  }
  return given;
}

/** Calls a closure and checks that it returned `{ loss: number, grads }`. */
export function evaluateClosure(closure: Closure): ClosureResult {
  const result = closure() as Partial<ClosureResult> | null;
  if (result === null || typeof result !== 'object' || typeof result.loss !== 'number' || typeof result.grads !== 'object' || result.grads === null) {
    throw new OptimizerConfigError('step(closure): the closure must return { loss: number, grads: gradients by parameter name }');
  }
  return result as ClosureResult;
}

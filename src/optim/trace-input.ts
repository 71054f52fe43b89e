/**
 * The input of a trace (docs/optimizers.md §6): one optimizer, its convention and options,
 * the parameters' starting values and one gradient per parameter per step, as JSON. Read
 * by `seedgrad trace`, the API and the browser alike; every error names the key at fault.
 */
import type { Dtype, FloatArray, OptimizerParam } from './types.ts';
import { formatShape } from '../describe.ts';
import { UserError } from '../user-error.ts';

/** Malformed trace input: the message says which key and why, in one line. */
export class TraceInputError extends UserError {
  override readonly name = 'TraceInputError';
}

export interface TraceInput {
  readonly optimizer: string;
  readonly convention: unknown;
  readonly options: unknown;
  readonly dtype: Dtype;
  readonly params: readonly OptimizerParam[];
  readonly grads: readonly (readonly FloatArray[])[];
  /** Per step, per parameter: the rows its gradient touched (sorted, unique), or null for a dense gradient; absent: all dense. */
  readonly touchedRows?: readonly (readonly (Int32Array | null)[])[];
}

const TOP_LEVEL_KEYS = ['optimizer', 'convention', 'options', 'dtype', 'params', 'grads', 'touchedRows'];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function numbers(value: unknown, where: string, dtype: Dtype): FloatArray {
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'number')) throw new TraceInputError(`${where} must be a list of numbers`);
  return dtype === 'float32' ? Float32Array.from(value as number[]) : Float64Array.from(value as number[]);
}

function parseParam(value: unknown, k: number, dtype: Dtype): OptimizerParam {
  const where = `params[${k}]`;
  if (!isRecord(value)) throw new TraceInputError(`${where} must be an object {"name", "shape", "data"}`);
  const { name, shape } = value;
  if (typeof name !== 'string' || name === '') throw new TraceInputError(`${where}.name must be a non-empty string`);
  if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) throw new TraceInputError(`${where}.shape must be a list of integers >= 0`);
  const data = numbers(value['data'], `${where}.data`, dtype);
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  if (data.length !== size) throw new TraceInputError(`${where} ('${name}'): shape ${formatShape(shape)} holds ${size} values but data has ${data.length}`);
  return { name, shape: shape as number[], data };
}

function parseGrads(value: unknown, params: readonly OptimizerParam[], dtype: Dtype): FloatArray[][] {
  if (!Array.isArray(value)) throw new TraceInputError('"grads" must be a list with one entry per step');
  return value.map((step, s) => {
    if (!Array.isArray(step) || step.length !== params.length) {
      throw new TraceInputError(`grads[${s}] must be a list of ${params.length} gradients, one per parameter in params order`);
    }
    return step.map((g, k) => {
      const p = params[k]!;
      const grad = numbers(g, `grads[${s}][${k}]`, dtype);
      if (grad.length !== p.data.length) {
        throw new TraceInputError(`grads[${s}][${k}] (gradient of '${p.name}') has ${grad.length} values, but '${p.name}' has shape ${formatShape(p.shape)} (${p.data.length} values)`);
      }
      return grad;
    });
  });
}

/** "touchedRows": one entry per step of grads, each a list with a list of row numbers (or null) per parameter. */
function parseTouchedRows(value: unknown, params: readonly OptimizerParam[], steps: number): (Int32Array | null)[][] {
  if (!Array.isArray(value) || value.length !== steps) throw new TraceInputError(`"touchedRows" must be a list with one entry per step of "grads" (${steps})`);
  return value.map((step, s) => {
    if (!Array.isArray(step) || step.length !== params.length) throw new TraceInputError(`touchedRows[${s}] must be a list of ${params.length} row lists (or null), one per parameter in params order`);
    return step.map((rows, k) => {
      if (rows === null) return null;
      if (!Array.isArray(rows) || !rows.every((r) => Number.isSafeInteger(r))) throw new TraceInputError(`touchedRows[${s}][${k}] must be a list of row numbers or null`);
      return Int32Array.from(rows as number[]);
    });
  });
}

export function parseTraceInput(text: string): TraceInput {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new TraceInputError(`input is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(document)) throw new TraceInputError('input must be a JSON object with "optimizer", "params" and "grads"');
  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL_KEYS.includes(key)) throw new TraceInputError(`unknown key '${key}' in the input; expected ${TOP_LEVEL_KEYS.join(', ')}`);
  }
  const { optimizer, convention, options, dtype = 'float64' } = document;
  if (typeof optimizer !== 'string') throw new TraceInputError('"optimizer" must be a string such as "adam"');
  if (dtype !== 'float64' && dtype !== 'float32' && dtype !== null) throw new TraceInputError(`"dtype" must be "float64" or "float32", got ${JSON.stringify(dtype)}`);
  const realDtype: Dtype = dtype === 'float32' ? 'float32' : 'float64';
  if (!Array.isArray(document['params'])) throw new TraceInputError('"params" must be a list of {"name", "shape", "data"}');
  const params = document['params'].map((p, k) => parseParam(p, k, realDtype));
  const grads = parseGrads(document['grads'], params, realDtype);
  const rows = document['touchedRows'] ?? null;
  return { optimizer, convention: convention ?? 'keras', options: options ?? {}, dtype: realDtype, params, grads, ...(rows === null ? {} : { touchedRows: parseTouchedRows(rows, params, grads.length) }) };
}


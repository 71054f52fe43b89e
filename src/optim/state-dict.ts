/**
 * The optimizer's state as plain JSON-safe data: every state array as base64 of its
 * little-endian bytes (so float32 and float64 values, NaN payloads and −0 included, come
 * back to the bit), the step count, and the per-optimizer scalars (finite float64 numbers,
 * which JSON round-trips exactly). Loading checks everything before it writes anything.
 */
import { OptimizerConfigError, dtypeOf } from './types.ts';
import type { Convention, Dtype, FloatArray, OptimizerName, StateArrays } from './types.ts';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { formatShape } from '../describe.ts';

export const STATE_DICT_FORMAT = 'seedgrad-optimizer-state/1';

export interface SerializedArray {
  readonly dtype: Dtype;
  readonly shape: readonly number[];
  /** Base64 of the array's bytes, little-endian. */
  readonly data: string;
}

export interface OptimizerStateDict {
  readonly format: typeof STATE_DICT_FORMAT;
  readonly optimizer: OptimizerName;
  readonly convention: Convention;
  readonly stepCount: number;
  readonly scalars: Readonly<Record<string, number>>;
  /** parameter name → state name → array. */
  readonly state: Readonly<Record<string, Readonly<Record<string, SerializedArray>>>>;
}

/** What the optimizer holds, for encoding and for checking a dict against. */
export interface LiveState {
  readonly optimizer: OptimizerName;
  readonly convention: Convention;
  readonly stepCount: number;
  readonly scalars: Readonly<Record<string, number>>;
  readonly arrays: ReadonlyMap<string, StateArrays>;
  readonly shapes: ReadonlyMap<string, Readonly<Record<string, readonly number[]>>>;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function bytesOf(array: FloatArray): Uint8Array {
  if (!LITTLE_ENDIAN) throw new Error('seedgrad state dicts need a little-endian machine');
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

export function encodeArray(array: FloatArray, shape: readonly number[]): SerializedArray {
  return { dtype: dtypeOf(array), shape: [...shape], data: bytesToBase64(bytesOf(array)) };
}

export function encodeStateDict(live: LiveState): OptimizerStateDict {
  const state: Record<string, Record<string, SerializedArray>> = {};
  for (const [param, arrays] of live.arrays) {
    const shapes = live.shapes.get(param)!;
    state[param] = Object.fromEntries(Object.entries(arrays).map(([name, array]) => [name, encodeArray(array, shapes[name]!)]));
  }
  return { format: STATE_DICT_FORMAT, optimizer: live.optimizer, convention: live.convention, stepCount: live.stepCount, scalars: { ...live.scalars }, state };
}

function fail(message: string): never {
  throw new OptimizerConfigError(`loadStateDict: ${message}`);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function sameKeys(what: string, actual: readonly string[], expected: readonly string[]): void {
  const missing = expected.filter((k) => !actual.includes(k));
  const extra = actual.filter((k) => !expected.includes(k));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [missing.length > 0 ? `missing ${missing.join(', ')}` : '', extra.length > 0 ? `unexpected ${extra.join(', ')}` : ''];
    fail(`${what} differ: ${parts.filter((p) => p !== '').join('; ')} (expected ${expected.join(', ') || 'none'})`);
  }
}

/**
 * Checks `dict` against the live state and returns the decoded arrays and scalars without
 * touching the live state; the caller copies them in once everything has passed.
 */
export function decodeStateDict(dict: unknown, live: LiveState): { stepCount: number; scalars: Record<string, number>; arrays: Map<string, Record<string, Uint8Array>> } {
  if (!isRecord(dict)) fail('expected an object from stateDict()');
  if (dict['format'] !== STATE_DICT_FORMAT) fail(`format is ${JSON.stringify(dict['format'])}, expected '${STATE_DICT_FORMAT}'`);
  if (dict['optimizer'] !== live.optimizer) fail(`state is for optimizer ${JSON.stringify(dict['optimizer'])}, this optimizer is '${live.optimizer}'`);
  if (dict['convention'] !== live.convention) fail(`state is for the ${JSON.stringify(dict['convention'])} convention, this optimizer uses '${live.convention}'`);
  const stepCount = dict['stepCount'];
  if (typeof stepCount !== 'number' || !Number.isSafeInteger(stepCount) || stepCount < 0) fail(`stepCount must be an integer >= 0, got ${JSON.stringify(stepCount)}`);

  const scalars = dict['scalars'];
  if (!isRecord(scalars)) fail('scalars must be an object');
  sameKeys('scalar names', Object.keys(scalars), Object.keys(live.scalars));
  for (const [name, value] of Object.entries(scalars)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(`scalar ${name} must be a finite number, got ${JSON.stringify(value)}`);
  }

  const state = dict['state'];
  if (!isRecord(state)) fail('state must be an object keyed by parameter name');
  sameKeys('parameter names', Object.keys(state), [...live.arrays.keys()]);
  const arrays = new Map<string, Record<string, Uint8Array>>();
  for (const [param, liveArrays] of live.arrays) {
    const entries = state[param];
    if (!isRecord(entries)) fail(`state of parameter '${param}' must be an object keyed by state name`);
    sameKeys(`state names of parameter '${param}'`, Object.keys(entries), Object.keys(liveArrays));
    const decoded: Record<string, Uint8Array> = {};
    for (const [name, target] of Object.entries(liveArrays)) {
      const entry = entries[name];
      const where = `'${param}'.${name}`;
      if (!isRecord(entry)) fail(`${where} must be {dtype, shape, data}`);
      const expectedShape = live.shapes.get(param)![name]!;
      if (entry['dtype'] !== dtypeOf(target)) fail(`${where} has dtype ${JSON.stringify(entry['dtype'])}, the optimizer holds ${dtypeOf(target)}`);
      const shape = entry['shape'];
      if (!Array.isArray(shape) || shape.length !== expectedShape.length || shape.some((n, k) => n !== expectedShape[k])) {
        fail(`${where} has shape ${Array.isArray(shape) ? formatShape(shape as number[]) : JSON.stringify(shape)}, the optimizer holds ${formatShape(expectedShape)}`);
      }
      if (typeof entry['data'] !== 'string') fail(`${where}.data must be a base64 string`);
      const bytes = base64ToBytes(entry['data']);
      if (bytes === null) fail(`${where}.data is not valid base64`);
      if (bytes.length !== target.byteLength) fail(`${where} has ${bytes.length} bytes of data, expected ${target.byteLength}`);
      decoded[name] = bytes;
    }
    arrays.set(param, decoded);
  }
  return { stepCount, scalars: { ...(scalars as Record<string, number>) }, arrays };
}

/** Copies decoded little-endian bytes into a live array, bit for bit. */
export function copyBytesInto(target: FloatArray, bytes: Uint8Array): void {
  bytesOf(target).set(bytes);
}

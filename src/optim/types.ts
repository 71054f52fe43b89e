/**
 * The vocabulary shared by the optimizer files: typed arrays, parameters, gradients,
 * the convention names, and the error that bad configuration raises.
 */
import type { FloatArray } from '../floats.ts';
import { UserError } from '../user-error.ts';

export { dtypeOf, type Dtype, type FloatArray } from '../floats.ts';

/**
 * A parameter the optimizer updates in place. A seedgrad `Tensor` with a name satisfies
 * it structurally; so does any `{ name, shape, data }` literal.
 */
export interface OptimizerParam {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: FloatArray;
}

/**
 * Gradients for one step, keyed by parameter name (never by position). A gradient must
 * hold exactly as many values as its parameter; it may be either dtype. The optimizer
 * never writes into it. Entries for names the optimizer does not manage are ignored
 * (a frozen parameter), as torch ignores parameters outside its groups.
 */
export type GradientMap = ReadonlyMap<string, FloatArray> | Readonly<Record<string, FloatArray>>;

/**
 * The rows (first-axis indices, sorted, unique) each gradient touched, by parameter name:
 * an embedding lookup's rows, which autograd's `touchedRows(grad)` gives. SparseAdam
 * updates only these rows; the other rules ignore them.
 */
export type TouchedRowsMap = ReadonlyMap<string, Int32Array> | Readonly<Record<string, Int32Array>>;

/** What a closure returns: the loss and the gradients at the parameters' current values, and the rows they touched where known. */
export interface ClosureResult {
  readonly loss: number;
  readonly grads: GradientMap;
  readonly touchedRows?: TouchedRowsMap;
}

/**
 * torch's `closure`: evaluates the loss and the gradients at the parameters' current
 * values. The optimizer may call it several times in one step (L-BFGS), and keeps nothing
 * of what it returns past the call, so the closure may reuse its arrays.
 */
export type Closure = () => ClosureResult;

/** Whose defaults and formulas to follow (see docs/optimizers.md, "Where Keras and PyTorch differ, in one table"). */
export type Convention = 'keras' | 'torch';

export const CONVENTIONS: readonly Convention[] = ['keras', 'torch'];

/** The registered optimizers' names (registry.ts holds the list). */
export type OptimizerName = import('./registry.ts').OptimizerName;

/** The named state arrays of one parameter, e.g. `{ m, v }` for Adam. */
export type StateArrays = Readonly<Record<string, FloatArray>>;

/**
 * A configuration or input the user got wrong: an unknown option, a value out of range,
 * a gradient of the wrong size, a state dict that does not fit. The message names the
 * option (or parameter) and what is allowed; the CLI prints it without a stack trace.
 */
export class OptimizerConfigError extends UserError {
  override readonly name = 'OptimizerConfigError';
}


/** A zeroed array of the same element type, in shared memory when `array` is (so a backend's threads can update both). */
export function allocateLike(array: FloatArray, length: number): FloatArray {
  const bytes = length * array.BYTES_PER_ELEMENT;
  const shared = typeof SharedArrayBuffer === 'function' && array.buffer instanceof SharedArrayBuffer;
  const buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  return array instanceof Float32Array ? new Float32Array(buffer) : new Float64Array(buffer);
}

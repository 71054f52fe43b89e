/**
 * Arrays for parameters and optimizer state: placed by the active backend where its
 * kernels can update them in place (KernelBackend.allocateParameter: for the js backend,
 * float32 arrays inside its WebAssembly memory, others in shared memory).
 *
 * The rule: an array stays with the backend that placed it. After setBackend, arrays made
 * before it still compute, the same bits, but off the new backend's in-place fast path
 * until moved (Module.placeParameters; runTraining builds its model after the choice).
 */
import { dtypeOf, type Dtype, type FloatArray } from './dtype.ts';
import { activeBackend } from '../backend/select.ts';
import type { KernelBackend } from '../backend/types.ts';

/** Which backend placed each array. */
const placedBy = new WeakMap<FloatArray, KernelBackend>();

/** A zeroed array of `length` for a parameter or its optimizer state. */
export function parameterArray(dtype: Dtype, length: number): FloatArray {
  const backend = activeBackend();
  const array = backend.allocateParameter(dtype, length);
  placedBy.set(array, backend);
  return array;
}

/** Gives back an array from parameterArray or parameterCopy that will never be used again (to the backend that placed it). */
export function releaseParameterArray(array: FloatArray): void {
  const backend = placedBy.get(array);
  placedBy.delete(array);
  backend?.releaseParameter(array);
}

/** A copy of `data` for a parameter. */
export function parameterCopy(data: FloatArray): FloatArray {
  const out = parameterArray(dtypeOf(data), data.length);
  out.set(data);
  return out;
}

/** Whether the active backend placed `array` (so its kernels update it in place). */
export function placedByActiveBackend(array: FloatArray): boolean {
  return placedBy.get(array) === activeBackend();
}

/**
 * Arrays for parameters and optimizer state: placed by the active backend where its
 * kernels can update them in place (KernelBackend.allocateParameter: for the js backend,
 * float32 arrays inside its WebAssembly memory, others in shared memory).
 */
import { dtypeOf, type Dtype, type FloatArray } from './dtype.ts';
import { activeBackend } from '../backend/select.ts';

/** A zeroed array of `length` for a parameter or its optimizer state. */
export function parameterArray(dtype: Dtype, length: number): FloatArray {
  return activeBackend().allocateParameter(dtype, length);
}

/** Gives back an array from parameterArray or parameterCopy that will never be used again. */
export function releaseParameterArray(array: FloatArray): void {
  activeBackend().releaseParameter(array);
}

/** A copy of `data` for a parameter. */
export function parameterCopy(data: FloatArray): FloatArray {
  const out = parameterArray(dtypeOf(data), data.length);
  out.set(data);
  return out;
}

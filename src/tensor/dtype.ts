/** The two element types a Tensor can hold, and the typed arrays behind them. */
import { activeArena } from './arena.ts';
import { dtypeOf, type Dtype, type FloatArray } from '../floats.ts';

export { dtypeOf, type Dtype, type FloatArray };


/** A zeroed array (from the active arena, if any: src/tensor/arena.ts). */
export function allocate(dtype: Dtype, length: number): FloatArray {
  const arena = activeArena();
  if (arena !== null) return arena.take(dtype, length, true);
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

/** An array for a kernel that writes every element: not zeroed when it comes from an arena. */
export function allocateUninitialized(dtype: Dtype, length: number): FloatArray {
  const arena = activeArena();
  if (arena !== null) return arena.take(dtype, length, false);
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

/** A copy of `data` (in the active arena's buffers, if any). */
export function copyData(data: FloatArray): FloatArray {
  const out = allocateUninitialized(dtypeOf(data), data.length);
  out.set(data);
  return out;
}

export function assertDtype(dtype: string, where: string): asserts dtype is Dtype {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new Error(`${where}: dtype must be 'float32' or 'float64', got ${JSON.stringify(dtype)}`);
  }
}

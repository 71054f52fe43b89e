/**
 * The two element types seedgrad computes in and the typed arrays behind them: defined
 * once, in a leaf that imports nothing, so that every layer (tensor, optim, backend) uses
 * the same definitions. State arrays always take their parameter's dtype.
 */
export type Dtype = 'float32' | 'float64';
export type FloatArray = Float32Array | Float64Array;

export function dtypeOf(array: FloatArray): Dtype {
  return array instanceof Float64Array ? 'float64' : 'float32';
}

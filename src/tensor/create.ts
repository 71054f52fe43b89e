/** Creating tensors: from nested arrays or typed arrays, constants, ranges, seeded random. */
import { type Dtype, type FloatArray, allocate, assertDtype, dtypeOf } from './dtype.ts';
import { type Shape, formatShape, sizeOf, assertValidShape } from './shape.ts';
import { Tensor } from './tensor.ts';
import type { Rng } from '../random.ts';

export interface CreateOptions {
  dtype?: Dtype;
  requiresGrad?: boolean;
  name?: string;
}

type Nested = number | readonly Nested[];

/** The shape of a nested array, checking that it is rectangular and all numbers. */
function nestedShape(values: Nested, path: string): number[] {
  if (typeof values === 'number') return [];
  if (!Array.isArray(values)) throw new Error(`tensor: ${path} is not a number or an array`);
  if (values.length === 0) return [0];
  const inner = nestedShape(values[0], `${path}[0]`);
  values.forEach((v, i) => {
    const s = nestedShape(v, `${path}[${i}]`);
    if (s.length !== inner.length || s.some((d, k) => d !== inner[k])) {
      throw new Error(`tensor: ragged nested array: ${path}[${i}] has shape ${formatShape(s)}, ${path}[0] has ${formatShape(inner)}`);
    }
  });
  return [values.length, ...inner];
}

function finish(t: Tensor, options: CreateOptions): Tensor {
  if (options.requiresGrad) t.requiresGrad = true;
  if (options.name !== undefined) t.name = options.name;
  return t;
}

/**
 * A tensor from nested arrays (`tensor([[1, 2], [3, 4]])`), a flat number array or typed
 * array with a shape, or a single number (rank 0). A typed array is used as is, not copied.
 */
export function tensor(values: Nested | FloatArray, shape?: Shape, options: CreateOptions = {}): Tensor {
  if (options.dtype !== undefined) assertDtype(options.dtype, 'tensor');
  if (values instanceof Float32Array || values instanceof Float64Array) {
    if (options.dtype !== undefined && options.dtype !== dtypeOf(values)) {
      throw new Error(`tensor: dtype ${options.dtype} requested for a ${dtypeOf(values)} typed array; convert it with cast()`);
    }
    return finish(new Tensor(values, shape ?? [values.length]), options);
  }
  const inferred = nestedShape(values, 'values');
  const flat = typeof values === 'number' ? [values] : (values as Nested[]).flat(Infinity as 1) as number[];
  const targetShape = shape ?? inferred;
  assertValidShape(targetShape, 'tensor');
  if (sizeOf(targetShape) !== flat.length) {
    throw new Error(`tensor: ${flat.length} values cannot have shape ${formatShape(targetShape)}`);
  }
  const data = allocate(options.dtype ?? 'float32', flat.length);
  data.set(flat);
  return finish(new Tensor(data, targetShape), options);
}

export function full(shape: Shape, value: number, options: CreateOptions = {}): Tensor {
  assertValidShape(shape, 'full');
  const data = allocate(options.dtype ?? 'float32', sizeOf(shape));
  if (value !== 0) data.fill(value);
  return finish(new Tensor(data, shape), options);
}

export const zeros = (shape: Shape, options: CreateOptions = {}): Tensor => full(shape, 0, options);
export const ones = (shape: Shape, options: CreateOptions = {}): Tensor => full(shape, 1, options);

/** A rank-0 tensor holding `value`. */
export function scalar(value: number, dtype: Dtype = 'float32'): Tensor {
  return full([], value, { dtype });
}

/** `[start, start + step, ...)` up to but excluding `stop`, as NumPy's arange. */
export function arange(start: number, stop: number, step = 1, options: CreateOptions = {}): Tensor {
  if (step === 0 || !Number.isFinite(step)) throw new Error(`arange: step must be finite and non-zero, got ${step}`);
  const count = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocate(options.dtype ?? 'float32', count);
  for (let i = 0; i < count; i++) data[i] = start + i * step;
  return finish(new Tensor(data, [count]), options);
}

/** Uniform in [low, high) from the given stream. */
export function randomUniform(shape: Shape, rng: Rng, low = 0, high = 1, options: CreateOptions = {}): Tensor {
  if (!(high > low)) throw new Error(`randomUniform: need low < high, got [${low}, ${high})`);
  const t = full(shape, 0, options);
  for (let i = 0; i < t.data.length; i++) t.data[i] = rng.uniformIn(low, high);
  return t;
}

/** Normal with the given mean and standard deviation from the given stream. */
export function randomNormal(shape: Shape, rng: Rng, mean = 0, std = 1, options: CreateOptions = {}): Tensor {
  if (!(std >= 0)) throw new Error(`randomNormal: std must be >= 0, got ${std}`);
  const t = full(shape, 0, options);
  for (let i = 0; i < t.data.length; i++) t.data[i] = mean + std * rng.normal();
  return t;
}

/** A copy in another dtype (float64 → float32 rounds to nearest). */
export function cast(t: Tensor, dtype: Dtype): Tensor {
  assertDtype(dtype, 'cast');
  const data = allocate(dtype, t.size);
  data.set(t.data);
  return new Tensor(data, t.shape, t.name);
}

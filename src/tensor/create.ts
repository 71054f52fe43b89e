/** Creating tensors: from nested arrays or typed arrays, constants, ranges, seeded random. */
import { type Dtype, type FloatArray, allocate, assertDtype, dtypeOf } from './dtype.ts';
import { type Shape, sizeOf, assertValidShape } from './shape.ts';
import { describeArgument, formatShape } from '../describe.ts';
import { Tensor } from './tensor.ts';
import { assertRng, type Rng } from '../random.ts';

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

const OPTION_KEYS = ['dtype', 'requiresGrad', 'name'];

/** Checks a creation function's options argument (the `argument`-th), naming the function and the key at fault. */
function checkOptions(where: string, options: unknown, argument: string): asserts options is CreateOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: the ${argument} argument is the options {dtype, requiresGrad, name}, got ${describeArgument(options)}`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (!OPTION_KEYS.includes(key)) throw new TypeError(`${where}: unknown option '${key}' (options: ${OPTION_KEYS.join(', ')})`);
    if (key === 'requiresGrad' && value !== undefined && typeof value !== 'boolean') throw new TypeError(`${where}: option requiresGrad must be true or false, got ${describeArgument(value)}`);
    if (key === 'name' && value !== undefined && typeof value !== 'string') throw new TypeError(`${where}: option name must be a string, got ${describeArgument(value)}`);
    if (key === 'dtype' && value !== undefined) assertDtype(value as string, where);
  }
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
  if (shape !== undefined && !Array.isArray(shape)) {
    const hint = shape !== null && typeof shape === 'object' ? "; options go third: tensor(values, undefined, { requiresGrad: true })" : '';
    throw new TypeError(`tensor: the second argument is the shape (a list of dimensions, or undefined to take it from the values), got ${describeArgument(shape)}${hint}`);
  }
  checkOptions('tensor', options, 'third');
  if (typeof values !== 'number' && !Array.isArray(values) && !(values instanceof Float32Array || values instanceof Float64Array)) {
    throw new TypeError(`tensor: the first argument must be a number, a nested array of numbers or a Float32Array/Float64Array, got ${describeArgument(values)}`);
  }
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
  if (typeof value !== 'number') throw new TypeError(`full: the second argument is the fill value, a number, got ${describeArgument(value)}`);
  checkOptions('full', options, 'third');
  const data = allocate(options.dtype ?? 'float32', sizeOf(shape));
  if (value !== 0) data.fill(value);
  return finish(new Tensor(data, shape), options);
}

export function zeros(shape: Shape, options: CreateOptions = {}): Tensor {
  assertValidShape(shape, 'zeros');
  checkOptions('zeros', options, 'second');
  return full(shape, 0, options);
}

export function ones(shape: Shape, options: CreateOptions = {}): Tensor {
  assertValidShape(shape, 'ones');
  checkOptions('ones', options, 'second');
  return full(shape, 1, options);
}

function checkRng(where: string, rng: unknown): void {
  assertRng(where, rng, 'the second argument (the random stream)');
}

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
  assertValidShape(shape, 'randomUniform');
  checkRng('randomUniform', rng);
  if (!(high > low)) throw new Error(`randomUniform: need low < high, got [${low}, ${high})`);
  const t = full(shape, 0, options);
  for (let i = 0; i < t.data.length; i++) t.data[i] = rng.uniformIn(low, high);
  return t;
}

/** Normal with the given mean and standard deviation from the given stream. */
export function randomNormal(shape: Shape, rng: Rng, mean = 0, std = 1, options: CreateOptions = {}): Tensor {
  assertValidShape(shape, 'randomNormal');
  checkRng('randomNormal', rng);
  if (!(std >= 0)) throw new Error(`randomNormal: std must be >= 0, got ${std}`);
  const t = full(shape, 0, options);
  for (let i = 0; i < t.data.length; i++) t.data[i] = mean + std * rng.normal();
  return t;
}

/** A copy in another dtype (float64 → float32 rounds to nearest). */
export function cast(t: Tensor, dtype: Dtype): Tensor {
  if (!(t instanceof Tensor)) throw new TypeError(`cast: the first argument must be a Tensor, got ${describeArgument(t)}`);
  assertDtype(dtype, 'cast');
  const data = allocate(dtype, t.size);
  data.set(t.data);
  return new Tensor(data, t.shape, t.name);
}

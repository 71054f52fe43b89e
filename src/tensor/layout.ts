/** Kernels that move elements without arithmetic: reshape, transpose, concat, slice, gather. */
import { allocate, allocateUninitialized, type FloatArray } from './dtype.ts';
import { activeBackend } from '../backend/select.ts';
import { type Shape, sizeOf, stridesOf, normalizeAxes } from './shape.ts';
import { stridedPairs } from './broadcast.ts';
import { Tensor } from './tensor.ts';
import { formatShape } from '../describe.ts';

/** The target shape of a reshape, resolving one -1 dimension. */
export function resolveReshape(shape: Shape, target: Shape): number[] {
  const unknown = target.filter((d) => d === -1).length;
  const known = target.filter((d) => d !== -1);
  const bad = () => new Error(`reshape: ${formatShape(shape)} (${sizeOf(shape)} elements) cannot be reshaped to ${formatShape(target)}`);
  if (unknown > 1 || known.some((d) => !Number.isSafeInteger(d) || d < 0)) throw bad();
  const knownSize = sizeOf(known);
  if (unknown === 1) {
    if (knownSize === 0 || sizeOf(shape) % knownSize !== 0) throw bad();
    return target.map((d) => (d === -1 ? sizeOf(shape) / knownSize : d));
  }
  if (knownSize !== sizeOf(shape)) throw bad();
  return [...target];
}

/** A permutation of the axes; `undefined` reverses them. */
export function resolvePermutation(shape: Shape, perm?: readonly number[]): number[] {
  if (perm === undefined) return shape.map((_, i) => shape.length - 1 - i);
  const normalized = normalizeAxes('transpose', shape, perm);
  if (perm.length !== shape.length || normalized.length !== shape.length) {
    throw new Error(`transpose: [${perm.join(', ')}] is not a permutation of the ${shape.length} axes of ${formatShape(shape)}`);
  }
  return perm.map((a) => (a < 0 ? a + shape.length : a));
}

export function transposeKernel(t: Tensor, perm: readonly number[]): Tensor {
  const shape = perm.map((a) => t.shape[a]);
  const srcStrides = stridesOf(t.shape);
  const out = allocate(t.dtype, t.size);
  const src = t.data;
  stridedPairs(shape, perm.map((a) => srcStrides[a]), perm.map((a) => srcStrides[a]), (k, is) => {
    out[k] = src[is];
  });
  return new Tensor(out, shape);
}

/** Joins tensors of equal shape except along `axis`. */
export function concatKernel(parts: readonly Tensor[], axis: number): Tensor {
  if (parts.length === 0) throw new Error('concat: needs at least one tensor');
  const first = parts[0];
  const [ax] = normalizeAxes('concat', first.shape, axis);
  for (const p of parts) {
    if (p.dtype !== first.dtype) throw new Error(`concat: dtypes differ: ${first.dtype} and ${p.dtype}`);
    if (p.rank !== first.rank || p.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
      throw new Error(`concat: ${formatShape(first.shape)} and ${formatShape(p.shape)} differ outside axis ${ax}`);
    }
  }
  const outer = sizeOf(first.shape.slice(0, ax));
  const inner = sizeOf(first.shape.slice(ax + 1));
  const total = parts.reduce((s, p) => s + p.shape[ax], 0);
  const shape = first.shape.map((d, i) => (i === ax ? total : d));
  const out = allocateUninitialized(first.dtype, sizeOf(shape));
  let offset = 0;
  for (const p of parts) {
    const block = p.shape[ax] * inner;
    copyBlocks(p.data, out, outer, block, total * inner, offset);
    offset += block;
  }
  return new Tensor(out, shape);
}

/**
 * Block o of `block` elements of `src` goes to `out` at o·stride + offset. Short blocks (a
 * row of an embedding) are copied in a loop: a subarray per block costs more than the copy.
 */
function copyBlocks(src: FloatArray, out: FloatArray, blocks: number, block: number, stride: number, offset: number): void {
  if (activeBackend().copyBlocks?.(src, 0, block, out, offset, stride, blocks, block) === true) return;
  if (block >= 256) {
    for (let o = 0; o < blocks; o++) out.set(src.subarray(o * block, (o + 1) * block), o * stride + offset);
    return;
  }
  for (let o = 0, from = 0; o < blocks; o++) {
    const to = o * stride + offset;
    for (let c = 0; c < block; c++, from++) out[to + c] = src[from];
  }
}

/** `begin` and `size` per axis; size -1 means "to the end". Returns the resolved sizes. */
export function resolveSlice(shape: Shape, begin: readonly number[], size: readonly number[]): number[] {
  const where = `slice: begin [${begin.join(', ')}] size [${size.join(', ')}] on ${formatShape(shape)}`;
  if (begin.length !== shape.length || size.length !== shape.length) throw new Error(`${where}: need one begin and one size per axis`);
  return shape.map((d, i) => {
    const b = begin[i];
    const s = size[i] === -1 ? d - b : size[i];
    if (!Number.isInteger(b) || !Number.isInteger(s) || b < 0 || s < 0 || b + s > d) {
      throw new Error(`${where}: axis ${i} would read [${b}, ${b + s}) of ${d}`);
    }
    return s;
  });
}

/** Copies the box [begin, begin+size) of `t`. */
export function sliceKernel(t: Tensor, begin: readonly number[], size: readonly number[]): Tensor {
  if (t.rank === 2) return sliceRows(t, begin, size);
  const out = allocate(t.dtype, sizeOf(size));
  const strides = stridesOf(t.shape);
  const base = begin.reduce((s, b, i) => s + b * strides[i], 0);
  const src = t.data;
  stridedPairs(size, strides, strides, (k, is) => {
    out[k] = src[base + is];
  });
  return new Tensor(out, size);
}

/** The 2-D case of sliceKernel (a column block of a batch, as concat's backward takes): plain loops. */
function sliceRows(t: Tensor, begin: readonly number[], size: readonly number[]): Tensor {
  const [rows, cols] = size;
  const width = t.shape[1];
  const out = allocateUninitialized(t.dtype, rows * cols);
  const src = t.data;
  if (activeBackend().copyBlocks?.(src, begin[0] * width + begin[1], width, out, 0, cols, rows, cols) === true) return new Tensor(out, size);
  for (let r = 0, o = 0; r < rows; r++) {
    const from = (begin[0] + r) * width + begin[1];
    for (let c = 0; c < cols; c++, o++) out[o] = src[from + c];
  }
  return new Tensor(out, size);
}

/** The adjoint of sliceKernel: `t` added into the box at `begin` of a zero tensor of `outerShape`. */
export function unsliceKernel(t: Tensor, outerShape: Shape, begin: readonly number[]): Tensor {
  const out = allocate(t.dtype, sizeOf(outerShape));
  const strides = stridesOf(outerShape);
  const base = begin.reduce((s, b, i) => s + b * strides[i], 0);
  const src = t.data;
  stridedPairs(t.shape, strides, strides, (k, io) => {
    out[base + io] += src[k];
  });
  return new Tensor(out, outerShape);
}

export function checkIndices(op: string, indices: ArrayLike<number>, rows: number): void {
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= rows) {
      throw new Error(`${op}: index ${r} at position ${i} is out of range for a table of ${rows} rows`);
    }
  }
}

/** Rows `indices[i]` of a table [rows, ...rest], giving [indices.length, ...rest]. */
export function gatherRowsKernel(table: Tensor, indices: ArrayLike<number>): Tensor {
  if (table.rank < 1) throw new Error(`gather: table must have rank >= 1, got ${formatShape(table.shape)}`);
  checkIndices('gather', indices, table.shape[0]);
  const width = sizeOf(table.shape.slice(1));
  const out = allocateUninitialized(table.dtype, indices.length * width);
  activeBackend().gatherRows(table.data, asInt32(indices), width, out);
  return new Tensor(out, [indices.length, ...table.shape.slice(1)]);
}

/** The adjoint of gather: adds row i of `values` into row indices[i] of a zero table; duplicates accumulate. */
export function scatterAddRowsKernel(values: Tensor, indices: ArrayLike<number>, tableShape: Shape): Tensor {
  const width = sizeOf(tableShape.slice(1));
  const out = allocate(values.dtype, sizeOf(tableShape));
  activeBackend().scatterAddRows(values.data, asInt32(indices), width, out);
  return new Tensor(out, tableShape);
}

function asInt32(indices: ArrayLike<number>): Int32Array {
  return indices instanceof Int32Array ? indices : Int32Array.from(indices);
}

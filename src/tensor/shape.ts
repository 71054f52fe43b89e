/** Shapes: sizes, strides and validation (messages write them with describe.ts's formatShape). */
import { describeArgument, formatShape } from '../describe.ts';
export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Row-major strides: the last axis is contiguous. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

export function assertValidShape(shape: Shape, where: string): void {
  if (!Array.isArray(shape)) throw new TypeError(`${where}: shape must be a list of dimensions such as [2, 3], got ${describeArgument(shape)}`);
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new Error(`${where}: shape ${formatShape(shape)} has an invalid dimension ${d} (dimensions are integers >= 0)`);
    }
  }
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Normalises axis arguments (negative counts from the end) into a sorted, unique list.
 * `undefined` means every axis.
 */
export function normalizeAxes(op: string, shape: Shape, axes: number | readonly number[] | undefined): number[] {
  if (axes === undefined) return shape.map((_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const result = new Set<number>();
  for (const axis of list) {
    if (!Number.isInteger(axis) || axis < -shape.length || axis >= shape.length) {
      throw new Error(`${op}: axis ${axis} is out of range for shape ${formatShape(shape)} (allowed ${-shape.length}..${shape.length - 1})`);
    }
    result.add(axis < 0 ? axis + shape.length : axis);
  }
  return [...result].sort((x, y) => x - y);
}

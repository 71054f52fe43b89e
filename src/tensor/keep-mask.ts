/**
 * A dropout mask as the dense and dropout ops draw it: `rng`'s next draws, one per cell, in
 * an array from the active arena, drawn by the active backend where it can (the js backend
 * writes it straight into its memory, split across its threads: the same bits).
 */
import { allocateUninitialized, type Dtype, type FloatArray } from './dtype.ts';
import { activeBackend } from '../backend/select.ts';
import type { KeepMaskFill, Rng } from '../random.ts';

const backendKeepMask: KeepMaskFill = (out, state, threshold, keepBits) => activeBackend().keepMask?.(out, state, threshold, keepBits) ?? false;

/** `length` cells: 0 where the draw is below `rate`, else `keep` (random.ts's fillKeepMask). */
export function keepMask(rng: Rng, dtype: Dtype, length: number, rate: number, keep: number): FloatArray {
  return rng.fillKeepMask(allocateUninitialized(dtype, length), rate, keep, backendKeepMask);
}

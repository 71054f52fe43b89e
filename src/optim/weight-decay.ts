/**
 * The three kinds of weight decay the conventions use (docs/optimizers.md §1 step 2, §4, pitfall 8).
 *
 * - Keras, every optimizer, decoupled, before the update:  p ← p − p·wd·lr
 * - torch AdamW, decoupled, before the update:             p ← p·(1 − lr·wd)
 * - torch, every other optimizer, L2 on the gradient:      g ← g + wd·p
 *
 * The two decoupled forms are equal up to rounding; each is written as its library does.
 */
import type { FloatArray } from './types.ts';

/** 'in-rule': the rule applies its own decay (Schedule-Free AdamW at y after normalising; Muon's two decays; ADOPT's, decoupled from step 2 or L2). */
export type WeightDecayKind = 'keras-decoupled' | 'torch-decoupled' | 'l2' | 'in-rule';

/** p ← p − p·wd·lr (Keras `_apply_weight_decay`). */
export function kerasDecoupledDecay(p: FloatArray, weightDecay: number, learningRate: number): void {
  for (let i = 0; i < p.length; i++) p[i] = p[i]! - p[i]! * weightDecay * learningRate;
}

/** p ← p·(1 − lr·wd) (torch AdamW). */
export function torchDecoupledDecay(p: FloatArray, weightDecay: number, learningRate: number): void {
  const factor = 1 - learningRate * weightDecay;
  for (let i = 0; i < p.length; i++) p[i] = p[i]! * factor;
}

/** out = g + wd·p (torch's L2 penalty, folded into the gradient). */
export function addL2Penalty(g: FloatArray, p: FloatArray, weightDecay: number, out: FloatArray): void {
  for (let i = 0; i < g.length; i++) out[i] = g[i]! + weightDecay * p[i]!;
}

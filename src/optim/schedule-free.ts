/**
 * What the Schedule-Free rules share (Defazio, Yang, Mehta, Mishchenko, Khaled & Cutkosky
 * 2024, "The Road Less Scheduled", Algorithm 1): three sequences per parameter,
 *
 *   y = (1 − β)·z + β·x      the point gradients are taken at: the parameter itself
 *   z ← z − γ_t·d_t          the base rule's step (SGD: d = g; AdamW: d = g/(√v̂ + ε))
 *   x ← (1 − c_t)·x + c_t·z  the weighted average of the z's: the point to evaluate at
 *
 * with the warmed-up rate γ_t = lr·min(t/warmupSteps, 1) and the averaging weight
 *
 *   c_t = w_t / Σ_{i≤t} w_i,   w_t = t^r · (max_{i≤t} γ_i)^weightLrPower   (c_t = 0 if Σ = 0)
 *
 * Keras's uniform average c_t = 1/t is the case r = 0, weightLrPower = 0. Both state arrays
 * z and x start as copies of the parameter (y_1 = z_1 = x_1); x is kept as named state,
 * so the evaluation weights need no division by β (torch's eval() and Keras's update
 * recover x = (y − (1 − β)·z)/β, which β = 0 makes 0/0).
 */
import type { Hyperparameters } from './hyperparameters.ts';
import type { ScalarsSpec } from './spec.ts';
import { pow } from '../libm/pow.ts';

/** γ_t/lr: linear warm-up over `warmupSteps` steps (torch: (k+1)/warmup_steps while k < warmup_steps; Keras: min(t/warmup_steps, 1)). */
export function warmupFactor(t: number, warmupSteps: number): number {
  return warmupSteps > 0 && t < warmupSteps ? t / warmupSteps : 1;
}

/** The warmed-up learning rate γ_t of step t. */
export function warmedUpRate(hp: Pick<Hyperparameters, 'learningRate' | 'warmupSteps'>, t: number): number {
  return hp.warmupSteps > 0 ? hp.learningRate * warmupFactor(t, hp.warmupSteps) : hp.learningRate;
}

/**
 * torch's lerp on CPU (ATen Lerp.h): a + w·(b − a) for |w| < 0.5, else b − (b − a)·(1 − w),
 * which is exact at w = 1. Written as torch writes it (its vectorised kernel fuses the
 * multiply-add, so torch's own bits may differ in the last place).
 */
export function lerp(a: number, b: number, w: number): number {
  return Math.abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w);
}

/**
 * The per-optimizer scalars, advanced once per step before any parameter: lrMax = max γ,
 * weightSum = Σ w, averagingWeight = c_t (what the rules read).
 */
export const AVERAGING_SCALARS: ScalarsSpec = {
  initial: () => ({ lrMax: -1, weightSum: 0, averagingWeight: 0 }),
  advance: (scalars, hp, t) => {
    const lrMax = Math.max(warmedUpRate(hp, t), scalars['lrMax']!);
    const weight = pow(t, hp.r) * pow(lrMax, hp.weightLrPower);
    const weightSum = scalars['weightSum']! + weight;
    scalars['lrMax'] = lrMax;
    scalars['weightSum'] = weightSum;
    scalars['averagingWeight'] = weightSum === 0 ? 0 : weight / weightSum; // torch: ZeroDivisionError → 0
  },
};

/**
 * Rprop (Riedmiller & Braun 1993, "Rprop−": no weight backtracking), as torch.optim.Rprop
 * implements it, one parameter, in place. torch convention only: Keras has no Rprop.
 * Only the sign of the gradient is used; each element keeps its own step size Δ, which
 * starts at lr on the first step.
 *
 *   s   = sign(g·g_prev)
 *   Δ   ← clamp(Δ·η, stepSizeMin, stepSizeMax),  η = etaPlus (s > 0), etaMinus (s < 0), 1 (s = 0)
 *   g'  = 0 where s < 0 (the sign flipped: skip this element's move), else g
 *   p   ← p − sign(g')·Δ
 *   g_prev ← g'
 *
 * Setting g_prev to 0 after a flip makes the next step's s = 0, so Δ is kept there.
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { defineOptimizer, likeParameter } from './spec.ts';
import { describeValue } from './schedules.ts';
import { ABOVE_ONE, NON_NEGATIVE, OPEN_UNIT } from './option-ranges.ts';

export type RpropHyperparameters = Pick<Hyperparameters, 'learningRate' | 'etaMinus' | 'etaPlus' | 'stepSizeMin' | 'stepSizeMax'>;

export type RpropState = {
  /** g_prev, the last step's gradient (0 where its sign flipped): torch's `prev`. */
  readonly previousGradient: FloatArray;
  /** Δ, each element's step size: torch's `step_size`. */
  readonly stepSize: FloatArray;
};

export function rpropUpdate(p: FloatArray, g: FloatArray, state: RpropState, hp: RpropHyperparameters, t: number): void {
  const { previousGradient: previous, stepSize } = state;
  const { etaMinus, etaPlus, stepSizeMin, stepSizeMax } = hp;
  if (t === 1) stepSize.fill(hp.learningRate);
  // torch multiplies Δ by a tensor of η in the parameter's dtype: η rounded to float32 for a float32 parameter.
  const round = p instanceof Float32Array ? Math.fround : (x: number): number => x;
  const grow = round(etaPlus);
  const shrink = round(etaMinus);
  for (let i = 0; i < p.length; i++) {
    const product = g[i]! * previous[i]!;
    const factor = product > 0 ? grow : product < 0 ? shrink : 1;
    // clamp as torch's clamp_(min, max) does: max with stepSizeMin, then min with stepSizeMax.
    stepSize[i] = Math.min(Math.max(stepSize[i]! * factor, stepSizeMin), stepSizeMax);
    const direction = product < 0 ? 0 : g[i]!;
    p[i] = p[i]! - Math.sign(direction) * stepSize[i]!;
    previous[i] = direction;
  }
}

export const rprop = defineOptimizer({
  name: 'rprop',
  displayName: 'Rprop',
  citation: 'Riedmiller & Braun 1993, "A Direct Adaptive Method for Faster Backpropagation Learning: The RPROP Algorithm"',
  defaults: {
    torch: { learningRate: 1e-2, etaMinus: 0.5, etaPlus: 1.2, stepSizeMin: 1e-6, stepSizeMax: 50 },
  },
  ranges: { etaMinus: OPEN_UNIT, etaPlus: ABOVE_ONE, stepSizeMin: NON_NEGATIVE, stepSizeMax: NON_NEGATIVE },
  stateShapes: likeParameter(() => ['previousGradient', 'stepSize']),
  update: (p, g, state: RpropState, hp, { t }) => rpropUpdate(p, g, state, hp, t),
  checkOptions: ({ stepSizeMin, stepSizeMax }) =>
    typeof stepSizeMin === 'number' && typeof stepSizeMax === 'number' && stepSizeMin > stepSizeMax
      ? `stepSizeMin must not exceed stepSizeMax; got stepSizeMin ${describeValue(stepSizeMin)}, stepSizeMax ${describeValue(stepSizeMax)}`
      : undefined,
});

/**
 * Adafactor (Shazeer & Stern 2018, Algorithms 4 and 5) as Keras 3 implements it: no
 * first moment, a second moment factored over the last two axes, relative step size and
 * update clipping. One parameter, in place. This is the Keras convention (docs/optimizers.md
 * §2); the torch convention is torch >= 2.5's torch.optim.Adafactor, adafactor-torch.ts.
 *
 *   lr'  = relativeStep ? min(lr, 1/√t) : lr
 *   ρ_t  = min(lr', 1/√t)                   (applied in both modes: spec pitfall 2)
 *   α_t  = max(ε2, RMS(p))·ρ_t              (p after weight decay, before this update)
 *   G    = g² + ε1
 *   β̂_t  = 1 − t^beta2Decay                 (0 at t = 1)
 *   rank ≥ 2, shape [..., M, N]:
 *     R ← β̂_t·R + (1 − β̂_t)·mean(G over the last axis)          shape [..., M]
 *     C ← β̂_t·C + (1 − β̂_t)·mean(G over the second-last axis)   shape [..., N]
 *     V[..., i, j] = (R[..., i] / mean_i' R[..., i'])·C[..., j]   (recomputed each step)
 *   rank < 2:
 *     V ← β̂_t·V + (1 − β̂_t)·G
 *   U  = g / √V
 *   Û  = U / max(1, RMS(U)/clipThreshold)
 *   p ← p − α_t·Û
 *
 * RMS(x) = √(mean(x²)) over the whole parameter. Leading axes are not factored: a
 * [B, M, N] parameter keeps R [B, M] and C [B, N] and normalises R within each b.
 *
 * The rule allocates nothing: V is recomputed from R and C in each of the two passes
 * (one for RMS(U), one for the update). In float32 the factored V is rounded to float32,
 * as a float32 tensor would be, so an entry whose gradient row and column are both zero
 * underflows to V = 0 and gives U = 0/0 = NaN, as in Keras (spec pitfall 6).
 */
import { sumOfSquares } from './clipping.ts';
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts';
import { defineOptimizer } from './spec.ts';
import { describeValue } from './schedules.ts';
import { adafactorTorchUpdate } from './adafactor-torch.ts';
import { BOOLEAN, NON_NEGATIVE, NON_POSITIVE, POSITIVE } from './option-ranges.ts';

export type AdafactorHyperparameters = Pick<
  Hyperparameters,
  'learningRate' | 'beta2Decay' | 'epsilon1' | 'epsilon2' | 'clipThreshold' | 'relativeStep'
>;

export type AdafactorState = {
  /** Rank ≥ 2: R, the running mean of G over the last axis, shape [..., M]. */
  readonly rowFactor?: FloatArray;
  /** Rank ≥ 2: C, the running mean of G over the second-last axis, shape [..., N]. */
  readonly columnFactor?: FloatArray;
  /** Rank < 2: the unfactored running mean of G. */
  readonly v?: FloatArray;
};

/** Names and shapes of Adafactor's state for a parameter of `shape`. */
export function adafactorStateShapes(shape: readonly number[]): Record<string, number[]> {
  if (shape.length < 2) return { v: [...shape] };
  return { rowFactor: shape.slice(0, -1), columnFactor: [...shape.slice(0, -2), shape[shape.length - 1]!] };
}

/** How both forms see a parameter: rank ≥ 2 factored over its last two axes, as [batches, rows, columns]; else one row. */
export function adafactorLayout(shape: readonly number[], length: number): { factored: boolean; rows: number; columns: number; batches: number } {
  const factored = shape.length >= 2;
  const rows = factored ? shape[shape.length - 2]! : 1;
  const columns = factored ? shape[shape.length - 1]! : length;
  return { factored, rows, columns, batches: length / (rows * columns) };
}

const rootMeanSquare = (x: FloatArray): number => Math.sqrt(sumOfSquares(x) / x.length);

const identity = (x: number): number => x;

/** x², as one rounded product: what `x ** 2` gave in Node 20 (fdlibm's pow takes y = 2 as x·x), on every engine. */
function squared(x: number): number {
  return x * x;
}

/** mean_i R[b, i]: the normaliser of the row factor within leading index b. */
function meanOfRow(r: FloatArray, b: number, rows: number): number {
  let sum = 0;
  for (let i = 0; i < rows; i++) sum += r[b * rows + i]!;
  return sum / rows;
}

export function adafactorUpdate(
  p: FloatArray,
  g: FloatArray,
  state: AdafactorState,
  hp: AdafactorHyperparameters,
  t: number,
  shape: readonly number[],
): void {
  if (p.length === 0) return;
  const { epsilon1, beta2Decay, clipThreshold } = hp;
  const inverseRootT = 1 / Math.sqrt(t);
  const relativeLearningRate = hp.relativeStep ? Math.min(hp.learningRate, inverseRootT) : hp.learningRate;
  const rhoT = Math.min(relativeLearningRate, inverseRootT);
  const alphaT = Math.max(hp.epsilon2, rootMeanSquare(p)) * rhoT;
  const decay = 1 - pow(t, beta2Decay); // src/libm's pow: the same bits on every engine
  const roundToDtype = p instanceof Float32Array ? Math.fround : identity;

  const { factored, rows, columns, batches } = adafactorLayout(shape, p.length);
  const { rowFactor: r, columnFactor: c, v } = state;

  if (factored) {
    if (r === undefined || c === undefined) throw new Error('adafactorUpdate: rank >= 2 needs state.rowFactor and state.columnFactor');
    for (let b = 0; b < batches; b++) {
      const base = b * rows * columns;
      for (let i = 0; i < rows; i++) {
        let sum = 0;
        for (let j = 0; j < columns; j++) sum += squared(g[base + i * columns + j]!) + epsilon1;
        r[b * rows + i] = decay * r[b * rows + i]! + (1 - decay) * (sum / columns);
      }
      for (let j = 0; j < columns; j++) {
        let sum = 0;
        for (let i = 0; i < rows; i++) sum += squared(g[base + i * columns + j]!) + epsilon1;
        c[b * columns + j] = decay * c[b * columns + j]! + (1 - decay) * (sum / rows);
      }
    }
  } else {
    if (v === undefined) throw new Error('adafactorUpdate: rank < 2 needs state.v');
    for (let i = 0; i < p.length; i++) v[i] = decay * v[i]! + (1 - decay) * (squared(g[i]!) + epsilon1);
  }

  // Pass 0 measures RMS(U); pass 1 applies p ← p − α_t·U/max(1, RMS(U)/d).
  let clipDenominator = 1;
  for (let pass = 0; pass < 2; pass++) {
    let sumOfSquares = 0;
    for (let b = 0; b < batches; b++) {
      const meanR = factored ? meanOfRow(r!, b, rows) : 1;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < columns; j++) {
          const k = (b * rows + i) * columns + j;
          const secondMoment = factored ? roundToDtype((r![b * rows + i]! / meanR) * c![b * columns + j]!) : v![k]!;
          const u = g[k]! / Math.sqrt(secondMoment);
          if (pass === 0) sumOfSquares += u * u;
          else p[k] = p[k]! - alphaT * (u / clipDenominator);
        }
      }
    }
    if (pass === 0) clipDenominator = Math.max(1, Math.sqrt(sumOfSquares / p.length) / clipThreshold);
  }
}

export const adafactor = defineOptimizer({
  name: 'adafactor',
  displayName: 'Adafactor',
  citation: 'Shazeer & Stern 2018, "Adafactor: Adaptive Learning Rates with Sublinear Memory Cost"',
  defaults: {
    keras: { learningRate: 0.001, beta2Decay: -0.8, epsilon1: 1e-30, epsilon2: 1e-3, clipThreshold: 1, relativeStep: true },
    // torch >= 2.5: eps = (epsilon1, epsilon2), epsilon1 None (null) = the dtype's machine epsilon; clipThreshold is torch's d.
    torch: { learningRate: 1e-2, beta2Decay: -0.8, epsilon1: null, epsilon2: 1e-3, clipThreshold: 1, weightDecay: 0 },
  },
  // torch takes α from p before its decoupled decay, so the torch form decays p itself.
  torchWeightDecay: 'in-rule',
  ranges: { beta2Decay: NON_POSITIVE, epsilon1: NON_NEGATIVE, epsilon2: NON_NEGATIVE, clipThreshold: POSITIVE, relativeStep: BOOLEAN },
  stateShapes: (shape) => adafactorStateShapes(shape),
  update: (p, g, state: AdafactorState, hp, { t, shape }) =>
    hp.epsilon1AsFloor ? adafactorTorchUpdate(p, g, state, hp, t, shape) : adafactorUpdate(p, g, state, hp, t, shape),
  checkOptions: ({ clipThreshold }, convention) =>
    convention === 'torch' && typeof clipThreshold === 'number' && clipThreshold < 1
      ? `clipThreshold (torch's d) must be a number >= 1 in the torch convention, got ${describeValue(clipThreshold)}`
      : undefined,
});

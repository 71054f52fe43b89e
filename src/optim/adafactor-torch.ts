/**
 * Adafactor as torch.optim.Adafactor (torch >= 2.5) implements it: the torch convention of
 * adafactor.ts's spec. One parameter, in place. Where it differs from Keras's rule
 * (adafactor.ts; docs/optimizers.md, Adafactor):
 *
 *   ρ_t  = min(lr, 1/√t)                      (no relativeStep option: always)
 *   α_t  = max(ε2, RMS(p))·ρ_t                (p BEFORE this step's weight decay)
 *   p    ← p·(1 − lr·wd)                      (decoupled, inside the rule, after α_t)
 *   w_t  = t^beta2Decay                       (1 − β̂_t; 1 at t = 1)
 *   rank ≥ 2, shape [..., M, N]:
 *     R ← lerp(R, mean(g² over the last axis), w_t)          [..., M]
 *     C ← lerp(C, mean(g² over the second-last axis), w_t)   [..., N]
 *     V[..., i, j] = R[..., i]·C[..., j] / max(mean_i' R[..., i'], ε1)
 *   rank < 2:  v ← lerp(v, g², w_t);  V = v
 *   U  = g / √max(V, ε1²)                     (ε1 floors the estimates; it is never added to g²)
 *   p ← p − α_t/max(1, RMS(U)/d)·U            (d: `clipThreshold`)
 *
 * ε1 defaults to None, the parameter dtype's machine epsilon (2⁻²³ for float32, 2⁻⁵² for
 * float64); the resolved options carry None as NaN. lerp is torch's (adopt.ts's torchLerp).
 */
import type { FloatArray } from './types.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { pow } from '../libm/pow.ts';
import { torchLerp } from './adopt.ts';
import { adafactorLayout, type AdafactorState } from './adafactor.ts';

export type AdafactorTorchHyperparameters = Pick<Hyperparameters, 'learningRate' | 'beta2Decay' | 'epsilon1' | 'epsilon2' | 'clipThreshold' | 'weightDecay'>;

/** torch.finfo(dtype).eps: the default ε1. */
export function machineEpsilon(p: FloatArray): number {
  return p instanceof Float32Array ? 2 ** -23 : 2 ** -52;
}

/** ‖x‖₂ over [from, from + count·stride) by stride, as torch.linalg.vector_norm: √Σx². */
function norm(x: FloatArray, from: number, count: number, stride: number): number {
  let sum = 0;
  for (let k = 0; k < count; k++) sum += x[from + k * stride]! * x[from + k * stride]!;
  return Math.sqrt(sum);
}

export function adafactorTorchUpdate(p: FloatArray, g: FloatArray, state: AdafactorState, hp: AdafactorTorchHyperparameters, t: number, shape: readonly number[]): void {
  if (p.length === 0) return;
  const { learningRate, weightDecay, clipThreshold } = hp;
  const epsilon1 = Number.isNaN(hp.epsilon1) ? machineEpsilon(p) : hp.epsilon1;
  const weight = pow(t, hp.beta2Decay);
  const rhoT = Math.min(learningRate, 1 / pow(t, 0.5));
  const alphaT = Math.max(hp.epsilon2, norm(p, 0, p.length, 1) / Math.sqrt(p.length)) * rhoT;
  if (weightDecay !== 0) {
    const factor = 1 - learningRate * weightDecay;
    for (let i = 0; i < p.length; i++) p[i] = p[i]! * factor;
  }
  const round = p instanceof Float32Array ? Math.fround : (x: number): number => x;

  const { factored, rows, columns, batches } = adafactorLayout(shape, p.length);
  const { rowFactor: r, columnFactor: c, v } = state;
  if (factored) {
    if (r === undefined || c === undefined) throw new Error('adafactorTorchUpdate: rank >= 2 needs state.rowFactor and state.columnFactor');
    for (let b = 0; b < batches; b++) {
      const base = b * rows * columns;
      for (let i = 0; i < rows; i++) r[b * rows + i] = torchLerp(r[b * rows + i]!, norm(g, base + i * columns, columns, 1) ** 2 / columns, weight);
      for (let j = 0; j < columns; j++) c[b * columns + j] = torchLerp(c[b * columns + j]!, norm(g, base + j, rows, columns) ** 2 / rows, weight);
    }
  } else {
    if (v === undefined) throw new Error('adafactorTorchUpdate: rank < 2 needs state.v');
    for (let i = 0; i < p.length; i++) v[i] = torchLerp(v[i]!, g[i]! * g[i]!, weight);
  }

  // Pass 0 measures RMS(U); pass 1 applies p ← p − α_t/max(1, RMS(U)/d)·U.
  const floor = epsilon1 * epsilon1;
  let scale = 0;
  for (let pass = 0; pass < 2; pass++) {
    let sumOfSquares = 0;
    for (let b = 0; b < batches; b++) {
      let meanR = 1;
      if (factored) {
        let sum = 0;
        for (let i = 0; i < rows; i++) sum += r![b * rows + i]!;
        meanR = Math.max(sum / rows, epsilon1);
      }
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < columns; j++) {
          const k = (b * rows + i) * columns + j;
          const estimate = factored ? round(round(r![b * rows + i]! * c![b * columns + j]!) / meanR) : v![k]!;
          const u = (1 / Math.sqrt(Math.max(estimate, floor))) * g[k]!;
          if (pass === 0) sumOfSquares += u * u;
          else p[k] = p[k]! + scale * u;
        }
      }
    }
    if (pass === 0) scale = -alphaT / Math.max(1, Math.sqrt(sumOfSquares) / (Math.sqrt(p.length) * clipThreshold));
  }
}

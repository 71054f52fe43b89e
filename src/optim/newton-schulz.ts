/**
 * Muon's orthogonalisation (Jordan et al. 2024, "Muon: An optimizer for hidden layers in
 * neural networks"): a quintic Newton–Schulz iteration that pushes every singular value
 * of X towards 1, so U·S·Vᵀ becomes roughly U·S'·Vᵀ with S' ≈ 1 (about 0.7–1.2 after five
 * steps with the default coefficients, not exactly UVᵀ):
 *
 *   X ← U/‖U‖_F                     (‖X‖₂ ≤ ‖X‖_F = 1; the denominator per convention below)
 *   repeat nsSteps times:
 *     A ← X·Xᵀ
 *     B ← b·A + (c·A)·A
 *     X ← a·X + B·X
 *
 * which maps each singular value σ to aσ + bσ³ + cσ⁵. A non-square matrix is iterated on
 * its wide form: with rows > cols, X is Uᵀ (so A = X·Xᵀ is the smaller cols × cols Gram
 * matrix) and the result is transposed back. Keras divides by ‖U‖_F + 1e-7; torch by
 * max(‖U‖_F, ε). The iteration runs in float64 here for either parameter dtype (Keras runs
 * it in the variable's dtype, torch.optim.Muon and KellerJordan/Muon in bfloat16).
 */
import type { FloatArray } from './types.ts';

export interface NewtonSchulzSettings {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly steps: number;
  /** 'add': U/(‖U‖ + epsilon) (Keras); 'clamp': U/max(‖U‖, epsilon) (torch). */
  readonly normalize: 'add' | 'clamp';
  readonly epsilon: number;
}

/** m×k times k×n, row-major. */
function multiply(left: Float64Array, right: Float64Array, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let l = 0; l < k; l++) sum += left[i * k + l]! * right[l * n + j]!;
      out[i * n + j] = sum;
    }
  }
  return out;
}

/** The n×m transpose of an m×n matrix. */
function transpose(x: Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = x[i * n + j]!;
  return out;
}

/** The orthogonalised `u` (rows × cols, row-major), in float64, same layout. */
export function newtonSchulz(u: FloatArray, rows: number, cols: number, settings: NewtonSchulzSettings): Float64Array {
  const { a, b, c } = settings;
  const transposed = rows > cols;
  const m = transposed ? cols : rows;
  const n = transposed ? rows : cols;
  let x = transposed ? transpose(Float64Array.from(u), rows, cols) : Float64Array.from(u);
  let sumOfSquares = 0;
  for (const value of x) sumOfSquares += value * value;
  const norm = Math.sqrt(sumOfSquares);
  const denominator = settings.normalize === 'add' ? norm + settings.epsilon : Math.max(norm, settings.epsilon);
  for (let i = 0; i < x.length; i++) x[i] = x[i]! / denominator;
  for (let step = 0; step < settings.steps; step++) {
    const gramMatrix = multiply(x, transpose(x, m, n), m, n, m);
    const scaled = gramMatrix.map((value) => c * value);
    const squared = multiply(scaled, gramMatrix, m, m, m);
    const polynomial = gramMatrix.map((value, k) => b * value + squared[k]!);
    const product = multiply(polynomial, x, m, m, n);
    x = x.map((value, k) => a * value + product[k]!);
  }
  return transposed ? transpose(x, m, n) : x;
}

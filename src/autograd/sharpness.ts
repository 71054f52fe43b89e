/**
 * Sharpness: the largest eigenvalue λ_max of the Hessian of a loss at the current
 * parameters (on whatever fixed batch the loss closes over), the curvature Cohen et al.
 * 2021 ("Gradient Descent on Neural Networks Typically Occurs at the Edge of Stability")
 * track against 2/η.
 *
 * Lanczos on exact Hessian-vector products (hessianOperator: ∇f's graph built once, one
 * backward per product), with full reorthogonalisation (Golub & Van Loan 2013, §10.1):
 * q₁ random unit (seeded), then per step w = H·qⱼ, αⱼ = qⱼ·w,
 * w ← w − αⱼqⱼ − βⱼ₋₁qⱼ₋₁ − Σᵢ (qᵢ·w)qᵢ, βⱼ = ‖w‖, qⱼ₊₁ = w/βⱼ. The largest eigenvalue θ of the
 * tridiagonal Tⱼ = tridiag(β, α, β) is the estimate; it rises to λ_max from below. It stops
 * when θ changes by at most `tolerance` relative to |θ| from one step to the next (the test
 * PyHessian uses), when βⱼ vanishes (an invariant subspace: θ is then an exact eigenvalue),
 * or after `maxIterations` products. Unlike power iteration it finds the largest eigenvalue,
 * not the largest in magnitude, so a negative curvature does not mask it.
 */
import { Tensor } from '../tensor/tensor.ts';
import { createRng } from '../random.ts';
import { describeArgument } from '../describe.ts';
import { hessianOperator } from './grad.ts';
import { largestTridiagonalEigenvalue } from './tridiagonal.ts';

export interface SharpnessOptions {
  /** Seed of the starting vector (default 0). */
  readonly seed?: number;
  /** Largest relative change of the estimate between two steps at which it stops (default 1e-4). */
  readonly tolerance?: number;
  /** Most Hessian-vector products (default 100; never more than the number of parameters). */
  readonly maxIterations?: number;
}

export interface SharpnessResult {
  /** The estimate of λ_max. */
  readonly eigenvalue: number;
  /** Hessian-vector products computed (Lanczos steps). */
  readonly iterations: number;
  /** Whether the stopping test held (or Lanczos exhausted the space) before maxIterations. */
  readonly converged: boolean;
  /** |θⱼ − θⱼ₋₁| / |θⱼ| at the last step (0 when the space was exhausted; Infinity after one step). */
  readonly change: number;
  readonly tolerance: number;
  readonly maxIterations: number;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i] * b[i];
  return total;
};

/** w ← w − c·q. */
const subtractScaled = (w: Float64Array, c: number, q: Float64Array): void => {
  for (let i = 0; i < w.length; i++) w[i] -= c * q[i];
};

export function sharpness(loss: () => Tensor, params: readonly Tensor[], options: SharpnessOptions = {}): SharpnessResult {
  const { seed = 0, tolerance = 1e-4, maxIterations = 100 } = options;
  if (!Number.isInteger(seed)) throw new Error(`sharpness: seed must be an integer, got ${describeArgument(seed)}`);
  if (!(typeof tolerance === 'number' && tolerance > 0 && tolerance < 1)) throw new Error(`sharpness: tolerance must be a number in (0, 1), got ${describeArgument(tolerance)}`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new Error(`sharpness: maxIterations must be an integer >= 1, got ${describeArgument(maxIterations)}`);
  const operator = hessianOperator(loss, params);
  const size = params.reduce((n, p) => n + p.size, 0);
  if (size === 0) throw new Error('sharpness: the parameters have no elements');
  const steps = Math.min(maxIterations, size);

  // Vectors over all parameters, flattened in order, in float64; products in each parameter's dtype.
  const multiply = (q: Float64Array): Float64Array => {
    let offset = 0;
    const pieces = params.map((p) => {
      const piece = new Tensor(p.dtype === 'float32' ? new Float32Array(q.subarray(offset, offset + p.size)) : q.slice(offset, offset + p.size), p.shape);
      offset += p.size;
      return piece;
    });
    const product = new Float64Array(size);
    offset = 0;
    for (const h of operator(pieces)) {
      product.set(h.data, offset);
      offset += h.size;
    }
    return product;
  };

  const rng = createRng(seed).fork('sharpness');
  const start = Float64Array.from({ length: size }, () => rng.normal());
  const startNorm = Math.sqrt(dot(start, start));
  let q = start.map((x) => x / startNorm);
  const basis: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let theta = NaN;
  let change = Infinity;
  for (let j = 0; j < steps; j++) {
    basis.push(q);
    const w = multiply(q);
    alpha.push(dot(q, w));
    subtractScaled(w, alpha[j], q);
    if (j > 0) subtractScaled(w, beta[j - 1], basis[j - 1]);
    // Twice, so that rounding does not bring back directions already found ("twice is enough").
    for (let pass = 0; pass < 2; pass++) for (const b of basis) subtractScaled(w, dot(b, w), b);
    const previous = theta;
    theta = largestTridiagonalEigenvalue(alpha, beta);
    change = j === 0 ? Infinity : Math.abs(theta - previous) / Math.max(Math.abs(theta), Number.MIN_VALUE);
    const norm = Math.sqrt(dot(w, w));
    const exhausted = norm <= 1e-10 * Math.max(Math.abs(theta), Math.sqrt(alpha.reduce((s, a) => s + a * a, 0)), Number.MIN_VALUE);
    if (exhausted || j + 1 === size) return { eigenvalue: theta, iterations: j + 1, converged: true, change: 0, tolerance, maxIterations };
    if (change <= tolerance) return { eigenvalue: theta, iterations: j + 1, converged: true, change, tolerance, maxIterations };
    beta.push(norm);
    q = w.map((x) => x / norm);
  }
  return { eigenvalue: theta, iterations: steps, converged: false, change, tolerance, maxIterations };
}

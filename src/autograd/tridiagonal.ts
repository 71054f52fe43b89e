/**
 * The largest eigenvalue of a symmetric tridiagonal matrix (diagonal α, off-diagonal β),
 * by bisection on Sturm counts (Golub & Van Loan 2013, §8.4.1): the number of negative
 * pivots of the LDLᵀ factorisation of T − xI, d₁ = α₁ − x, dᵢ = αᵢ − x − βᵢ₋₁²/dᵢ₋₁,
 * is the number of eigenvalues below x. Lanczos (sharpness.ts) needs it at every step.
 */

/** How many eigenvalues of T lie below x. */
function eigenvaluesBelow(alpha: readonly number[], beta: readonly number[], x: number): number {
  let count = 0;
  let d = 1;
  for (let i = 0; i < alpha.length; i++) {
    const coupling = i === 0 ? 0 : (beta[i - 1] * beta[i - 1]) / d;
    d = alpha[i] - x - coupling;
    // A zero pivot is moved off zero by a tiny amount, as LAPACK's dstebz does.
    if (d === 0) d = -Number.EPSILON * (Math.abs(alpha[i]) + Math.abs(x) + Number.MIN_VALUE);
    if (d < 0) count++;
  }
  return count;
}

/** λ_max(T) for α of length k ≥ 1 and β of length k − 1, to about machine precision. */
export function largestTridiagonalEigenvalue(alpha: readonly number[], beta: readonly number[]): number {
  const k = alpha.length;
  // Gershgorin's discs bound the spectrum.
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < k; i++) {
    const radius = (i > 0 ? Math.abs(beta[i - 1]) : 0) + (i < k - 1 ? Math.abs(beta[i]) : 0);
    low = Math.min(low, alpha[i] - radius);
    high = Math.max(high, alpha[i] + radius);
  }
  for (let iteration = 0; iteration < 200 && high - low > 2 * Number.EPSILON * Math.max(Math.abs(low), Math.abs(high), Number.MIN_VALUE); iteration++) {
    const middle = low + (high - low) / 2;
    if (middle === low || middle === high) break;
    if (eigenvaluesBelow(alpha, beta, middle) === k) high = middle;
    else low = middle;
  }
  return high;
}

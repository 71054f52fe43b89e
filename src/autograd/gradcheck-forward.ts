/**
 * gradcheck's forward-mode checks (mode 'fwd' and 'both'), as JAX's check_grads does them:
 *
 * - forward: J·u from jvp() against central finite differences along u, per output
 *   element: (f(x + h·u) - f(x - h·u)) / 2h. The direction u has random signs and sizes
 *   (seeded), each element scaled by max(1, |x|) as reverse mode scales its steps, so h is
 *   the same relative step as there.
 * - dot: the two modes against each other, the dot-product test: for random u and v,
 *   ⟨v, J u⟩ (forward mode) must equal ⟨Jᵀ v, u⟩ (reverse mode); both are exact up to
 *   rounding, with no finite differences.
 */
import { Tensor } from '../tensor/tensor.ts';
import { stridesOf } from '../tensor/shape.ts';
import { createRng } from '../random.ts';
import { noGrad } from './grad-mode.ts';
import { jvp } from './forward.ts';
import type { GradcheckElement } from './gradcheck.ts';
import './backward.ts';

/** |analytic - numeric| / max(1, |analytic|, |numeric|): relative, absolute near zero; the measure of every check. */
export function gradError(analytic: number, numeric: number): number {
  // A non-finite value agrees only with the identical value (∞/∞ would give NaN).
  if (!Number.isFinite(analytic) || !Number.isFinite(numeric)) return analytic === numeric ? 0 : Infinity;
  return Math.abs(analytic - numeric) / Math.max(1, Math.abs(analytic), Math.abs(numeric));
}

/** Random ±[0.5, 1.5] values, `count` of them, from the stream `stream` of `seed` (reverse mode's output weights, the dot test's v). */
export function randomSigned(seed: number, stream: string, count: number): Float64Array {
  const rng = createRng(seed).fork(stream);
  return Float64Array.from({ length: count }, () => rng.uniformIn(0.5, 1.5) * (rng.uniform() < 0.5 ? -1 : 1));
}

/** One direction per input (float64 leaves), scaled by max(1, |x|) per element. */
function directions(leaves: readonly Tensor[], seed: number): Tensor[] {
  const rng = createRng(seed).fork('gradcheck-directions');
  return leaves.map((x) => new Tensor(Float64Array.from(x.data, (v) => rng.uniformIn(0.5, 1.5) * (rng.uniform() < 0.5 ? -1 : 1) * Math.max(1, Math.abs(v))), x.shape));
}

const moved = (leaves: readonly Tensor[], u: readonly Tensor[], h: number): Tensor[] => leaves.map((x, i) => new Tensor(Float64Array.from(x.data, (v, k) => v + h * u[i].data[k]), x.shape));

/** The output element where jvp's J·u and finite differences along u differ most (undefined for an empty output). */
export function forwardWorst(fn: (...inputs: Tensor[]) => Tensor, leaves: readonly Tensor[], step: number, seed: number): GradcheckElement | undefined {
  const u = directions(leaves, seed);
  const { output, tangent } = jvp(fn, leaves, u);
  if (output.dtype !== 'float64') throw new Error(`gradcheck: the function returned ${output.dtype} for float64 inputs`);
  const [plus, minus] = noGrad(() => [fn(...moved(leaves, u, step)), fn(...moved(leaves, u, -step))]);
  const strides = stridesOf(output.shape);
  let worst: GradcheckElement | undefined;
  for (let index = 0; index < output.size; index++) {
    const numeric = (plus.data[index] - minus.data[index]) / (2 * step);
    const error = gradError(tangent.data[index], numeric);
    if (worst === undefined || error > worst.error) {
      const position = strides.map((s, axis) => Math.floor(index / s) % output.shape[axis]);
      worst = { check: 'forward', input: -1, index, position, analytic: tangent.data[index], numeric, error };
    }
  }
  return worst;
}

/** The dot-product test: ⟨v, J u⟩ from forward mode as `analytic`, ⟨Jᵀ v, u⟩ from reverse mode as `numeric`. */
export function dotProductCheck(fn: (...inputs: Tensor[]) => Tensor, leaves: readonly Tensor[], seed: number): GradcheckElement {
  const u = directions(leaves, seed);
  const { output, tangent } = jvp(fn, leaves, u);
  const v = randomSigned(seed, 'gradcheck-cotangent', output.size);
  let forward = 0;
  for (let i = 0; i < output.size; i++) forward += v[i] * tangent.data[i];
  const inputs = leaves.map((x) => new Tensor(Float64Array.from(x.data), x.shape).requireGrad());
  const result = fn(...inputs);
  if (result.requiresGrad) result.backward(new Tensor(v, result.shape));
  let reverse = 0;
  inputs.forEach((x, i) => {
    const g = x.grad?.data;
    if (g !== undefined) for (let k = 0; k < x.size; k++) reverse += g[k] * u[i].data[k];
  });
  return { check: 'dot', input: -1, index: 0, position: [], analytic: forward, numeric: reverse, error: gradError(forward, reverse) };
}

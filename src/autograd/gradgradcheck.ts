/**
 * gradgradcheck: second derivatives (the differentiable backwards, src/autograd/grad.ts)
 * against central finite differences of the first gradient, in float64.
 *
 * The output is reduced to a scalar L = Σ w·f(x) + ½ Σ u·f(x)² with fixed random w and u
 * (from the seed), and v is a fixed random direction (one tensor per input, entries in
 * [-1, 1]). The quadratic term makes the Hessian of L contain Jᵀ·diag(u)·J (J the Jacobian
 * of f), so even a linear op's differentiable backward is checked, not only its zero second
 * derivative. Autograd gives ∇⟨∇L, v⟩ = H·v exactly (hvp); the reference differentiates
 * h(x) = ⟨∇L(x), v⟩, with ∇L from the fast first-order backward, by central differences
 * of ∇L in each element, as gradcheck does for first derivatives.
 */
import { Tensor } from '../tensor/tensor.ts';
import { createRng } from '../random.ts';
import { float64Leaves, worstElement, type GradcheckOptions, type GradcheckResult } from './gradcheck.ts';
import { randomSigned } from './gradcheck-forward.ts';
import { grad, hvp } from './grad.ts';
import { add, mul, square } from './ops/arithmetic.ts';
import { sum } from './ops/reduce.ts';

export function gradgradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const leaves = float64Leaves('gradgradcheck', fn, inputs);
  const step = options.step ?? 1e-5;
  const tolerance = options.tolerance ?? 1e-6;
  const output = fn(...leaves);
  if (!(output instanceof Tensor)) throw new Error('gradgradcheck: the function must return a Tensor');
  if (output.dtype !== 'float64') throw new Error(`gradgradcheck: the function returned ${output.dtype} for float64 inputs`);
  const seed = options.seed ?? 0;
  const w = new Tensor(randomSigned(seed, 'gradgradcheck-weights', output.size), output.shape);
  const u = new Tensor(randomSigned(seed, 'gradgradcheck-square-weights', output.size), output.shape);
  const rng = createRng(seed).fork('gradgradcheck-direction');
  const v = leaves.map((leaf) => new Tensor(Float64Array.from({ length: leaf.size }, () => rng.uniformIn(-1, 1)), leaf.shape));
  const loss = () => {
    const y = fn(...leaves);
    return add(sum(mul(y, w)), mul(sum(mul(square(y), u)), 0.5));
  };
  const analytic = hvp(loss, leaves, v).map((t) => t.data);
  // ⟨∇L(x + h) - ∇L(x - h), v⟩: differences first, then the sum, so that the large
  // terms of elements the nudge leaves unchanged cancel exactly instead of in rounding.
  const difference = (plus: readonly Tensor[], minus: readonly Tensor[]): number => {
    let total = 0;
    plus.forEach((g, i) => {
      for (let k = 0; k < g.size; k++) total += (g.data[k] - minus[i].data[k]) * v[i].data[k];
    });
    return total;
  };
  const worst = worstElement(leaves, analytic, () => grad(loss, leaves), difference, step);
  const maxError = worst?.error ?? 0;
  return { ok: maxError <= tolerance, maxError, worst, tolerance };
}

/**
 * gradcheck: autograd's gradients against central finite differences, in float64.
 *
 * The function's output is reduced to a scalar by a fixed random projection
 * L = Σ w·f(x) (w from the seed), so every output element counts with its own weight;
 * then for each input element, dL/dx ≈ (L(x + h) - L(x - h)) / 2h with
 * h = step · max(1, |x|). Central differences err by O(h²) (truncation) plus
 * O(ε·|L|/h) (rounding), both far below the 1e-6 tolerance at step 1e-5 for
 * well-scaled inputs.
 */
import { Tensor } from '../tensor/tensor.ts';
import { cast } from '../tensor/create.ts';
import { stridesOf } from '../tensor/shape.ts';
import { dotProductCheck, forwardWorst, gradError, randomSigned } from './gradcheck-forward.ts';
import { noGrad } from './grad-mode.ts';
import './backward.ts';
import { describeArgument, formatShape } from '../describe.ts';

export interface GradcheckOptions {
  /** Relative finite-difference step (default 1e-5). */
  readonly step?: number;
  /** Largest accepted error (default 1e-6). */
  readonly tolerance?: number;
  /** Seed of the output projection weights and of forward mode's directions (default 0). */
  readonly seed?: number;
  /**
   * 'rev' (default): reverse mode against finite differences per input element;
   * 'fwd': forward mode's J·u against finite differences along a random direction u;
   * 'both': the two, and the dot-product test ⟨v, J u⟩ = ⟨Jᵀ v, u⟩ between them.
   */
  readonly mode?: GradcheckMode;
}

export type GradcheckMode = 'rev' | 'fwd' | 'both';
export const GRADCHECK_MODES: readonly GradcheckMode[] = ['rev', 'fwd', 'both'];

export interface GradcheckElement {
  readonly input: number;
  /** Flat (row-major) index into the input, and the same as a multi-index. */
  readonly index: number;
  readonly position: readonly number[];
  readonly analytic: number;
  readonly numeric: number;
  /** |analytic - numeric| / max(1, |analytic|, |numeric|): relative, absolute near zero. */
  readonly error: number;
  /**
   * Which check it comes from, in modes 'fwd' and 'both': 'forward' (an element of the
   * output, J·u as `analytic`, finite differences along u as `numeric`) or 'dot' (⟨v, J u⟩
   * as `analytic`, ⟨Jᵀ v, u⟩ as `numeric`); `input` is then -1. Absent for reverse mode's.
   */
  readonly check?: 'forward' | 'dot';
}

export interface GradcheckResult {
  readonly ok: boolean;
  readonly maxError: number;
  /** The element with the largest error (undefined when the inputs are empty). */
  readonly worst: GradcheckElement | undefined;
  readonly tolerance: number;
}

export { gradError };

export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const leaves = float64Leaves('gradcheck', fn, inputs);
  const mode = options.mode ?? 'rev';
  if (!GRADCHECK_MODES.includes(mode)) throw new Error(`gradcheck: mode must be one of ${GRADCHECK_MODES.join(', ')}, got ${describeArgument(mode)}`);
  if (mode === 'rev') return compareWithFiniteDifferences(leaves, () => fn(...leaves), options);
  const tolerance = options.tolerance ?? 1e-6;
  const seed = options.seed ?? 0;
  const plain = inputs.map((x) => cast(x, 'float64'));
  const found = [forwardWorst(fn, plain, options.step ?? 1e-5, seed)];
  if (mode === 'both') found.push(compareWithFiniteDifferences(leaves, () => fn(...leaves), options).worst, dotProductCheck(fn, plain, seed));
  const worst = found.reduce<GradcheckElement | undefined>((w, e) => (e !== undefined && (w === undefined || e.error > w.error) ? e : w), undefined);
  const maxError = worst?.error ?? 0;
  return { ok: maxError <= tolerance, maxError, worst, tolerance };
}

/** Checks gradcheck's arguments (`caller` names the function) and gives the inputs as float64 leaves that require grad. */
export function float64Leaves(caller: string, fn: unknown, inputs: readonly Tensor[]): Tensor[] {
  if (typeof fn !== 'function') throw new TypeError(`${caller}: the first argument must be a function of the inputs returning a Tensor, got ${describeArgument(fn)}`);
  if (!Array.isArray(inputs) || inputs.length === 0) throw new TypeError(`${caller}: the second argument must be a non-empty list of input Tensors, got ${describeArgument(inputs)}`);
  inputs.forEach((x, i) => {
    if (!(x instanceof Tensor)) throw new TypeError(`${caller}: inputs[${i}] must be a Tensor, got ${describeArgument(x)}`);
  });
  return inputs.map((x) => cast(x, 'float64').requireGrad());
}

/**
 * gradcheck for tensors that live inside something, such as a model's parameters: `loss`
 * is re-evaluated while each element of `params` (float64, requiring grad) is nudged in
 * place, then restored. Their `.grad` is overwritten.
 */
export function gradcheckParameters(loss: () => Tensor, params: readonly Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  params.forEach((p, k) => {
    if (p.dtype !== 'float64' || !p.requiresGrad) throw new Error(`gradcheckParameters: parameter ${k} ('${p.name ?? ''}') must be float64 and require grad`);
    p.zeroGrad();
  });
  return compareWithFiniteDifferences(params, loss, options);
}

function compareWithFiniteDifferences(leaves: readonly Tensor[], evaluate: () => Tensor, options: GradcheckOptions): GradcheckResult {
  const step = options.step ?? 1e-5;
  const tolerance = options.tolerance ?? 1e-6;
  const output = evaluate();
  if (!(output instanceof Tensor)) throw new Error('gradcheck: the function must return a Tensor');
  if (output.dtype !== 'float64') throw new Error(`gradcheck: the function returned ${output.dtype} for float64 inputs`);
  const weights = randomSigned(options.seed ?? 0, 'gradcheck-weights', output.size);
  const project = (t: Tensor): number => {
    let total = 0;
    for (let i = 0; i < t.size; i++) total += weights[i] * t.data[i];
    return total;
  };
  if (output.requiresGrad) output.backward(new Tensor(weights.slice(), output.shape));
  const analytic = leaves.map((leaf) => leaf.grad?.data ?? new Float64Array(leaf.size));
  const worst = noGrad(() => worstElement(leaves, analytic, () => project(evaluate()), (plus, minus) => plus - minus, step));
  const maxError = worst?.error ?? 0;
  return { ok: maxError <= tolerance, maxError, worst, tolerance };
}

/**
 * The element of `leaves` where `analytic` (one array per leaf) disagrees most with the
 * central difference difference(value(x + h), value(x - h)) / 2h, h = step · max(1, |x|),
 * of `value` (which reads the leaves) in that element.
 */
export function worstElement<V>(leaves: readonly Tensor[], analytic: readonly ArrayLike<number>[], value: () => V, difference: (plus: V, minus: V) => number, step: number): GradcheckElement | undefined {
  let worst: GradcheckElement | undefined;
  leaves.forEach((leaf, input) => {
    const strides = stridesOf(leaf.shape);
    for (let index = 0; index < leaf.size; index++) {
      const original = leaf.data[index];
      const h = step * Math.max(1, Math.abs(original));
      leaf.data[index] = original + h;
      const plus = value();
      leaf.data[index] = original - h;
      const minus = value();
      leaf.data[index] = original;
      const numeric = difference(plus, minus) / (2 * h);
      const error = gradError(analytic[input][index], numeric);
      if (worst === undefined || error > worst.error) {
        const position = strides.map((s, axis) => Math.floor(index / s) % leaf.shape[axis]);
        worst = { input, index, position, analytic: analytic[input][index], numeric, error };
      }
    }
  });
  return worst;
}

/** One line naming the worst element: `input 1 [2,0] of shape [3,2]: autograd 0.5, finite differences 0.49, error 1e-2`. */
export function describeWorst(result: GradcheckResult, inputs: readonly Tensor[]): string {
  const w = result.worst;
  if (w === undefined) return 'no input elements';
  if (w.check === 'forward') return `output at [${w.position.join(',')}]: forward mode (J·u) ${w.analytic}, finite differences along u ${w.numeric}, error ${w.error.toExponential(2)} (tolerance ${result.tolerance})`;
  if (w.check === 'dot') return `dot-product test: forward mode ⟨v, J u⟩ ${w.analytic}, reverse mode ⟨Jᵀ v, u⟩ ${w.numeric}, error ${w.error.toExponential(2)} (tolerance ${result.tolerance})`;
  return `input ${w.input} at [${w.position.join(',')}] of shape ${formatShape(inputs[w.input].shape)}: autograd ${w.analytic}, finite differences ${w.numeric}, error ${w.error.toExponential(2)} (tolerance ${result.tolerance})`;
}

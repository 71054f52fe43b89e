/**
 * Per-parameter diagnostics of one optimizer step (`--diagnostics N`: every N steps,
 * opt-in): for each parameter tensor, with g its gradient and Δp = p_after − p_before,
 *
 *   gradientNorm     ‖g‖₂
 *   updateNorm       ‖Δp‖₂
 *   updateToWeight   ‖Δp‖₂ / ‖p_before‖₂ (null when p_before is 0)
 *   effectiveStep    quantiles 10/50/90 % of |Δp_i| / |g_i| over the elements with g_i ≠ 0:
 *                    the step each element took per unit of its gradient (lr for plain
 *                    SGD; lr/(√v̂ + ε) and the like for adaptive rules, momentum and
 *                    weight decay included as they moved the element)
 *   epsilonDominance the share of elements whose denominator ε sets, in the rule's own
 *                    convention (src/optim/epsilon-dominance.ts); null where not measured
 *
 * With `sharpness`, also the top Hessian eigenvalue of the step's batch loss (Lanczos on
 * exact Hessian-vector products; the model in evaluation mode, so without dropout).
 *
 * Cost when on: a copy of the parameters before the measured step and one pass over
 * parameters, gradients and state after it; sharpness adds a forward, a graph-building
 * backward and one backward per Lanczos iteration. When off, training does not call this file.
 */
import type { Optimizer } from '../../optim/optimizer.ts';
import type { FloatArray } from '../../tensor/dtype.ts';
import { epsilonDominance } from '../../optim/epsilon-dominance.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { sharpness, type SharpnessOptions } from '../../autograd/index.ts';

export interface StepQuantiles {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

export interface ParameterDiagnostics {
  readonly name: string;
  readonly gradientNorm: number;
  readonly updateNorm: number;
  readonly updateToWeight: number | null;
  /** null when every gradient element is 0. */
  readonly effectiveStep: StepQuantiles | null;
  readonly epsilonDominance: number | null;
}

export interface StepDiagnostics {
  /** The optimizer's step count after the step measured (counted over the whole run). */
  readonly step: number;
  readonly parameters: readonly ParameterDiagnostics[];
  /** When asked: the top Hessian eigenvalue of the step's batch loss at the parameters the gradient was taken at. */
  readonly sharpness?: StepSharpness;
}

export interface StepSharpness {
  readonly eigenvalue: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** The model's parameters by name, as the training session holds them. */
type NamedParameters = readonly (readonly [string, { readonly data: FloatArray }])[];

/** What a run with diagnostics collects: the interval in steps and the measurements so far. */
export interface DiagnosticsCollector {
  readonly every: number;
  readonly records: StepDiagnostics[];
  /** Measure sharpness too, with these Lanczos settings. */
  readonly sharpness?: SharpnessOptions;
}

/**
 * Sharpness of one batch's loss (the workload's, src/experiment/workloads) at the current
 * parameters (sharpness.ts). The caller runs it with the model in evaluation mode
 * (WorkloadRun.inEvaluationMode), so dropout neither applies nor draws from its stream:
 * the training run's numbers stay those of a run without diagnostics.
 */
export function batchSharpness(loss: () => Tensor, parameters: readonly (readonly [string, Tensor])[], options: SharpnessOptions): StepSharpness {
  const { eigenvalue, iterations, converged } = sharpness(loss, parameters.map(([, t]) => t), options);
  return { eigenvalue, iterations, converged };
}

const norm = (a: ArrayLike<number>): number => {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i] * a[i];
  return Math.sqrt(total);
};

/** The q-quantile of sorted values, by linear interpolation between order statistics (NumPy's default). */
export function quantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** The parameters' values before a step, to compare with after it. */
export function snapshot(parameters: NamedParameters): Map<string, Float64Array> {
  return new Map(parameters.map(([name, t]) => [name, Float64Array.from(t.data)]));
}

/** The diagnostics of the step the optimizer just took, from the parameters before it, the gradients it took and the parameters now. */
export function measureStep(before: ReadonlyMap<string, Float64Array>, grads: ReadonlyMap<string, FloatArray>, parameters: NamedParameters, optimizer: Optimizer, curvature?: StepSharpness): StepDiagnostics {
  const measured = parameters.map(([name, t]): ParameterDiagnostics => {
    const previous = before.get(name)!;
    const g = grads.get(name)!;
    const update = Float64Array.from(t.data, (v, i) => v - previous[i]);
    const ratios: number[] = [];
    for (let i = 0; i < g.length; i++) if (g[i] !== 0) ratios.push(Math.abs(update[i]) / Math.abs(g[i]));
    const sorted = Float64Array.from(ratios).sort();
    const weightNorm = norm(previous);
    return {
      name,
      gradientNorm: norm(g),
      updateNorm: norm(update),
      updateToWeight: weightNorm === 0 ? null : norm(update) / weightNorm,
      effectiveStep: sorted.length === 0 ? null : { p10: quantile(sorted, 0.1), p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) },
      epsilonDominance: epsilonDominance(optimizer, name),
    };
  });
  return { step: optimizer.stepCount, parameters: measured, ...(curvature === undefined ? {} : { sharpness: curvature }) };
}

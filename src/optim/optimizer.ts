/**
 * The `Optimizer`: wires named parameters to their state, counts steps, evaluates the
 * learning-rate schedule, and applies the generic options in the spec's order before
 * handing each parameter to its pure update rule (docs/optimizers.md §1):
 *
 *   keras: clip (clipValue | clipNorm per parameter | globalClipNorm) → decoupled weight
 *          decay p ← p − p·wd·lr → update with t = steps taken + 1
 *   torch: t ← t + 1 → L2 g ← g + wd·p (AdamW: p ← p·(1 − lr·wd)) → update
 *
 * A rule whose spec says its weight decay is 'in-rule' (Muon in Keras, Schedule-Free
 * AdamW in torch) gets no generic decay and applies its own from `hp.weightDecay`.
 *
 * The caller's gradients are never written: clipping and L2 write into one scratch array
 * per parameter, allocated on first use and reused on every later step.
 */
import { OptimizerConfigError, allocateLike } from './types.ts';
import type { Closure, Convention, FloatArray, GradientMap, OptimizerName, OptimizerParam, StateArrays, TouchedRowsMap } from './types.ts';
import { resolveOptimizerConfig } from './options.ts';
import type { OptimizerOptions, ResolvedOptimizerConfig } from './options.ts';
import { optimizerSpec } from './registry.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import type { OptimizerKernels, OptimizerScalars } from './spec.ts';
import { learningRateAt } from './schedules.ts';
import { clipByNorm, clipByValue, globalClipScale, scaleInto, sumOfSquares } from './clipping.ts';
import { addL2Penalty, kerasDecoupledDecay, torchDecoupledDecay } from './weight-decay.ts';
import { copyBytesInto, decodeStateDict, encodeStateDict } from './state-dict.ts';
import type { LiveState, OptimizerStateDict } from './state-dict.ts';
import { formatShape } from '../describe.ts';
import { entryOf, evaluateClosure, touchedRowsOf } from './step-input.ts';

export interface OptimizerConfig {
  /** Whose defaults and formulas to follow; default 'keras'. */
  readonly convention?: Convention;
  /** camelCase option keys of the spec; absent or null means the convention's default. */
  readonly options?: OptimizerOptions;
  /** The parameters to update in place, each with a unique name. */
  readonly params: readonly OptimizerParam[];
  /**
   * Fused updates to use instead of a rule where they apply, e.g. a compute backend's
   * multi-threaded Adam. Each must give its rule's bits; the rules stay the reference.
   * A rule's spec says which kernel it takes and when (spec.ts, `fused`).
   */
  readonly kernels?: OptimizerKernels;
}

export type { OptimizerKernels } from './spec.ts';

export interface Optimizer {
  readonly name: OptimizerName;
  readonly convention: Convention;
  /** Every option this optimizer accepts, with the value in effect. */
  readonly options: ResolvedOptimizerConfig['options'];
  readonly paramNames: readonly string[];
  /** Whether the rule reads the rows each gradient touched (SparseAdam): callers gather them only then. */
  readonly readsTouchedRows: boolean;
  /** Steps taken so far; the next step uses t = stepCount + 1. */
  readonly stepCount: number;
  /** The learning rate the next step will use. */
  learningRate(): number;
  /**
   * One update of every parameter. `grads` must hold a gradient for each parameter name;
   * `touchedRows` may say which rows each gradient touched (SparseAdam needs them).
   */
  step(grads: GradientMap, touchedRows?: TouchedRowsMap): void;
  /**
   * torch's `step(closure)`: the optimizer calls `closure` for the loss and gradients at
   * the parameters' current values, once for a per-parameter rule, as often as it needs
   * for L-BFGS (which takes only this form). Returns the loss of the first call.
   */
  step(closure: Closure): number;
  /** The live named state arrays of one parameter (e.g. m, v, vHat). Copy before mutating. */
  state(paramName: string): StateArrays;
  /**
   * The weights a model should be evaluated at, for one parameter: Schedule-Free's x (its
   * parameter holds y, where gradients are taken; evaluation.ts's `withEvaluationWeights`
   * swaps x in around an evaluation), the parameter's own live data for every other rule.
   */
  evaluationWeights(paramName: string): FloatArray;
  /**
   * Runs `evaluate` with every parameter holding its evaluation weights, then puts the
   * training weights back bit for bit (also if `evaluate` throws): how a training loop
   * evaluates a Schedule-Free run at x, as torch's optimizer.eval()/train() do. For every
   * other rule it only runs `evaluate`.
   */
  atEvaluationWeights<T>(evaluate: () => T): T;
  /** Per-optimizer scalars (NAdam: muProduct = Π μ_k); empty for the others. */
  scalars(): Readonly<OptimizerScalars>;
  stateDict(): OptimizerStateDict;
  /** Restores a `stateDict()`; checks names, shapes and dtypes first and says which differs. */
  loadStateDict(dict: unknown): void;
}

function checkParams(params: unknown): readonly OptimizerParam[] {
  if (!Array.isArray(params)) throw new OptimizerConfigError('params must be an array of { name, shape, data }');
  const seen = new Set<string>();
  for (const [k, param] of params.entries()) {
    const p = param as Partial<OptimizerParam> | null;
    if (p === null || typeof p !== 'object' || typeof p.name !== 'string' || p.name === '') throw new OptimizerConfigError(`params[${k}] needs a non-empty string name`);
    if (seen.has(p.name)) throw new OptimizerConfigError(`parameter name '${p.name}' is used twice; names must be unique`);
    seen.add(p.name);
    if (!Array.isArray(p.shape) || !p.shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
      throw new OptimizerConfigError(`parameter '${p.name}': shape must be a list of integers >= 0`);
    }
    if (!(p.data instanceof Float32Array || p.data instanceof Float64Array)) throw new OptimizerConfigError(`parameter '${p.name}': data must be a Float32Array or Float64Array`);
    const size = p.shape.reduce((a, b) => a * b, 1);
    if (p.data.length !== size) throw new OptimizerConfigError(`parameter '${p.name}': shape ${formatShape(p.shape)} holds ${size} values but data has ${p.data.length}`);
  }
  return params as readonly OptimizerParam[];
}

export function createOptimizer(name: OptimizerName, config: OptimizerConfig): Optimizer {
  const resolved = resolveOptimizerConfig(name, config.convention ?? 'keras', config.options ?? {});
  const params = checkParams(config.params);
  const rule = optimizerSpec(resolved.name);
  for (const p of params) {
    const problem = rule.checkParameter?.(p.shape, resolved.convention);
    if (problem !== undefined) throw new OptimizerConfigError(`${resolved.name} (${resolved.convention} convention): parameter '${p.name}' has shape ${formatShape(p.shape)}; ${problem}`);
  }
  const hp = resolved.hyperparameters;
  const { clip, weightDecay, weightDecayKind } = resolved;

  // State goes where a fused kernel wants it only when that kernel will run on it.
  const kernels = config.kernels !== undefined && rule.fused?.appliesTo(config.kernels, hp) === true ? config.kernels : undefined;
  const allocateState = kernels?.allocateState ?? allocateLike;
  const states = new Map<string, StateArrays>();
  const stateShapes = new Map<string, Record<string, number[]>>();
  for (const p of params) {
    const shapes = rule.stateShapes(p.shape, hp, p.name);
    stateShapes.set(p.name, shapes);
    const state = Object.fromEntries(Object.entries(shapes).map(([key, shape]) => [key, allocateState(p.data, shape.reduce((a, b) => a * b, 1))]));
    for (const key of rule.stateFromParameter ?? []) state[key]?.set(p.data);
    states.set(p.name, state);
  }
  let scalars = rule.scalars?.initial(hp) ?? {};
  let stepCount = 0;
  const grads: FloatArray[] = new Array<FloatArray>(params.length);
  const rows: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(params.length);
  const needsRows = rule.needsTouchedRows?.(hp) === true;
  const scratch: (FloatArray | undefined)[] = new Array<FloatArray | undefined>(params.length);
  const scratchFor = (k: number): FloatArray => (scratch[k] ??= allocateLike(params[k]!.data, params[k]!.data.length));

  function collectGradients(given: GradientMap, touched?: TouchedRowsMap): void {
    if (typeof given !== 'object' || given === null) throw new OptimizerConfigError('step: grads must be a Map or an object keyed by parameter name');
    if (touched !== undefined && (typeof touched !== 'object' || touched === null)) throw new OptimizerConfigError('step: touchedRows must be a Map or an object keyed by parameter name');
    for (let k = 0; k < params.length; k++) {
      const p = params[k]!;
      const g = entryOf(given, p.name);
      if (g === undefined) throw new OptimizerConfigError(`step: no gradient for parameter '${p.name}' (shape ${formatShape(p.shape)}, ${p.data.length} values)`);
      if (!(g instanceof Float32Array || g instanceof Float64Array)) throw new OptimizerConfigError(`step: the gradient for '${p.name}' must be a Float32Array or Float64Array`);
      if (g.length !== p.data.length) {
        throw new OptimizerConfigError(`step: the gradient for '${p.name}' has ${g.length} values, the parameter has ${p.data.length} (shape ${formatShape(p.shape)})`);
      }
      grads[k] = g;
      rows[k] = touchedRowsOf(touched, p);
      if (needsRows && rows[k] === undefined) {
        throw new OptimizerConfigError(
          `step: ${resolved.name} needs the rows each gradient touched, and the gradient of '${p.name}' has none (a dense gradient, as torch.optim.SparseAdam refuses); give touchedRows, or set denseAdam: true to update such parameters by Adam`,
        );
      }
    }
  }

  function applyKerasGenericOptions(lr: number): void {
    if (clip !== null) {
      const c = clip.threshold;
      if (clip.kind === 'clipValue') for (let k = 0; k < params.length; k++) clipByValue(grads[k]!, c, (grads[k] = scratchFor(k)));
      if (clip.kind === 'clipNorm') for (let k = 0; k < params.length; k++) clipByNorm(grads[k]!, c, (grads[k] = scratchFor(k)));
      if (clip.kind === 'globalClipNorm') {
        let total = 0;
        for (let k = 0; k < params.length; k++) total += sumOfSquares(grads[k]!);
        const s = globalClipScale(Math.sqrt(total), c);
        for (let k = 0; k < params.length; k++) scaleInto(grads[k]!, s, (grads[k] = scratchFor(k)));
      }
    }
    if (weightDecay > 0 && weightDecayKind === 'keras-decoupled') for (const p of params) kerasDecoupledDecay(p.data, weightDecay, lr);
  }

  function applyTorchWeightDecay(lr: number): void {
    if (weightDecay === 0 || weightDecayKind === 'in-rule') return;
    for (let k = 0; k < params.length; k++) {
      const p = params[k]!.data;
      if (weightDecayKind === 'torch-decoupled') torchDecoupledDecay(p, weightDecay, lr);
      else addL2Penalty(grads[k]!, p, weightDecay, (grads[k] = scratchFor(k)));
    }
  }

  function stepWithGradients(given: GradientMap, touched: TouchedRowsMap | undefined): void {
    collectGradients(given, touched);
    const t = stepCount + 1;
    const lr = learningRateAt(resolved.learningRate, stepCount);
    if (resolved.convention === 'keras') applyKerasGenericOptions(lr);
    else applyTorchWeightDecay(lr);
    const stepHp: Hyperparameters = { ...hp, learningRate: lr };
    rule.scalars?.advance?.(scalars, stepHp, t);
    if (rule.acrossParameters !== undefined && !gatherAcrossParameters(rule.acrossParameters, stepHp, t)) {
      stepCount = t;
      return;
    }
    for (let k = 0; k < params.length; k++) {
      const p = params[k]!;
      const state = states.get(p.name)!;
      const g = grads[k]!;
      const touched = rows[k] === undefined ? {} : { touchedRows: rows[k] };
      const fused = kernels !== undefined && rule.fused !== undefined && rule.fused.update(kernels, p.data, g, state, stepHp, t, { shape: p.shape, ...touched });
      if (!fused) rule.update!(p.data, g, state, stepHp, { t, name: p.name, shape: p.shape, scalars, ...touched });
    }
    stepCount = t;
  }

  /** A closure rule (L-BFGS) evaluates as it needs; any other rule steps once with the closure's gradients. */
  function stepWithClosure(closure: Closure): number {
    if (rule.closure === undefined) {
      const result = evaluateClosure(closure);
      stepWithGradients(result.grads, result.touchedRows);
      return result.loss;
    }
    const stepHp: Hyperparameters = { ...hp, learningRate: learningRateAt(resolved.learningRate, stepCount) };
    const evaluate = () => {
      const result = evaluateClosure(closure);
      collectGradients(result.grads);
      return { loss: result.loss, grads: grads.slice() };
    };
    const loss = rule.closure.step(params.map((p) => p.data), evaluate, params.map((p) => states.get(p.name)!), scalars, stepHp);
    stepCount += 1;
    return loss;
  }

  function stateOf(paramName: string): StateArrays {
    const state = states.get(paramName);
    if (state === undefined) throw new OptimizerConfigError(`no parameter named '${paramName}'; parameters: ${[...states.keys()].join(', ')}`);
    return state;
  }

  /** A rule's sums over all parameters (spec.ts, CrossParameterStep); whether the parameters move this step. */
  function gatherAcrossParameters(across: NonNullable<typeof rule.acrossParameters>, stepHp: Hyperparameters, t: number): boolean {
    const totals: Record<string, number> = {};
    for (let k = 0; k < params.length; k++) {
      const p = params[k]!;
      const terms = across.gather(p.data, grads[k]!, states.get(p.name)!, stepHp, { t, name: p.name, shape: p.shape, scalars });
      for (const [key, value] of Object.entries(terms)) totals[key] = (totals[key] ?? 0) + value;
    }
    return across.combine(scalars, totals, stepHp, t);
  }

  function liveState(): LiveState {
    return { optimizer: resolved.name, convention: resolved.convention, stepCount, scalars, arrays: states, shapes: stateShapes };
  }

  return {
    name: resolved.name,
    convention: resolved.convention,
    readsTouchedRows: rule.needsTouchedRows !== undefined,
    options: resolved.options,
    paramNames: params.map((p) => p.name),
    get stepCount() {
      return stepCount;
    },
    learningRate: () => learningRateAt(resolved.learningRate, stepCount),
    step: ((input: GradientMap | Closure, touched?: TouchedRowsMap): number | void => {
      if (typeof input === 'function') return stepWithClosure(input);
      if (rule.closure !== undefined) {
        throw new OptimizerConfigError(`step: ${resolved.name} evaluates the function itself: call step(closure) with a closure returning { loss, grads } at the current parameters, as torch.optim.LBFGS.step(closure)`);
      }
      stepWithGradients(input, touched);
    }) as Optimizer['step'],
    state: stateOf,
    evaluationWeights(paramName: string): FloatArray {
      const state = stateOf(paramName);
      return rule.evaluationState === undefined ? params.find((p) => p.name === paramName)!.data : state[rule.evaluationState]!;
    },
    atEvaluationWeights<T>(evaluate: () => T): T {
      const key = rule.evaluationState;
      if (key === undefined) return evaluate();
      const training = params.map((p) => p.data.slice());
      for (const p of params) p.data.set(states.get(p.name)![key]!);
      try {
        return evaluate();
      } finally {
        params.forEach((p, k) => p.data.set(training[k]!));
      }
    },
    scalars: () => ({ ...scalars }),
    stateDict: () => encodeStateDict(liveState()),
    loadStateDict(dict: unknown): void {
      const decoded = decodeStateDict(dict, liveState());
      for (const [param, arrays] of decoded.arrays) {
        const live = states.get(param)!;
        for (const [name, bytes] of Object.entries(arrays)) copyBytesInto(live[name]!, bytes);
      }
      scalars = decoded.scalars;
      stepCount = decoded.stepCount;
    },
  };
}

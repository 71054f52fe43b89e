/**
 * What one optimizer is, as data and functions: the type each rule file (adam.ts, sgd.ts,
 * ...) exports one value of, and registry.ts lists. Everything else that names optimizers
 * (option checking, defaults, the CLI's help, the landscapes, the sweep labels, the table
 * test) derives from these specs.
 */
import type { Convention, FloatArray, StateArrays } from './types.ts';
import type { LearningRateSchedule } from './schedules.ts';
import type { FormulaSwitches, Hyperparameters } from './hyperparameters.ts';
import type { OptionRange } from './option-ranges.ts';
import type { AdamStep, SparseAdamStep } from './adam-ranges.ts';

export type { SparseAdamStep };

export type NumericOptionKey = Exclude<keyof Hyperparameters, keyof FormulaSwitches>;
export type ClipOptionKey = 'clipNorm' | 'clipValue' | 'globalClipNorm';
export type OptionKey = NumericOptionKey | 'weightDecay' | ClipOptionKey;
/** A string only where a rule's range is a choice (L-BFGS's lineSearchFn: 'strong_wolfe'). */
export type OptionValue = number | boolean | string | null;

/** Defaults by key, in the order the convention lists them; `null` means "off" (Keras's `None`). */
export type OptionDefaults = Readonly<Partial<Record<OptionKey, OptionValue>>>;

/** The hyperparameters fixed when the optimizer is built: everything but the step's learning rate. */
export type StaticHyperparameters = Omit<Hyperparameters, 'learningRate'>;

/** Scalars kept once per optimizer rather than per parameter (NAdam's Π μ). */
export type OptimizerScalars = Record<string, number>;

/** What one step hands a rule besides the arrays and the hyperparameters. */
export interface StepContext {
  /** The step number, from 1. */
  readonly t: number;
  /** The parameter's name (Keras's Muon sends parameters named like embeddings to its Adam step). */
  readonly name: string;
  readonly shape: readonly number[];
  readonly scalars: Readonly<OptimizerScalars>;
  /**
   * The rows (indices along the first axis, sorted, unique) this step's gradient of the
   * parameter touched, where the caller gave them: an embedding lookup's (gather's) rows.
   * Absent for a dense gradient. SparseAdam updates only these rows.
   */
  readonly touchedRows?: Int32Array;
}

/** A closure rule's view of one evaluation: the loss and every parameter's gradient, in parameter order. */
export interface Evaluation {
  readonly loss: number;
  readonly grads: readonly FloatArray[];
}

/**
 * A rule that evaluates the function itself (L-BFGS): one step moves all parameters, as
 * one vector in parameter order, calling `evaluate` (loss and gradients at the parameters'
 * current values) as often as it needs; returns the loss at the start.
 */
export interface ClosureRule<State> {
  readonly step: (params: readonly FloatArray[], evaluate: () => Evaluation, states: readonly State[], scalars: OptimizerScalars, hp: Hyperparameters) => number;
}

/**
 * Fused updates a compute backend offers instead of a rule, e.g. its multi-threaded Adam.
 * Each must give its rule's bits; the rules stay the reference.
 */
export interface OptimizerKernels {
  /** Adam and AdamW without AMSGrad, float32: adamUpdate's arithmetic over a whole parameter. */
  readonly adam?: (p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, step: AdamStep) => void;
  /** SparseAdam over a table's touched rows (ascending, distinct): sparseAdamUpdate's arithmetic, or false where the backend leaves the parameter to it. */
  readonly sparseAdam?: (p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, rows: Int32Array, rowSize: number, step: SparseAdamStep) => boolean;
  /** A zeroed state array of `like`'s element type (default: an ordinary array, shared if `like` is), e.g. where a backend's kernels work in place. */
  readonly allocateState?: (like: FloatArray, length: number) => FloatArray;
}

/** What a fused kernel learns of the parameter besides its arrays. */
export interface FusedStep {
  readonly shape: readonly number[];
  readonly touchedRows?: Int32Array;
}

/** A rule's fused kernel: when a backend's kernel may replace the rule, and how to call it. */
export interface FusedKernel<State> {
  /** Whether `kernels` hold this rule's kernel and it computes the rule under `hp` (then state goes where the kernels allocate it). */
  readonly appliesTo: (kernels: OptimizerKernels, hp: StaticHyperparameters) => boolean;
  /** Runs the kernel on one parameter and says so, or returns false where it does not take this parameter (then the rule runs). `step`: its shape and the rows its gradient touched, where the rule reads them. */
  readonly update: (kernels: OptimizerKernels, p: FloatArray, g: FloatArray, state: State, hp: Hyperparameters, t: number, step: FusedStep) => boolean;
}

/** Scalars kept once per optimizer, advanced once per step before any parameter is updated. */
export interface ScalarsSpec {
  readonly initial: (hp: StaticHyperparameters) => OptimizerScalars;
  readonly advance?: (scalars: OptimizerScalars, hp: Hyperparameters, t: number) => void;
}

/**
 * A step that needs sums over every parameter before any parameter moves (Prodigy's d
 * estimate: a dot product and a norm summed over all parameters). After
 * `scalars.advance`, `gather` runs on each parameter in order: it may update that
 * parameter's state (not p) and returns its terms, which the `Optimizer` adds up across
 * the parameters in the same order, from 0. `combine` then turns the totals into the
 * step's scalars, and `update` runs per parameter as for any rule, unless `combine`
 * returns false: then no parameter moves this step (the step count still advances).
 */
export interface CrossParameterStep<State> {
  readonly gather: (p: FloatArray, g: FloatArray, state: State, hp: Hyperparameters, step: StepContext) => Readonly<Record<string, number>>;
  readonly combine: (scalars: OptimizerScalars, totals: Readonly<Record<string, number>>, hp: Hyperparameters, t: number) => boolean;
}

export interface OptimizerSpec<Name extends string = string, State = StateArrays> {
  /** The name users pass (`adam`); lower case. */
  readonly name: Name;
  /** The name as a reader sees it in labels (`Adam`, `RMSprop`). */
  readonly displayName: string;
  /** The paper (or lecture) the rule follows. */
  readonly citation: string;
  /**
   * Each convention's defaults, in the order its options are listed; a convention is
   * absent where its library has no such optimizer (Keras has no Rprop), and at least one
   * is present. Keras's generic options (weightDecay, clipNorm, clipValue,
   * globalClipNorm: off) follow a rule's own unless it sets one (AdamW's decay).
   */
  readonly defaults: { readonly keras?: OptionDefaults; readonly torch?: OptionDefaults };
  /** The range of each of the rule's own options (the generic ones' are option-ranges.ts's). */
  readonly ranges: Readonly<Partial<Record<OptionKey, OptionRange>>>;
  /** Values the Keras convention uses without offering them as options (Nadam's ψ = 1). */
  readonly kerasFixed?: Partial<StaticHyperparameters>;
  /** torch's weight decay for this optimizer: L2 on the gradient (default), decoupled (AdamW), or applied by the rule itself from `hp.weightDecay` (Schedule-Free AdamW). */
  readonly torchWeightDecay?: 'l2' | 'decoupled' | 'in-rule';
  /** Keras's weight decay: the generic decoupled decay (default), or applied by the rule itself (Muon, whose Adam-updated parameters take `adamWeightDecay`). */
  readonly kerasWeightDecay?: 'in-rule';
  /** The state arrays for a parameter of `shape` (named `name`), by name, with their shapes. */
  readonly stateShapes: (shape: readonly number[], hp: StaticHyperparameters, name: string) => Record<string, number[]>;
  /** A parameter the rule refuses in a convention (torch.optim.Muon takes only matrices): the problem, or undefined. */
  readonly checkParameter?: (shape: readonly number[], convention: Convention) => string | undefined;
  /** State arrays that start as a copy of the parameter rather than at zero (Schedule-Free's z and x). */
  readonly stateFromParameter?: readonly string[];
  /**
   * The state array holding the weights a model should be evaluated at, where they are
   * not the parameter itself: Schedule-Free's x (the parameter holds y, where gradients
   * are taken). `Optimizer.evaluationWeights` returns it.
   */
  readonly evaluationState?: string;
  readonly scalars?: ScalarsSpec;
  /** Sums over all parameters that a step needs before `update` (Prodigy); absent for a rule that works one parameter at a time. */
  readonly acrossParameters?: CrossParameterStep<State>;
  /** One parameter's update, in place; `state` holds the arrays `stateShapes` named. Absent for a closure rule. */
  readonly update?: (p: FloatArray, g: FloatArray, state: State, hp: Hyperparameters, step: StepContext) => void;
  /** A rule that needs a closure (L-BFGS): `step(closure)` runs it; `step(grads)` is refused. */
  readonly closure?: ClosureRule<State>;
  /** Whether each gradient must say which rows it touched (SparseAdam without denseAdam, as torch refuses dense gradients). */
  readonly needsTouchedRows?: (hp: StaticHyperparameters) => boolean;
  readonly fused?: FusedKernel<State>;
  /** A check across options, after each is in its range: the problem (the message after 'name (convention): '), or undefined. */
  readonly checkOptions?: (options: Readonly<Record<string, OptionValue | LearningRateSchedule>>, convention: Convention) => string | undefined;
  /** Variants a study shows as optimizers of their own (AMSGrad: adam with amsgrad: true). */
  readonly variants?: readonly { readonly name: string; readonly options: Readonly<Partial<Record<Exclude<OptionKey, 'learningRate'>, OptionValue>>> }[];
}

/** A spec with its state typed as the generic optimizer holds it: named arrays. */
export type RegisteredOptimizer<Name extends string = string> = OptimizerSpec<Name, StateArrays>;

/**
 * Checks a rule file's spec against its own state type and erases that type for the
 * registry. The one cast is safe: the Optimizer builds each parameter's state from the
 * same spec's `stateShapes`, which is where the state type's names come from.
 */
export function defineOptimizer<const Name extends string, State>(spec: OptimizerSpec<Name, State>): RegisteredOptimizer<Name> {
  const { update, fused, closure, acrossParameters } = spec;
  const narrow = (state: StateArrays): State => state as unknown as State;
  return {
    ...spec,
    update: update && ((p, g, state, hp, step) => update(p, g, narrow(state), hp, step)),
    closure: closure && { step: (params, evaluate, states, scalars, hp) => closure.step(params, evaluate, states.map(narrow), scalars, hp) },
    acrossParameters: acrossParameters && { gather: (p, g, state, hp, step) => acrossParameters.gather(p, g, narrow(state), hp, step), combine: acrossParameters.combine },
    fused: fused && { appliesTo: fused.appliesTo, update: (kernels, p, g, state, hp, t, step) => fused.update(kernels, p, g, narrow(state), hp, t, step) },
  };
}

/** `stateShapes` for a rule whose state arrays are all shaped like the parameter. */
export function likeParameter(names: (hp: StaticHyperparameters) => readonly string[]) {
  return (shape: readonly number[], hp: StaticHyperparameters): Record<string, number[]> => Object.fromEntries(names(hp).map((name) => [name, [...shape]]));
}

/**
 * An op is defined once: `defineOp` takes its name, family, argument checks, forward,
 * backward, JVP (forward mode, forward.ts) and a description of valid inputs, registers it in the op table and returns
 * the public function. A composite (mean) gives `compose` instead of forward and
 * backward: autograd differentiates its parts. A primitive given float32 and float64
 * tensors gets them promoted to float64 first (promote.ts).
 *
 * Second order: a primitive's `differentiableBackward` is its backward written with the
 * public ops, which the graph-building gradient (grad.ts) calls instead of `backward`;
 * applyOp (op.ts) is the one place that records calls.
 */
import { Tensor } from '../tensor/tensor.ts';
import { applyOp, type BackwardContext, type Primitive } from './op.ts';
import { registerOp } from './op-table.ts';
import type { Spec } from './input-spec.ts';
import type { GraphStep } from './graph-step.ts';
import type { KinkRule } from './kink-rule.ts';
import { promoteMixedDtypes } from './promote.ts';

interface Common {
  readonly name: string;
  /** The file under src/autograd/ops that defines it. */
  readonly family: string;
  /** Valid argument lists of the public function, kept away from points where the op is not differentiable. */
  readonly arbitraryInputs: Spec<readonly unknown[]>;
  /** Where the op is smooth: its uses in the composition fuzzer's random graphs. */
  readonly graphSteps?: readonly GraphStep[];
  /** Where it is not differentiable: the subgradient it uses there, stated and checked (kink-rule.ts). */
  readonly kinks?: KinkRule;
  /** Where the op's second derivative does not exist (relu: at 0), in words; its op-table entry says so. */
  readonly secondOrderUndefinedAt?: string;
}

/** What `prepare` gives: the tensors to differentiate and the constant attributes. */
export interface OpCall<A> {
  readonly inputs: readonly Tensor[];
  readonly attrs: A;
}

export interface PrimitiveDefinition<P extends unknown[], A, S> extends Common {
  /**
   * Checks the public arguments (one line naming the op and the argument at fault) and
   * splits them into inputs and attributes; or gives the result itself where no op runs
   * (dropout in evaluation, or fused into the op before it).
   */
  prepare(...args: P): OpCall<A> | Tensor;
  /** The output, or the output and what backward needs that is not an input or the output. */
  forward(inputs: readonly Tensor[], attrs: A): Tensor | { output: Tensor; saved: S };
  backward(grad: Tensor, ctx: BackwardContext<A, S>): readonly (Tensor | null)[];
  /**
   * Forward mode (forward.ts): the output's tangent, in its shape and dtype, from one
   * tangent per input, each in its input's shape and dtype. Required: registerOp refuses a primitive without one.
   */
  jvp(tangents: readonly Tensor[], ctx: BackwardContext<A, S>): Tensor;
  /**
   * The same gradients as `backward`, written with the public ops so that they record a
   * graph and can be differentiated again: used only when a graph of the gradient is asked
   * for (`grad(f, params, { createGraph: true })`, `hvp`); `backward` stays the fast path.
   * Factors that are piecewise constant (relu's step, a mask) enter as constants.
   */
  differentiableBackward?(grad: Tensor, ctx: BackwardContext<A, S>): readonly (Tensor | null)[];
  /** The inputs broadcast against each other; backward gives gradients in the output's shape (op.ts sums them back). */
  readonly broadcasts?: boolean;
}

export interface CompositeDefinition<P extends unknown[]> extends Common {
  compose(...args: P): Tensor;
}

export function defineOp<P extends unknown[]>(definition: CompositeDefinition<P>): (...args: P) => Tensor;
export function defineOp<P extends unknown[], A, S = undefined>(definition: PrimitiveDefinition<P, A, S>): (...args: P) => Tensor;
export function defineOp<P extends unknown[], A, S>(definition: CompositeDefinition<P> | PrimitiveDefinition<P, A, S>): (...args: P) => Tensor {
  const fn = 'compose' in definition ? definition.compose : primitiveFunction(definition);
  Object.defineProperty(fn, 'name', { value: definition.name });
  const { name, family, arbitraryInputs, graphSteps, kinks } = definition;
  const forwardMode = 'compose' in definition ? 'composite' : typeof definition.jvp === 'function' ? 'jvp' : undefined;
  // A composite is differentiated through its parts, to any order.
  const secondOrder = 'compose' in definition || definition.differentiableBackward !== undefined ? { undefinedAt: definition.secondOrderUndefinedAt } : undefined;
  registerOp({ name, family, arbitraryInputs, graphSteps, call: fn as (...args: readonly unknown[]) => Tensor, forwardMode, kinks, secondOrder });
  return fn;
}

function primitiveFunction<P extends unknown[], A, S>(definition: PrimitiveDefinition<P, A, S>): (...args: P) => Tensor {
  const primitive: Primitive<A, S> = {
    name: definition.name,
    broadcasts: definition.broadcasts,
    forward: (inputs, attrs) => {
      const result = definition.forward(inputs, attrs);
      return result instanceof Tensor ? { output: result, saved: undefined as S } : result;
    },
    backward: (grad, ctx) => definition.backward(grad, ctx),
    jvp: (tangents, ctx) => definition.jvp(tangents, ctx),
    differentiableBackward: definition.differentiableBackward === undefined ? undefined : (grad, ctx) => definition.differentiableBackward!(grad, ctx),
  };
  return (...args: P): Tensor => {
    const prepared = definition.prepare(...promoteMixedDtypes(args));
    return prepared instanceof Tensor ? prepared : applyOp(primitive, prepared.inputs, prepared.attrs);
  };
}

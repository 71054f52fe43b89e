/**
 * How a primitive runs: a forward kernel and a backward rule that returns one gradient per
 * input (null where the input needs none); `applyOp` records the call in the graph when
 * any input requires grad. A broadcasting op's rule may return an input's gradient in the
 * output's (broadcast) shape: the node sums it over the broadcast axes to the input's
 * shape here, in one place, as tinygrad does, rather than in each op.
 */
import { Tensor, type GradNode } from '../tensor/tensor.ts';
import { reduceToShape } from '../tensor/broadcast.ts';
import { isGradEnabled } from './grad-mode.ts';
import { closeFusionWindow } from './fusion.ts';
import { propagateTangent } from './forward.ts';

export interface BackwardContext<A, S> {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly attrs: A;
  readonly saved: S;
}

export interface Primitive<A = undefined, S = undefined> {
  readonly name: string;
  forward(inputs: readonly Tensor[], attrs: A): { output: Tensor; saved: S };
  /** d(loss)/d(input_i) for every input, given d(loss)/d(output); each has its input's shape (or, with `broadcasts`, the output's). */
  backward(grad: Tensor, ctx: BackwardContext<A, S>): readonly (Tensor | null)[];
  /** Whether the inputs broadcast against each other, so that gradients need summing back to their shapes. */
  readonly broadcasts?: boolean;
  /** Forward mode: the output's tangent from one tangent per input (each in its input's shape and dtype). Required of ops made with defineOp. */
  jvp?(tangents: readonly Tensor[], ctx: BackwardContext<A, S>): Tensor;
  /** `backward` written with the public ops, so that it records a graph (second order: src/autograd/grad.ts); absent where the op has none. */
  readonly differentiableBackward?: (grad: Tensor, ctx: BackwardContext<A, S>) => readonly (Tensor | null)[];
}

/** The graph record of one op call. */
export interface Node extends GradNode {
  readonly inputs: readonly Tensor[];
  backward(grad: Tensor): readonly (Tensor | null)[];
  /** The op's differentiable backward, gradients in the output's shape where the op broadcasts (grad.ts sums them back with ops). */
  readonly secondOrder?: { readonly broadcasts: boolean; backward(grad: Tensor): readonly (Tensor | null)[] };
}

export function applyOp<A, S>(op: Primitive<A, S>, inputs: readonly Tensor[], attrs: A): Tensor {
  closeFusionWindow();
  const { output, saved } = op.forward(inputs, attrs);
  propagateTangent(op, { inputs, output, attrs, saved });
  if (isGradEnabled() && inputs.some((t) => t.requiresGrad)) {
    output.requiresGrad = true;
    const ctx: BackwardContext<A, S> = { inputs, output, attrs, saved };
    const backward = op.broadcasts
      ? (grad: Tensor) => op.backward(grad, ctx).map((g, i) => (g === null ? null : reduceToShape(g, inputs[i].shape)))
      : (grad: Tensor) => op.backward(grad, ctx);
    const graphBackward = op.differentiableBackward;
    const secondOrder = graphBackward === undefined ? undefined : { broadcasts: op.broadcasts === true, backward: (grad: Tensor) => graphBackward(grad, ctx) };
    const node: Node = { opName: op.name, inputs, backward, secondOrder };
    output.gradFn = node;
  }
  return output;
}

/** A primitive whose forward is a plain kernel and which saves nothing. */
export function simplePrimitive<A = undefined>(
  name: string,
  forward: (inputs: readonly Tensor[], attrs: A) => Tensor,
  backward: (grad: Tensor, ctx: BackwardContext<A, undefined>) => readonly (Tensor | null)[],
): Primitive<A, undefined> {
  return { name, forward: (inputs, attrs) => ({ output: forward(inputs, attrs), saved: undefined }), backward };
}

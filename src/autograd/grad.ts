/**
 * Gradients as values, and gradients that can be differentiated again.
 *
 * `grad(f, params)` evaluates the scalar f() and returns df/dparams, leaving `.grad`
 * alone (torch.autograd.grad, jax.grad). Without `createGraph` it runs each op's fast
 * `backward`, as `backward()` does (the same bits). With `createGraph: true` it runs each
 * op's `differentiableBackward` (the same rule written with the public ops) with the
 * graph recording, so the gradients it returns are tensors of the graph: grad of
 * ⟨∇f, v⟩ is then the Hessian-vector product H·v, exact up to rounding (Pearlmutter 1994,
 * "Fast exact multiplication by the Hessian"), for about the cost of two more backward
 * passes.
 */
import { Tensor } from '../tensor/tensor.ts';
import { addSameShape } from '../tensor/elementwise.ts';
import { copyData } from '../tensor/dtype.ts';
import { sameShape } from '../tensor/shape.ts';
import { full, zeros } from '../tensor/create.ts';
import { describeArgument, formatShape } from '../describe.ts';
import type { Node } from './op.ts';
import { enableGrad, noGrad } from './grad-mode.ts';
import { closeFusionWindow } from './fusion.ts';
import { checkInputGradient, reverseTopologicalOrder } from './backward.ts';
import { sumToShape } from './adjoints.ts';
import { add, mul } from './ops/arithmetic.ts';
import { sum } from './ops/reduce.ts';

export interface GradOptions {
  /** Record the graph of the gradient computation, so that the gradients can be differentiated (default false). */
  readonly createGraph?: boolean;
}

/**
 * d f() / d params for a function returning a one-element tensor (a loss); a parameter
 * f does not depend on gets zeros. f is evaluated with the graph recording, even inside
 * noGrad. The gradients of `createGraph: true` carry the graph: do not change them in place.
 */
export function grad(f: () => Tensor, params: readonly Tensor[], options: GradOptions = {}): Tensor[] {
  if (typeof f !== 'function') throw new TypeError(`grad: the first argument must be a function returning a one-element Tensor (a loss), got ${describeArgument(f)}`);
  checkParams('grad', params);
  const output = enableGrad(f);
  if (!(output instanceof Tensor)) throw new TypeError(`grad: the function must return a Tensor, got ${describeArgument(output)}`);
  if (output.size !== 1) throw new Error(`grad: the function must return a one-element tensor (a loss), got shape ${formatShape(output.shape)}`);
  return gradients(output, params, options.createGraph === true);
}

function checkParams(caller: string, params: readonly Tensor[]): void {
  if (!Array.isArray(params)) throw new TypeError(`${caller}: params must be a list of Tensors, got ${describeArgument(params)}`);
  params.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw new TypeError(`${caller}: params[${i}] must be a Tensor, got ${describeArgument(p)}`);
    if (!p.requiresGrad) throw new Error(`${caller}: params[${i}]${p.name === undefined ? '' : ` ('${p.name}')`} does not require grad (requireGrad() it first)`);
  });
}

/** The tensors of `order` (reverse topological) from which some target is reachable. */
function leadingToTargets(order: readonly Tensor[], targets: ReadonlySet<Tensor>): Set<Tensor> {
  const leads = new Set<Tensor>();
  // Inputs come after their consumers in `order`, so walking it backwards sees them first.
  for (let k = order.length - 1; k >= 0; k--) {
    const t = order[k];
    const inputs = (t.gradFn as Node | null)?.inputs ?? [];
    if (targets.has(t) || inputs.some((input) => leads.has(input))) leads.add(t);
  }
  return leads;
}

/** The node's differentiable backward, each gradient summed back to its input's shape with ops. */
function graphBackward(node: Node): (grad: Tensor) => readonly (Tensor | null)[] {
  const secondOrder = node.secondOrder;
  if (secondOrder === undefined) throw new Error(`grad: op '${node.opName}' has no differentiable backward, so its gradient cannot be differentiated (createGraph)`);
  if (!secondOrder.broadcasts) return secondOrder.backward;
  return (g) => secondOrder.backward(g).map((x, i) => (x === null ? null : sumToShape(x, node.inputs[i].shape)));
}

function gradients(root: Tensor, params: readonly Tensor[], createGraph: boolean): Tensor[] {
  const none = (p: Tensor) => zeros(p.shape, { dtype: p.dtype });
  if (!root.requiresGrad) return params.map(none);
  closeFusionWindow();
  const order = reverseTopologicalOrder(root);
  const targets = new Set(params);
  const leads = leadingToTargets(order, targets);
  const pending = new Map<Tensor, Tensor>([[root, full(root.shape, 1, { dtype: root.dtype })]]);
  const found = new Map<Tensor, Tensor>();
  const accumulate = createGraph ? (a: Tensor, b: Tensor) => add(a, b) : (a: Tensor, b: Tensor) => addSameShape(a, b);
  (createGraph ? enableGrad : noGrad)(() => {
    // As backward(): each tensor is reached after all its consumers, so its gradient is complete.
    for (const tensor of order) {
      const g = pending.get(tensor);
      pending.delete(tensor);
      if (g === undefined || !leads.has(tensor)) continue;
      if (targets.has(tensor)) found.set(tensor, g);
      const node = tensor.gradFn as Node | null;
      if (node === null) continue;
      const inputGrads = createGraph ? graphBackward(node)(g) : node.backward(g);
      node.inputs.forEach((input, i) => {
        const gi = inputGrads[i];
        if (!input.requiresGrad || !leads.has(input) || gi === null || gi === undefined) return;
        checkInputGradient('grad', node, i, gi);
        const previous = pending.get(input);
        pending.set(input, previous === undefined ? gi : accumulate(previous, gi));
      });
    }
  });
  return params.map((p) => {
    const g = found.get(p);
    if (g === undefined) return none(p);
    // A fast-path gradient may be shared between inputs (add gives g to both): hand out copies.
    return createGraph ? g : new Tensor(copyData(g.data), g.shape);
  });
}

/** H·v at params: the Hessian of f times `vectors` (one per parameter, same shapes and dtypes), exact. */
export function hvp(f: () => Tensor, params: readonly Tensor[], vectors: readonly Tensor[]): Tensor[] {
  return hessianOperator(f, params)(vectors);
}

/**
 * v ↦ H·v at the current params, for many v: the graph of ∇f is built once (one forward,
 * one graph-building backward); each product is then one backward through
 * ⟨∇f, v⟩. The parameters must not change while it is in use.
 */
export function hessianOperator(f: () => Tensor, params: readonly Tensor[]): (vectors: readonly Tensor[]) => Tensor[] {
  const gradient = grad(f, params, { createGraph: true });
  return (vectors) => {
    if (params.length === 0) return [];
    if (!Array.isArray(vectors) || vectors.length !== params.length) throw new TypeError(`hvp: vectors must be a list of ${params.length} Tensors, one per parameter, got ${describeArgument(vectors)}`);
    vectors.forEach((v, i) => {
      const p = params[i];
      if (!(v instanceof Tensor) || !sameShape(v.shape, p.shape) || v.dtype !== p.dtype) {
        throw new TypeError(`hvp: vectors[${i}] must be a ${p.dtype} Tensor of shape ${formatShape(p.shape)} like params[${i}], got ${v instanceof Tensor ? `${v.dtype} ${formatShape(v.shape)}` : describeArgument(v)}`);
      }
    });
    // ⟨∇f, v⟩ = Σ_i sum(∇_i f ⊙ v_i); its gradient is H·v.
    return grad(() => gradient.map((g, i) => sum(mul(g, vectors[i].detach()))).reduce((total, term) => add(total, term)), params);
  };
}

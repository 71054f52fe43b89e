/**
 * Forward mode: `jvp(f, primals, tangents)` runs f once and carries, beside every value,
 * its tangent, the directional derivative along the tangents of the inputs. Each
 * primitive gives a JVP rule (define-op.ts requires one), which applyOp (op.ts) calls
 * while a jvp is running: from the inputs' tangents (zeros for a value that has none,
 * such as a constant f closes over) to the output's, ṫ_out = Σ_i ∂f/∂x_i · ṫ_i. A
 * composite needs no rule: its parts carry the tangents. Nothing is recorded for later,
 * so memory stays that of the forward pass (Griewank & Walther 2008, §3.1).
 */
import { Tensor } from '../tensor/tensor.ts';
import { allocate, copyData } from '../tensor/dtype.ts';
import { sameShape } from '../tensor/shape.ts';
import { formatShape } from '../describe.ts';
import { describeArgument } from '../describe.ts';
import type { BackwardContext, Primitive } from './op.ts';

/** The tangents of the values of the running jvp, or null when none runs. */
let tangents: Map<Tensor, Tensor> | null = null;

/** Called by applyOp after an op's forward: gives its output the tangent its rule computes, if a jvp is running. */
export function propagateTangent<A, S>(op: Primitive<A, S>, ctx: BackwardContext<A, S>): void {
  if (tangents === null) return;
  const known = ctx.inputs.map((x) => tangents!.get(x));
  if (known.every((t) => t === undefined)) return;
  if (op.jvp === undefined) throw new Error(`jvp: op '${op.name}' has no forward-mode rule`);
  const inputTangents = ctx.inputs.map((x, i) => known[i] ?? new Tensor(allocate(x.dtype, x.size), x.shape));
  const tangent = op.jvp(inputTangents, ctx);
  if (!sameShape(tangent.shape, ctx.output.shape) || tangent.dtype !== ctx.output.dtype) {
    throw new Error(
      `jvp: op '${op.name}' gave a ${tangent.dtype} tangent of shape ${formatShape(tangent.shape)}, ` +
        `but its output is ${ctx.output.dtype} ${formatShape(ctx.output.shape)}`,
    );
  }
  tangents.set(ctx.output, tangent);
}

export interface JvpResult {
  /** f(primals). */
  readonly output: Tensor;
  /** J·tangents: the derivative of f at the primals along the tangents; output's shape and dtype. */
  readonly tangent: Tensor;
}

/**
 * The value of f at `primals` and its derivative along `tangents` (one per primal, same
 * shape and dtype), J·u, in one forward pass, as JAX's `jax.jvp` and PyTorch's
 * `torch.func.jvp`. f receives fresh tensors holding the primals' values.
 */
export function jvp(f: (...inputs: Tensor[]) => Tensor, primals: readonly Tensor[], tangentsIn: readonly Tensor[]): JvpResult {
  if (typeof f !== 'function') throw new TypeError(`jvp: the first argument must be a function of the primals returning a Tensor, got ${describeArgument(f)}`);
  if (!Array.isArray(primals) || primals.length === 0) throw new TypeError(`jvp: the primals (second argument) must be a non-empty list of Tensors, got ${describeArgument(primals)}`);
  if (!Array.isArray(tangentsIn) || tangentsIn.length !== primals.length) {
    throw new TypeError(`jvp: the tangents (third argument) must be a list of ${primals.length} Tensors, one per primal, got ${describeArgument(tangentsIn)}`);
  }
  primals.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw new TypeError(`jvp: primals[${i}] must be a Tensor, got ${describeArgument(p)}`);
    const t = tangentsIn[i];
    if (!(t instanceof Tensor)) throw new TypeError(`jvp: tangents[${i}] must be a Tensor, got ${describeArgument(t)}`);
    if (!sameShape(t.shape, p.shape) || t.dtype !== p.dtype) {
      throw new Error(`jvp: tangents[${i}] is ${t.dtype} ${formatShape(t.shape)}, but primals[${i}] is ${p.dtype} ${formatShape(p.shape)}`);
    }
  });
  if (tangents !== null) throw new Error('jvp: a jvp inside another jvp is not supported (nested forward mode)');
  const own = new Map<Tensor, Tensor>();
  const inputs = primals.map((p, i) => {
    const x = new Tensor(p.data, p.shape);
    own.set(x, new Tensor(copyData(tangentsIn[i].data), p.shape));
    return x;
  });
  tangents = own;
  try {
    const output = f(...inputs);
    if (!(output instanceof Tensor)) throw new TypeError(`jvp: the function must return a Tensor, got ${describeArgument(output)}`);
    // An output that does not depend on the primals has a zero tangent.
    const tangent = own.get(output) ?? new Tensor(allocate(output.dtype, output.size), output.shape);
    return { output, tangent };
  } finally {
    tangents = null;
  }
}

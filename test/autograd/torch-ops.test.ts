/**
 * The differential test against PyTorch (the tinygrad way): every op with a torch
 * equivalent, on the cases scripts/torch_ops_golden.py wrote with Debian's torch 1.13 in
 * float64 (test/fixtures/torch-ops.json): broadcasting, size-1 axes, scalars, empty
 * dimensions, kinks and ties. seedgrad's output, the gradient of every input for the
 * recorded cotangent and forward mode's J·u for the recorded tangents must match PyTorch's within 1e-10 (relative, absolute below 1): the
 * two differ only in the last bits of their elementary functions and summation orders.
 * Where they differ by design, the difference is listed below as documented in
 * docs/autograd.md, and the test checks that it is exactly that.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { findOp, jvp, opTable } from '../../src/autograd/index.ts';
import { Tensor } from '../../src/tensor/tensor.ts';

interface Encoded {
  readonly shape: number[];
  readonly data: (number | string)[];
}
interface GoldenCase {
  readonly id: string;
  readonly op: string;
  readonly args: unknown[];
  readonly inputs: Encoded[];
  readonly output: Encoded;
  readonly cotangent: Encoded;
  readonly gradients: (Encoded | null)[];
  readonly tangents: (Encoded | null)[];
  readonly outputTangent: Encoded;
}
const golden = JSON.parse(readFileSync(new URL('../fixtures/torch-ops.json', import.meta.url), 'utf8')) as {
  torch: string;
  noTorchEquivalent: Record<string, string>;
  cases: GoldenCase[];
};

const decode = (e: Encoded): Tensor => new Tensor(Float64Array.from(e.data, (v) => (typeof v === 'number' ? v : Number(v))), e.shape);

/** The case's call with input k bound to xs[k]. */
const call = (c: GoldenCase, xs: readonly Tensor[]): Tensor => {
  const bind = (v: unknown): unknown => {
    if (v === null) return undefined;
    if (Array.isArray(v)) return v.map(bind);
    if (typeof v === 'object' && '$input' in (v as object)) return xs[(v as { $input: number }).$input];
    return v;
  };
  return findOp(c.op)!.call!(...c.args.map(bind));
};

/** seedgrad's output, input gradients and forward-mode output tangent for a case. */
function run(c: GoldenCase): { output: Tensor; gradients: (Tensor | null)[]; tangent: Tensor } {
  const inputs = c.inputs.map((x) => decode(x).requireGrad());
  const output = call(c, inputs);
  if (output.requiresGrad) output.backward(decode(c.cotangent));
  const { tangent } = jvp((...xs) => call(c, xs), c.inputs.map(decode), c.tangents.map((u, i) => (u === null ? new Tensor(new Float64Array(inputs[i].size), inputs[i].shape) : decode(u))));
  return { output, gradients: inputs.map((x) => x.grad ?? new Tensor(new Float64Array(x.size), x.shape)), tangent };
}

/** The elements where `actual` and `expected` differ by more than 1e-10 (relative; NaN matches NaN). */
function differences(actual: Tensor, expected: Tensor): number[] {
  expect(actual.shape).toEqual(expected.shape);
  const out: number[] = [];
  expected.data.forEach((e, i) => {
    const a = actual.data[i];
    const same = Number.isNaN(e) ? Number.isNaN(a) : a === e || Math.abs(a - e) <= 1e-10 * Math.max(1, Math.abs(e));
    if (!same) out.push(i);
  });
  return out;
}

/** Differences by design (docs/autograd.md): the case, and which gradient or output elements differ. */
const CONVENTIONS: Record<string, { readonly why: string; readonly output?: number[]; readonly gradients?: number[][]; readonly tangent?: number[] }> = {
  // maximum([1, 2, -1], [1, 0, -1]): ties at elements 0 and 2; seedgrad's default gives them all to a, PyTorch ½ each.
  maximum_ties_default: { why: "ties 'first' (the default) gives a tie to the first operand; PyTorch splits it", gradients: [[0, 2], [0, 2]], tangent: [0, 2] },
  // amax over rows [2, 0, 2] and [1, 1, 1]: seedgrad's default routes each row's gradient to its first maximum.
  max_ties_default: { why: "ties 'first' (the default) routes a tie to the first maximal element; PyTorch's amax splits it", gradients: [[0, 2, 3, 4, 5]], tangent: [0, 1] },
  bce_empty_mean: { why: "the mean BCE over no elements is 0 in seedgrad (it divides by max(n, 1)), NaN in PyTorch", output: [0] },
  // mean is sum / n, so over no elements its tangent is 0/0 like its value; PyTorch's is the empty sum, 0.
  mean_empty_all: { why: 'the tangent of a mean over no elements is NaN (0/0, as the value), 0 in PyTorch', tangent: [0] },
  mean_empty_axis: { why: 'the tangent of a mean over no elements is NaN (0/0, as the value), 0 in PyTorch', tangent: [0, 1, 2] },
};

describe(`seedgrad against PyTorch ${golden.torch} (float64)`, () => {
  it('has a case for every op with a torch equivalent, and names the ops without one', () => {
    const covered = new Set(golden.cases.map((c) => c.op));
    for (const op of opTable()) {
      if (op.forwardMode === 'composite' && op.name !== 'mean') continue;
      expect(covered.has(op.name) || op.name in golden.noTorchEquivalent, `no torch case for '${op.name}': add one to scripts/torch_ops_golden.py`).toBe(true);
    }
    expect(golden.cases.some((c) => c.inputs.some((x) => x.shape.includes(0)))).toBe(true);
  });

  for (const c of golden.cases) {
    const convention = CONVENTIONS[c.id];
    it(`${c.id}: ${c.op} ${convention === undefined ? 'matches PyTorch' : `differs only as documented: ${convention.why}`}`, () => {
      const { output, gradients, tangent } = run(c);
      expect(output.dtype).toBe('float64');
      expect(differences(output, decode(c.output))).toEqual(convention?.output ?? []);
      c.gradients.forEach((g, i) => {
        if (g === null) return;
        expect(differences(gradients[i]!, decode(g)), `gradient of input ${i}`).toEqual(convention?.gradients?.[i] ?? []);
      });
      expect(differences(tangent, decode(c.outputTangent)), 'forward-mode tangent').toEqual(convention?.tangent ?? []);
    });
  }
});

/**
 * Gradients work in float32: for every op in the table, float32 autograd agrees with
 * float64 autograd on the same cases (rounding only; float32 has 24 bits, ~6e-8).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { opTable } from '../../src/autograd/index.ts';
import { COMPOSITIONS } from '../../src/autograd/fuzz/runner.ts';
import { cast } from '../../src/tensor/create.ts';
import { Tensor } from '../../src/tensor/tensor.ts';

function gradients(inputs: readonly Tensor[], run: (xs: readonly Tensor[]) => Tensor, dtype: 'float32' | 'float64'): number[][] {
  const leaves = inputs.map((x) => cast(x, dtype).requireGrad());
  const out = run(leaves);
  expect(out.dtype).toBe(dtype);
  if (!out.requiresGrad) return leaves.map((l) => new Array(l.size).fill(0));
  // Seed with a fixed pattern that float32 holds exactly.
  out.backward(new Tensor(cast(new Tensor(Float64Array.from({ length: out.size }, (_, i) => 1 + (i % 5) / 4), out.shape), dtype).data, out.shape));
  return leaves.map((l) => Array.from(l.grad?.data ?? new Float64Array(l.size)));
}

describe('float32 gradients', () => {
  for (const target of [...opTable(), COMPOSITIONS]) {
    it(`${target.name}: float32 gradients match float64 within 1e-4`, () => {
      for (const c of fc.sample(target.generate, { numRuns: 30, seed: 11 })) {
        const g32 = gradients(c.inputs, c.run, 'float32');
        const g64 = gradients(c.inputs, c.run, 'float64');
        g64.forEach((g, i) => g.forEach((expected, j) => {
          expect(Math.abs(g32[i][j] - expected) / Math.max(1, Math.abs(expected)), `${c.code(c.inputs.map((_, k) => `x${k}`))} input ${i}[${j}]`).toBeLessThan(1e-4);
        }));
      }
    });
  }
});

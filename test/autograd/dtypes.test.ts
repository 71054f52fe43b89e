/**
 * Dtypes over the whole op table. The rule (docs/autograd.md): an op's output is float64
 * when any tensor argument is float64, float32 when all are float32; float32 arguments of
 * a mixed call are cast up exactly, so the call computes what the all-float64 call on the
 * same (float32-rounded) values computes. Gradients come back in each input's own dtype
 * (a float32 input's is the float64 gradient rounded to float32), and so do forward
 * mode's tangents in (each input's dtype) and out (the output's).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jvp, opTable } from '../../src/autograd/index.ts';
import { COMPOSITIONS } from '../../src/autograd/fuzz/runner.ts';
import { cast } from '../../src/tensor/create.ts';
import { Tensor } from '../../src/tensor/tensor.ts';
import type { Dtype } from '../../src/tensor/dtype.ts';

/** Output, gradients and output tangent of a case with its inputs in `dtypes` (values rounded to float32 first, so every dtype pattern sees the same numbers). */
function evaluate(inputs: readonly Tensor[], run: (xs: readonly Tensor[]) => Tensor, dtypes: readonly Dtype[]) {
  const rounded = inputs.map((x) => cast(cast(x, 'float32'), 'float64'));
  const leaves = rounded.map((x, i) => cast(x, dtypes[i]).requireGrad());
  const output = run(leaves);
  const seed = new Tensor(Float64Array.from({ length: output.size }, (_, k) => 1 + (k % 4) / 4), output.shape);
  if (output.requiresGrad) output.backward(cast(seed, output.dtype));
  const tangentsIn = rounded.map((x, i) => cast(new Tensor(Float64Array.from({ length: x.size }, (_, k) => 0.5 + (k % 3) / 4), x.shape), dtypes[i]));
  const { tangent } = jvp((...xs) => run(xs), rounded.map((x, i) => cast(x, dtypes[i])), tangentsIn);
  return { output, grads: leaves.map((l) => l.grad), tangent };
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).every((v, i) => Object.is(v, b[i]) || (Number.isNaN(v) && Number.isNaN(b[i])) || v === b[i]);

describe('dtypes', () => {
  for (const target of [...opTable(), COMPOSITIONS]) {
    it(`${target.name}: float32 alone gives float32; float32 with float64 gives float64, the all-float64 numbers, and gradients and tangents in each input's dtype`, () => {
      let mixedCases = 0;
      for (const c of fc.sample(target.generate, { numRuns: 20, seed: 18 })) {
        const n = c.inputs.length;
        const all64 = evaluate(c.inputs, c.run, Array(n).fill('float64'));
        const all32 = evaluate(c.inputs, c.run, Array(n).fill('float32'));
        expect(all32.output.dtype).toBe('float32');
        expect(all32.tangent.dtype).toBe('float32');
        all32.grads.forEach((g) => expect(g === null || g.dtype === 'float32').toBe(true));
        // A random graph may leave an input unused, so its output dtype follows the inputs it uses: mixing is checked op by op.
        if (n < 2 || target === COMPOSITIONS) continue;
        // Alternate the dtypes both ways round: float32 first, then float64 first.
        for (const offset of [0, 1]) {
          const dtypes: Dtype[] = c.inputs.map((_, i) => ((i + offset) % 2 === 0 ? 'float32' : 'float64'));
          const mixed = evaluate(c.inputs, c.run, dtypes);
          const where = `${c.code(c.inputs.map((_, i) => `x${i}`))} with ${dtypes.join(', ')}`;
          expect(mixed.output.dtype, where).toBe('float64');
          expect(same(mixed.output.data, all64.output.data), where).toBe(true);
          expect(mixed.tangent.dtype, where).toBe('float64');
          expect(same(mixed.tangent.data, all64.tangent.data), where).toBe(true);
          mixed.grads.forEach((g, i) => {
            const reference = all64.grads[i];
            if (reference === null) return expect(g, where).toBeNull();
            expect(g?.dtype, `${where}: input ${i}`).toBe(dtypes[i]);
            expect(same(g!.data, cast(reference, dtypes[i]).data), `${where}: input ${i}`).toBe(true);
          });
          mixedCases++;
        }
      }
      if (['add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'matmul', 'dense', 'binaryCrossEntropyWithLogits'].includes(target.name)) expect(mixedCases).toBeGreaterThan(0);
    });
  }
});

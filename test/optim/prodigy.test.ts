import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOptimizer } from '../../src/optim/index.ts';
import { elementwiseByHand, expectAllClose, runTrajectory, stepsOf } from './helpers.ts';

interface ProdigyOptions {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly beta3: number | null;
  readonly epsilon: number;
  readonly weightDecay: number;
  readonly decouple: boolean;
  readonly useBiasCorrection: boolean;
  readonly safeguardWarmup: boolean;
  readonly d0: number;
  readonly dCoef: number;
  readonly growthRate: number | null;
}

/** |a − e| ≤ tol·|e| + 1e-15: the parameters are O(1), and a value that should be 0 may come out as a subnormal. */
function expectNear(actual: readonly number[], expected: readonly number[], tol: number): void {
  actual.forEach((a, i) => {
    const e = expected[i]!;
    if (!(Math.abs(a - e) <= tol * Math.abs(e) + 1e-15)) throw new Error(`element ${i}: got ${a}, expected ${e}`);
  });
}

/**
 * An independent float64 Prodigy over a list of parameters, from konstmish/prodigy's
 * `Prodigy.step` (one group, slice_p = 1): the first loop over all parameters (L2, the
 * numerator's dot product with p0 − p, the three averages, Σ|s|), the early return when
 * Σ|s| = 0, the d update, then the second loop (decoupled decay and the step with the new
 * d). Returns each step's parameters and d.
 */
function prodigyReference(o: ProdigyOptions, starts: readonly (readonly number[])[], grads: readonly (readonly (readonly number[])[])[]) {
  const p = starts.map((x) => [...x]);
  const p0 = starts.map((x) => [...x]);
  const zeros = () => starts.map((x) => x.map(() => 0));
  const expAvg = zeros(), expAvgSq = zeros(), s = zeros();
  const beta3 = o.beta3 ?? Math.sqrt(o.beta2);
  const growth = o.growthRate ?? Infinity;
  let d = o.d0, dMax = o.d0, dNumerator = 0, k = 0;
  return grads.map((stepGrads) => {
    const bc = o.useBiasCorrection ? (1 - o.beta2 ** (k + 1)) ** 0.5 / (1 - o.beta1 ** (k + 1)) : 1;
    const dlr = d * o.learningRate * bc;
    const g = stepGrads.map((gk, j) => gk.map((x, i) => (o.weightDecay !== 0 && !o.decouple ? x + o.weightDecay * p[j]![i]! : x)));
    let deltaNumerator = 0, dDenom = 0;
    g.forEach((gk, j) => {
      const dot = gk.reduce((a, x, i) => a + x * (p0[j]![i]! - p[j]![i]!), 0);
      deltaNumerator += (d / o.d0) * dlr * dot;
      gk.forEach((x, i) => {
        expAvg[j]![i] = expAvg[j]![i]! * o.beta1 + d * (1 - o.beta1) * x;
        expAvgSq[j]![i] = expAvgSq[j]![i]! * o.beta2 + d * d * (1 - o.beta2) * x * x;
        s[j]![i] = s[j]![i]! * beta3 + (d / o.d0) * (o.safeguardWarmup ? d : dlr) * x;
      });
      dDenom += s[j]!.reduce((a, x) => a + Math.abs(x), 0);
    });
    if (dDenom !== 0) {
      dNumerator = dNumerator * beta3 + deltaNumerator;
      const dHat = (o.dCoef * dNumerator) / dDenom;
      if (d === o.d0) d = Math.max(d, dHat);
      dMax = Math.max(dMax, dHat);
      d = Math.min(dMax, d * growth);
      g.forEach((gk, j) =>
        gk.forEach((x, i) => {
          const denom = Math.sqrt(expAvgSq[j]![i]!) + d * o.epsilon;
          if (o.weightDecay !== 0 && o.decouple) p[j]![i] = p[j]![i]! - o.weightDecay * dlr * p[j]![i]!;
          p[j]![i] = p[j]![i]! - (o.beta1 > 0 ? (dlr * expAvg[j]![i]!) / denom : (dlr * d * x) / denom);
        }),
      );
      k += 1;
    }
    return { params: p.map((x) => [...x]), d };
  });
}

describe('prodigy, torch convention, worked by hand', () => {
  it('step 1: p0 = p, so the numerator is 0 and d stays d0; p moves by dlr·m/(√v + d·ε) = 1e-6·1e-7·g/(√(1e-15)·|g| + 1e-14)', () => {
    const [step1] = stepsOf('prodigy', 'torch', {}, [1, -2], [[0.5, -1]]);
    const move = (g: number): number => (1e-6 * 1e-7 * g) / (Math.sqrt(1e-15 * g * g) + 1e-14);
    expectAllClose(step1!, [1 - move(0.5), -2 - move(-1)], 1e-14);
    expect(1 - step1![0]!).toBeCloseTo(1e-13 / Math.sqrt(1e-15), 9); // ≈ 3.16e-6 = dlr·(1 − β1)/√(1 − β2)
  });

  it('step 2 with the same gradient: d jumps to d̂ = δ/(1 + β3), δ = the distance step 1 moved, and p moves by dlr·m2/(√v2 + d̂·ε)', () => {
    const g = [0.5, -1];
    const params = [{ name: 'p', shape: [2], data: Float64Array.from([1, -2]) }];
    const opt = createOptimizer('prodigy', { convention: 'torch', params });
    opt.step({ p: Float64Array.from(g) });
    expect(opt.scalars()).toMatchObject({ d: 1e-6, dMax: 1e-6, dNumerator: 0, k: 1 });
    expect(opt.scalars()['dDenom']).toBeCloseTo(1.5e-6, 20); // Σ|s| = 1e-6·(0.5 + 1)
    const p1 = Array.from(params[0]!.data);
    opt.step({ p: Float64Array.from(g) });
    // r = Σ g·(p0 − p1) · (d/d0)·dlr = 1e-6·Σ|g|·δ_i, D = (1 + β3)·1e-6·Σ|g|, so d̂ = Σ|g|δ/((1 + β3)·Σ|g|).
    const beta3 = Math.sqrt(0.999);
    const delta = [1 - p1[0]!, -2 - p1[1]!].map((x, i) => x * Math.sign(g[i]!));
    const dHat = (0.5 * delta[0]! + 1 * delta[1]!) / ((1 + beta3) * 1.5);
    expectAllClose([opt.scalars()['dHat']!, opt.scalars()['d']!, opt.scalars()['dMax']!], [dHat, dHat, dHat], 1e-12);
    expect(dHat).toBeCloseTo(Math.sqrt(1e-15) ** -1 * 1e-13 / (1 + beta3), 9);
    // m2 = 0.9·1e-7·g + 0.1·1e-6·g = 1.9e-7·g (the old d); v2 = 1.999e-15·g²; the step uses the old dlr = 1e-6 and the new d in ε.
    const expected = p1.map((x, i) => x - (1e-6 * 1.9e-7 * g[i]!) / (Math.sqrt(1.999e-15 * g[i]! * g[i]!) + dHat * 1e-8));
    expectAllClose(Array.from(params[0]!.data), expected, 1e-12);
  });

  it('a step whose gradients are all zero moves nothing and leaves d and k alone (the reference returns early)', () => {
    const params = [{ name: 'p', shape: [2], data: Float64Array.from([1, -2]) }];
    const opt = createOptimizer('prodigy', { convention: 'torch', params });
    opt.step({ p: Float64Array.from([0, 0]) });
    expect(Array.from(params[0]!.data)).toEqual([1, -2]);
    expect(opt.scalars()).toMatchObject({ d: 1e-6, k: 0 });
    expect(opt.stepCount).toBe(1);
  });
});

describe('prodigy against an independent float64 reference', () => {
  it('agrees over up to 30 steps on several parameters, with random options and gradients', () => {
    const options = fc.record({
      learningRate: fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 10, noNaN: true })),
      beta1: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.99, noNaN: true })),
      beta2: fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
      beta3: fc.oneof(fc.constant(null), fc.double({ min: 0, max: 0.999, noNaN: true })),
      epsilon: fc.double({ min: 1e-10, max: 1e-4, noNaN: true }),
      weightDecay: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.5, noNaN: true })),
      decouple: fc.boolean(),
      useBiasCorrection: fc.boolean(),
      safeguardWarmup: fc.boolean(),
      d0: fc.oneof(fc.constant(1e-6), fc.double({ min: 1e-8, max: 1e-2, noNaN: true })),
      dCoef: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 3, noNaN: true })),
      growthRate: fc.oneof(fc.constant(null), fc.double({ min: 1, max: 2, noNaN: true })),
    });
    const entry = fc.double({ min: -3, max: 3, noNaN: true });
    fc.assert(
      fc.property(
        options,
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }).chain((sizes) =>
          fc.tuple(
            fc.tuple(...sizes.map((n) => fc.array(entry, { minLength: n, maxLength: n }))),
            fc.array(fc.tuple(...sizes.map((n) => fc.array(fc.oneof(fc.constant(0), entry), { minLength: n, maxLength: n }))), { minLength: 1, maxLength: 30 }),
          ),
        ),
        (o, [starts, grads]) => {
          const specs = starts.map((data, k) => ({ name: `p${k}`, shape: [data.length], data }));
          const { trajectory, optimizer } = runTrajectory('prodigy', 'torch', o, specs, grads);
          const expected = prodigyReference(o, starts, grads);
          trajectory.forEach((step, s) => step.forEach((row, k) => expectNear(row, expected[s]!.params[k]!, 1e-9)));
          expectAllClose([optimizer.scalars()['d']!], [expected[expected.length - 1]!.d], 1e-9);
        },
      ),
    );
  });
});

describe('prodigy properties', () => {
  const gradients = fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 30 });

  it('d never decreases, never exceeds dMax, and grows at most by growthRate per step', () => {
    fc.assert(
      fc.property(gradients, fc.oneof(fc.constant(null), fc.double({ min: 1, max: 1.5, noNaN: true })), (grads, growthRate) => {
        const params = [{ name: 'p', shape: [4], data: Float64Array.from([0.5, -1, 2, 0]) }];
        const opt = createOptimizer('prodigy', { convention: 'torch', options: { growthRate }, params });
        let previous = opt.scalars()['d']!;
        for (const g of grads) {
          opt.step({ p: Float64Array.from(g) });
          const { d, dMax } = opt.scalars() as { d: number; dMax: number };
          expect(d).toBeGreaterThanOrEqual(previous);
          expect(d).toBeLessThanOrEqual(dMax);
          if (growthRate !== null && previous !== 1e-6) expect(d).toBeLessThanOrEqual(previous * growthRate);
          previous = d;
        }
      }),
    );
  });

  it('its sums run over all parameters: one parameter split in two pieces takes the same steps, to the bit', () => {
    fc.assert(
      fc.property(gradients, (grads) => {
        const whole = runTrajectory('prodigy', 'torch', {}, [{ name: 'w', shape: [4], data: [0.5, -1, 2, 0.25] }], grads.map((g) => [g])).trajectory;
        const split = runTrajectory('prodigy', 'torch', {}, [{ name: 'a', shape: [1], data: [0.5] }, { name: 'b', shape: [3], data: [-1, 2, 0.25] }], grads.map((g) => [g.slice(0, 1), g.slice(1)])).trajectory;
        expect(split.map((step) => step.flat())).toEqual(whole.map((step) => step.flat()));
      }),
    );
  });

  it('with dCoef = 0, d stays d0 and Prodigy is Adam without bias correction at lr·d0 (m and v scale with d, which cancels)', () => {
    fc.assert(
      fc.property(gradients, fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (grads, beta1, beta2) => {
        const o = { dCoef: 0, d0: 1e-3, learningRate: 2, beta1, beta2, epsilon: 1e-8 };
        const actual = stepsOf('prodigy', 'torch', o, [0.5, -1, 2, 0], grads);
        const expected = elementwiseByHand([0.5, -1, 2, 0], grads, () => {
          let m = 0, v = 0, moved = false;
          return (p, g) => {
            m = beta1 * m + (1 - beta1) * g;
            v = beta2 * v + (1 - beta2) * g * g;
            moved ||= g !== 0;
            return moved ? p - (2 * 1e-3 * m) / (Math.sqrt(v) + 1e-8) : p;
          };
        });
        // A step where every gradient is zero so far is skipped as a whole, as the reference does.
        actual.forEach((s, k) => (grads.slice(0, k + 1).every((g) => g.every((x) => x === 0)) ? undefined : expectNear(s, expected[k]!, 1e-9)));
      }),
    );
  });

  it('exists only in the torch convention and refuses learningRate 0 and epsilon 0, as the reference does', () => {
    expect(() => createOptimizer('prodigy', { params: [] })).toThrow(/prodigy is not offered in the keras convention .*torch/);
    expect(() => createOptimizer('prodigy', { convention: 'torch', options: { learningRate: 0 }, params: [] })).toThrow('prodigy (torch convention): learningRate must be > 0, got 0');
    expect(() => createOptimizer('prodigy', { convention: 'torch', options: { epsilon: 0 }, params: [] })).toThrow(/prodigy \(torch convention\): epsilon must be a number > 0, got 0/);
  });
});

describe('prodigy in a trace', () => {
  it('trace --states also lists each step’s scalars (d, dMax, dHat, ...); a rule without scalars gets no such list', async () => {
    const { parseTraceInput, runTrace } = await import('../../src/optim/index.ts');
    const input = (optimizer: string) =>
      parseTraceInput(JSON.stringify({ optimizer, convention: 'torch', params: [{ name: 'w', shape: [2], data: [1, -2] }], grads: [[[0.5, -1]], [[0.5, -1]]] }));
    const out = JSON.parse(runTrace(input('prodigy'), true).text) as { scalars: Record<string, number>[] };
    expect(out.scalars).toHaveLength(2);
    expect(Object.keys(out.scalars[0]!)).toEqual(['d', 'dMax', 'dNumerator', 'dDenom', 'dHat', 'k', 'dlr']);
    expect(out.scalars[0]!['d']).toBe(1e-6);
    expect(out.scalars[1]!['d']).toBeGreaterThan(1e-6); // step 2 of a constant gradient raises d (worked above)
    expect(JSON.parse(runTrace(input('nadam'), true).text).scalars).toHaveLength(2);
    expect(JSON.parse(runTrace(input('adam'), true).text)).not.toHaveProperty('scalars');
    expect(JSON.parse(runTrace(input('prodigy'), false).text)).not.toHaveProperty('scalars');
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOptimizer } from '../../src/optim/index.ts';
import { expectAllClose, runTrajectory, stepsOf } from './helpers.ts';

interface LambOptions {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
}

/**
 * An independent float64 LAMB from keras/src/optimizers/lamb.py, for one parameter (the
 * trust ratio is per parameter): Keras's generic decay p − p·wd·lr first, then m, v, the
 * bias-corrected direction u with ε outside the root, and p − r·lr·u.
 */
function lambReference(o: LambOptions, start: readonly number[], grads: readonly (readonly number[])[]): number[][] {
  let p = [...start];
  let m = p.map(() => 0);
  let v = p.map(() => 0);
  return grads.map((g, s) => {
    const t = s + 1;
    if (o.weightDecay > 0) p = p.map((x) => x - x * o.weightDecay * o.learningRate);
    m = m.map((mi, i) => mi + (g[i]! - mi) * (1 - o.beta1));
    v = v.map((vi, i) => vi + (g[i]! ** 2 - vi) * (1 - o.beta2));
    const u = m.map((mi, i) => mi / (1 - o.beta1 ** t) / (Math.sqrt(v[i]! / (1 - o.beta2 ** t)) + o.epsilon));
    const norm = (x: number[]): number => Math.sqrt(x.reduce((a, b) => a + b * b, 0));
    const ratio = norm(p) > 0 && norm(u) > 0 ? norm(p) / norm(u) : 1;
    p = p.map((x, i) => x - ratio * o.learningRate * u[i]!);
    return p;
  });
}

describe('lamb, keras convention, worked by hand', () => {
  it('step 1: u = g/(|g| + ε), the trust ratio ‖p‖/‖u‖ = √5/√2 (nearly), p ← p − r·lr·u', () => {
    // m̂ = g and v̂ = g² on step 1, so u = (0.5/(0.5 + 1e-7), −1/(1 + 1e-7)) ≈ (1, −1).
    const u = [0.5 / (0.5 + 1e-7), -1 / (1 + 1e-7)];
    const ratio = Math.sqrt(5) / Math.hypot(u[0]!, u[1]!);
    const [step1] = stepsOf('lamb', 'keras', {}, [1, -2], [[0.5, -1]]);
    expectAllClose(step1!, [1 - ratio * 0.001 * u[0]!, -2 - ratio * 0.001 * u[1]!], 1e-15);
    expect(step1![0]).toBeCloseTo(1 - 0.001 * Math.sqrt(2.5), 9);
  });

  it('step 2 with g2 = (−0.25, 0.1): m = (0.02, −0.08), v = (3.1225e-4, 1.009e-3), corrected by 1 − 0.81 and 1 − 0.998001', () => {
    const p1 = stepsOf('lamb', 'keras', {}, [1, -2], [[0.5, -1]])[0]!;
    const m = [0.05 * 0.9 + 0.1 * -0.25, -0.1 * 0.9 + 0.1 * 0.1];
    const v = [0.00025 * 0.999 + 0.001 * 0.0625, 0.001 * 0.999 + 0.001 * 0.01];
    expectAllClose(m, [0.02, -0.08], 1e-12);
    expectAllClose(v, [3.1225e-4, 1.009e-3], 1e-12);
    const u = m.map((mi, i) => mi / 0.19 / (Math.sqrt(v[i]! / (1 - 0.999 ** 2)) + 1e-7));
    const ratio = Math.hypot(p1[0]!, p1[1]!) / Math.hypot(u[0]!, u[1]!);
    const [, step2] = stepsOf('lamb', 'keras', {}, [1, -2], [[0.5, -1], [-0.25, 0.1]]);
    expectAllClose(step2!, [p1[0]! - ratio * 0.001 * u[0]!, p1[1]! - ratio * 0.001 * u[1]!], 1e-12);
  });

  it('a zero parameter takes ratio 1: it moves by lr·u (≈ lr·sign(g) on step 1)', () => {
    const [step1] = stepsOf('lamb', 'keras', { epsilon: 0 }, [0, 0], [[3, -0.2]]);
    expect(step1).toEqual([-0.001, 0.001]);
  });
});

describe('lamb against an independent float64 reference', () => {
  it('agrees over up to 30 steps on parameters of several shapes, random options and gradients, with Keras weight decay', () => {
    const options = fc.record({
      learningRate: fc.double({ min: 1e-5, max: 0.5, noNaN: true }),
      beta1: fc.double({ min: 0, max: 0.99, noNaN: true }),
      beta2: fc.double({ min: 0, max: 0.9999, noNaN: true }),
      epsilon: fc.double({ min: 1e-9, max: 1e-2, noNaN: true }), // ε = 0 with a zero gradient is 0/0, in Keras too
      weightDecay: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    });
    const entry = fc.double({ min: -4, max: 4, noNaN: true });
    fc.assert(
      fc.property(options, fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 30 }), fc.nat(), (o, sizes, steps, seed) =>
        fc.assert(
          fc.property(
            fc.tuple(...sizes.map((n) => fc.array(entry, { minLength: n, maxLength: n }))),
            fc.array(fc.tuple(...sizes.map((n) => fc.array(entry, { minLength: n, maxLength: n }))), { minLength: steps, maxLength: steps }),
            (starts, grads) => {
              const specs = starts.map((data, k) => ({ name: `p${k}`, shape: [data.length], data }));
              const { trajectory } = runTrajectory('lamb', 'keras', o, specs, grads);
              starts.forEach((start, k) => {
                const expected = lambReference(o, start, grads.map((g) => g[k]!));
                trajectory.forEach((step, s) => expectAllClose(step[k]!, expected[s]!, 1e-11));
              });
            },
          ),
          { numRuns: 3, seed },
        ),
      ),
      { numRuns: 60 },
    );
  });
});

describe('lamb properties', () => {
  const gradient = fc.double({ min: 1e-3, max: 1e3, noNaN: true }).chain((x) => fc.constantFrom(x, -x));

  it('each parameter’s step has norm lr·‖p‖, whatever its gradients (the trust ratio, per parameter)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(gradient, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 1e-4, max: 0.1, noNaN: true }),
        (grads, learningRate) => {
          const params = [
            { name: 'small', shape: [2], data: Float64Array.from([1e-3, -2e-3]) },
            { name: 'large', shape: [3], data: Float64Array.from([30, -10, 5]) },
          ];
          const opt = createOptimizer('lamb', { options: { learningRate }, params });
          for (const g of grads) {
            const before = params.map((p) => Array.from(p.data));
            opt.step({ small: Float64Array.from(g.slice(0, 2)), large: Float64Array.from(g.slice(2)) });
            params.forEach((p, k) => {
              const moved = Math.hypot(...Array.from(p.data, (x, i) => x - before[k]![i]!));
              expectAllClose([moved], [learningRate * Math.hypot(...before[k]!)], 1e-9);
            });
          }
        },
      ),
    );
  });

  it('with ε = 0 the trajectory is invariant to scaling the gradients', () => {
    fc.assert(
      fc.property(fc.array(fc.array(gradient, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (grads, scale) => {
        const a = stepsOf('lamb', 'keras', { epsilon: 0 }, [0.5, -1, 2], grads);
        const b = stepsOf('lamb', 'keras', { epsilon: 0 }, [0.5, -1, 2], grads.map((g) => g.map((x) => x * scale)));
        a.forEach((s, k) => expectAllClose(b[k]!, s, 1e-11));
      }),
    );
  });

  it('exists only in the Keras convention', () => {
    expect(() => createOptimizer('lamb', { convention: 'torch', params: [] })).toThrow(/lamb is not offered in the torch convention .*keras/);
  });
});

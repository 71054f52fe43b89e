/**
 * Schedule-Free SGD against a float64 reference written here from facebookresearch/
 * schedule_free's SGDScheduleFree, in the paper's form (x and z explicit, y derived),
 * not from src/optim.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOptimizer, sgdScheduleFreeUpdate } from '../../src/optim/index.ts';
import { expectAllClose, stepsOf } from './helpers.ts';
import { expectNear, runScheduleFree, type Sequences } from './schedule-free-run.ts';

const run = (options: Parameters<typeof runScheduleFree>[2], p0: readonly number[], grads: readonly (readonly number[])[]): Sequences[] =>
  runScheduleFree('sgd-schedulefree', 'torch', options, p0, grads);

interface Options {
  readonly lr: number;
  readonly momentum: number;
  readonly wd: number;
  readonly warmup: number;
  readonly r: number;
  readonly power: number;
}


/** z ← z − γ_t·(g + wd·y), x ← (1 − c_t)·x + c_t·z, y = (1 − β)·z + β·x; c_t = w_t/Σw, w_t = t^r·(max γ)^power. */
function reference(p0: readonly number[], grads: readonly (readonly number[])[], o: Options): Sequences[] {
  const z = [...p0], x = [...p0];
  let lrMax = -1, weightSum = 0;
  return grads.map((g, s) => {
    const t = s + 1;
    const gamma = o.warmup > 0 ? o.lr * Math.min(t / o.warmup, 1) : o.lr;
    lrMax = Math.max(lrMax, gamma);
    const w = t ** o.r * lrMax ** o.power;
    weightSum += w;
    const c = weightSum === 0 ? 0 : w / weightSum;
    g.forEach((gi, i) => {
      const y = (1 - o.momentum) * z[i]! + o.momentum * x[i]!;
      z[i] = z[i]! - gamma * (gi + o.wd * y);
      x[i] = (1 - c) * x[i]! + c * z[i]!;
    });
    return { y: z.map((zi, i) => (1 - o.momentum) * zi + o.momentum * x[i]!), z: [...z], x: [...x] };
  });
}

describe('sgd-schedulefree, worked by hand', () => {
  it('lr 0.1, p0 = 1, g = 0.5 then −1: z1 = x1 = y1 = 0.95; z2 = 1.05, c2 = 1/2, x2 = 1, y2 = 0.1·1.05 + 0.9·1 = 1.005', () => {
    // c_1 = 1 (the only weight), c_2 = 0.1²/(2·0.1²) = 1/2.
    const [s1, s2] = run({ learningRate: 0.1 }, [1], [[0.5], [-1]]);
    expectAllClose([s1!.z[0]!, s1!.x[0]!, s1!.y[0]!], [0.95, 0.95, 0.95], 1e-15);
    expectAllClose([s2!.z[0]!, s2!.x[0]!, s2!.y[0]!], [1.05, 1, 1.005], 1e-15);
  });

  it('warm-up 4: γ1 = lr/4; weight decay 0.5 is L2 at y: z1 = 1 − 0.025·(0.5 + 0.5·1)', () => {
    const [s1] = run({ learningRate: 0.1, warmupSteps: 4, weightDecay: 0.5 }, [1], [[0.5]]);
    expectAllClose([s1!.z[0]!], [1 - 0.025 * (0.5 + 0.5)], 1e-15);
  });
});

describe('sgd-schedulefree against the reference', () => {
  const gradient = fc.double({ min: 1e-3, max: 10, noNaN: true }).chain((m) => fc.constantFrom(m, -m));
  const steps = fc.array(fc.array(gradient, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 25 });
  const options = fc.record({
    lr: fc.double({ min: 1e-4, max: 0.2, noNaN: true }),
    momentum: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    wd: fc.constantFrom(0, 0.01, 0.3),
    warmup: fc.integer({ min: 0, max: 6 }),
    r: fc.constantFrom(0, 0.5, 2),
    power: fc.constantFrom(0, 1, 2),
  });

  it('y, z and x after every step, random options and gradients', () => {
    fc.assert(
      fc.property(steps, options, (grads, o) => {
        const p0 = [0.5, -1, 2];
        const ours = run({ learningRate: o.lr, momentum: o.momentum, weightDecay: o.wd, warmupSteps: o.warmup, r: o.r, weightLrPower: o.power }, p0, grads);
        reference(p0, grads, o).forEach((e, s) => (['y', 'z', 'x'] as const).forEach((k) => expectNear(ours[s]![k], e[k], 1e-10)));
      }),
    );
  });

  it('y = (1 − β)·z + β·x after every step', () => {
    fc.assert(
      fc.property(steps, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (grads, momentum) => {
        run({ learningRate: 0.05, momentum, weightDecay: 0.01, r: 1 }, [0.5, -1, 2], grads).forEach(({ y, z, x }) =>
          expectNear(y, z.map((zi, i) => (1 - momentum) * zi + momentum * x[i]!), 1e-13),
        );
      }),
    );
  });

  it('with β = 0 (which torch refuses as an option) the update is plain SGD on z = y: checked on the rule itself', () => {
    fc.assert(
      fc.property(steps, fc.double({ min: 1e-3, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (grads, learningRate, c) => {
        const p = Float64Array.from([0.5, -1, 2]);
        const state = { z: p.slice(), x: p.slice() };
        const sgd = stepsOf('sgd', 'torch', { learningRate }, [0.5, -1, 2], grads);
        grads.forEach((g, s) => {
          sgdScheduleFreeUpdate(p, Float64Array.from(g), state, { learningRate, momentum: 0, warmupSteps: 0 }, s + 1, c);
          expectAllClose(Array.from(state.z), sgd[s]!, 1e-14);
          expectAllClose(Array.from(p), sgd[s]!, 1e-14);
        });
      }),
    );
  });

  it('refuses momentum 0 and 1 as torch does, and is torch-only', () => {
    for (const momentum of [0, 1]) expect(() => createOptimizer('sgd-schedulefree', { convention: 'torch', options: { momentum }, params: [] })).toThrow(/momentum must be a number in \(0, 1\)/);
    expect(() => createOptimizer('sgd-schedulefree', { convention: 'keras', params: [] })).toThrow(/sgd-schedulefree.*torch/);
  });
});

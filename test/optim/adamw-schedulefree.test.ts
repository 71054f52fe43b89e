/**
 * Schedule-Free AdamW against float64 references written here from the two sources
 * (keras/src/optimizers/schedule_free_adamw.py; facebookresearch/schedule_free's
 * AdamWScheduleFree), not from src/optim: the torch one in the paper's form with x and z
 * explicit and y derived, the Keras one in Keras's form (y and z kept, x recovered).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOptimizer } from '../../src/optim/index.ts';
import { expectAllClose, stepsOf } from './helpers.ts';
import { expectNear, runScheduleFree, type Sequences } from './schedule-free-run.ts';

const run = (convention: 'keras' | 'torch', options: Parameters<typeof runScheduleFree>[2], p0: readonly number[], grads: readonly (readonly number[])[]): Sequences[] =>
  runScheduleFree('adamw-schedulefree', convention, options, p0, grads);

interface Options {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly wd: number;
  readonly warmup: number;
  readonly r: number;
  readonly power: number;
  readonly innerMomentum: number;
}


const warmedUp = (o: Options, t: number): number => (o.warmup > 0 ? o.lr * Math.min(t / o.warmup, 1) : o.lr);

/** torch, in the paper's form: z and x explicit, y = (1 − β1)·z + β1·x; c_t = w_t/Σw, w_t = t^r·(max γ)^power. */
function torchReference(p0: readonly number[], grads: readonly (readonly number[])[], o: Options): Sequences[] {
  const z = [...p0], x = [...p0], v = p0.map(() => 0), m = p0.map(() => 0);
  let lrMax = -1, weightSum = 0;
  return grads.map((g, s) => {
    const t = s + 1;
    const gamma = warmedUp(o, t);
    lrMax = Math.max(lrMax, gamma);
    const w = t ** o.r * lrMax ** o.power;
    weightSum += w;
    const c = weightSum === 0 ? 0 : w / weightSum;
    const y = z.map((zi, i) => (1 - o.beta1) * zi + o.beta1 * x[i]!);
    g.forEach((gi, i) => {
      v[i] = o.beta2 * v[i]! + (1 - o.beta2) * gi * gi;
      const d = Math.sqrt(v[i]! / (1 - o.beta2 ** t)) + o.eps;
      let direction = gi / d;
      if (o.innerMomentum > 0) {
        m[i] = o.innerMomentum * m[i]! + (1 - o.innerMomentum) * gi;
        direction = m[i]! / (1 - o.innerMomentum ** t) / d;
      }
      direction += o.wd * y[i]!;
      z[i] = z[i]! - gamma * direction;
      x[i] = (1 - c) * x[i]! + c * z[i]!;
    });
    return { y: z.map((zi, i) => (1 - o.beta1) * zi + o.beta1 * x[i]!), z: [...z], x: [...x] };
  });
}

/** Keras: decay y by y·wd·lr, recover x from y and the old z, step z, average with 1/t, rebuild y. */
function kerasReference(p0: readonly number[], grads: readonly (readonly number[])[], o: Options): Sequences[] {
  const y = [...p0], z = [...p0], v = p0.map(() => 0);
  return grads.map((g, s) => {
    const t = s + 1;
    const x: number[] = [];
    g.forEach((gi, i) => {
      y[i] = y[i]! - y[i]! * o.wd * o.lr;
      v[i] = v[i]! + (gi * gi - v[i]!) * (1 - o.beta2);
      const xOld = (y[i]! - (1 - o.beta1) * z[i]!) / o.beta1;
      z[i] = z[i]! - (warmedUp(o, t) * gi) / (Math.sqrt(v[i]! / (1 - o.beta2 ** t)) + o.eps);
      x[i] = (1 - 1 / t) * xOld + (1 / t) * z[i]!;
      y[i] = (1 - o.beta1) * z[i]! + o.beta1 * x[i]!;
    });
    return { y: [...y], z: [...z], x };
  });
}

const TORCH_DEFAULTS: Options = { lr: 0.0025, beta1: 0.9, beta2: 0.999, eps: 1e-8, wd: 0, warmup: 0, r: 0, power: 2, innerMomentum: 0 };

describe('adamw-schedulefree, worked by hand', () => {
  // p0 = 1, g = 0.5 then −1, defaults. Step 1: c_1 = 1 in both conventions, so y = z = x.
  const z1 = 1 - (0.0025 * 0.5) / (0.5 + 1e-8); // v = 0.001·0.25, v/(1 − 0.999) = 0.25, √ = 0.5
  // Step 2: v = 0.999·2.5e-4 + 0.001·1 = 1.24975e-3, 1 − 0.999² = 0.001999, c_2 = 1/2
  // (Keras: 1/t; torch: w = 0.0025² twice, 6.25e-6/1.25e-5).
  const z2 = z1 + 0.0025 / (Math.sqrt(1.24975e-3 / 0.001999) + 1e-8);
  const x2 = 0.5 * z1 + 0.5 * z2;
  const y2 = 0.1 * z2 + 0.9 * x2;

  it.each(['keras', 'torch'] as const)('%s: y1 = z1 = x1 = 1 − 0.0025·0.5/(0.5 + 1e-8), then z2, x2 = (z1 + z2)/2, y2 = 0.1·z2 + 0.9·x2', (convention) => {
    const [s1, s2] = run(convention, {}, [1], [[0.5], [-1]]);
    expect(z1).toBeCloseTo(0.99750000005, 12);
    expectAllClose([s1!.y[0]!, s1!.z[0]!, s1!.x[0]!], [z1, z1, z1], 1e-15);
    expectAllClose([s2!.z[0]!, s2!.x[0]!, s2!.y[0]!], [z2, x2, y2], 1e-15);
  });

  it('torch with warm-up 2 and weight decay 0.1: γ1 = lr/2, and the decay 0.1·y joins ĝ', () => {
    const [s1] = run('torch', { warmupSteps: 2, weightDecay: 0.1 }, [1], [[0.5]]);
    const gHat = 0.5 / (0.5 + 1e-8) + 0.1 * 1;
    expectAllClose([s1!.z[0]!, s1!.y[0]!], [1 - 0.00125 * gHat, 1 - 0.00125 * gHat], 1e-15);
  });

  it('keras with weight decay 0.1: y is decayed by y·wd·lr first, and x recovered from it carries the decay divided by β1', () => {
    const [s1] = run('keras', { weightDecay: 0.1 }, [1], [[0.5]]);
    const xOld = (1 - 1 * 0.1 * 0.0025 - 0.1 * 1) / 0.9; // (y − y·wd·lr − (1 − β1)·z)/β1
    expectAllClose([s1!.x[0]!], [z1], 1e-15); // c_1 = 1: x_old is forgotten on step 1
    const [, s2] = run('keras', { weightDecay: 0.1 }, [1], [[0.5], [-1]]);
    expect(xOld).toBeLessThan(1);
    expect(s2!.x[0]!).toBeLessThan(x2);
  });
});

describe('adamw-schedulefree against the references', () => {
  const gradient = fc.double({ min: 1e-3, max: 10, noNaN: true }).chain((m) => fc.constantFrom(m, -m));
  const steps = fc.array(fc.array(gradient, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 25 });
  const options = fc.record({
    lr: fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
    beta1: fc.double({ min: 0.05, max: 0.99, noNaN: true }),
    beta2: fc.double({ min: 0, max: 0.9999, noNaN: true }),
    eps: fc.double({ min: 1e-10, max: 1e-2, noNaN: true }),
    wd: fc.constantFrom(0, 0.01, 0.3),
    warmup: fc.integer({ min: 0, max: 6 }),
    r: fc.constantFrom(0, 0.5, 2),
    power: fc.constantFrom(0, 1, 2),
    innerMomentum: fc.constantFrom(0, 0.5, 0.9),
  });

  it('torch: y, z and x after every step, random options and gradients', () => {
    fc.assert(
      fc.property(steps, options, (grads, o) => {
        const p0 = [0.5, -1, 2];
        const ours = run('torch', { learningRate: o.lr, beta1: o.beta1, beta2: o.beta2, epsilon: o.eps, weightDecay: o.wd, warmupSteps: o.warmup, r: o.r, weightLrPower: o.power, innerMomentum: o.innerMomentum }, p0, grads);
        torchReference(p0, grads, o).forEach((e, s) => (['y', 'z', 'x'] as const).forEach((k) => expectNear(ours[s]![k], e[k], 1e-10)));
      }),
    );
  });

  it('keras: y, z and x after every step, random options and gradients', () => {
    fc.assert(
      fc.property(steps, options, (grads, o) => {
        const p0 = [0.5, -1, 2];
        const ours = run('keras', { learningRate: o.lr, beta1: o.beta1, beta2: o.beta2, epsilon: o.eps, weightDecay: o.wd, warmupSteps: o.warmup }, p0, grads);
        kerasReference(p0, grads, { ...o, innerMomentum: 0 }).forEach((e, s) => (['y', 'z', 'x'] as const).forEach((k) => expectNear(ours[s]![k], e[k], 1e-9)));
      }),
    );
  });

  it('the references can fail: torch with r = 1 is not the reference with r = 0', () => {
    const grads = [[0.5, -1, 2], [1, 1, -1], [-0.3, 2, 0.1]];
    const ours = run('torch', { r: 1 }, [0.5, -1, 2], grads);
    expect(() => expectNear(ours[2]!.x, torchReference([0.5, -1, 2], grads, TORCH_DEFAULTS)[2]!.x, 1e-10)).toThrow();
  });
});

describe('adamw-schedulefree properties', () => {
  const gradient = fc.double({ min: 1e-3, max: 10, noNaN: true }).chain((m) => fc.constantFrom(m, -m));
  const steps = fc.array(fc.array(gradient, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 20 });
  const beta1 = fc.double({ min: 0.01, max: 0.99, noNaN: true });

  it('y = (1 − β1)·z + β1·x after every step, in both conventions', () => {
    fc.assert(
      fc.property(steps, beta1, fc.constantFrom('keras' as const, 'torch' as const), fc.constantFrom(0, 0.1), (grads, b1, convention, weightDecay) => {
        run(convention, { learningRate: 0.05, beta1: b1, weightDecay }, [0.3, -0.7], grads).forEach(({ y, z, x }) =>
          expectNear(y, z.map((zi, i) => (1 - b1) * zi + b1 * x[i]!), 1e-13),
        );
      }),
    );
  });

  it('with a constant rate and r = 0, x is the plain mean of z_1 … z_t (Keras always; torch at any weightLrPower)', () => {
    fc.assert(
      fc.property(steps, fc.constantFrom('keras' as const, 'torch' as const), (grads, convention) => {
        const sums = [0, 0];
        run(convention, { learningRate: 0.05 }, [0.3, -0.7], grads).forEach(({ z, x }, s) => {
          z.forEach((zi, i) => (sums[i]! += zi));
          expectNear(x, sums.map((sum) => sum / (s + 1)), 1e-13);
        });
      }),
    );
  });

  it('torch with β1 = 0 is AdamW with β1 = 0 on z = y (warm-up 0), decay included', () => {
    fc.assert(
      fc.property(steps, fc.constantFrom(0, 0.05), fc.double({ min: 1e-3, max: 0.1, noNaN: true }), (grads, weightDecay, learningRate) => {
        const sf = run('torch', { beta1: 0, learningRate, weightDecay, r: 1 }, [0.3, -0.7], grads);
        const adamw = stepsOf('adamw', 'torch', { beta1: 0, learningRate, weightDecay }, [0.3, -0.7], grads);
        sf.forEach(({ y, z }, s) => {
          expectAllClose(z, adamw[s]!, 1e-12);
          expectAllClose(y, z, 1e-15);
        });
      }),
    );
  });

  it('keras refuses β1 = 0 (it divides by β1), naming the option', () => {
    expect(() => createOptimizer('adamw-schedulefree', { convention: 'keras', options: { beta1: 0 }, params: [] })).toThrow(/adamw-schedulefree \(keras convention\): beta1 must be > 0/);
  });

  it('keras has no r, weightLrPower or innerMomentum, and says they are torch options', () => {
    for (const key of ['r', 'weightLrPower', 'innerMomentum']) {
      expect(() => createOptimizer('adamw-schedulefree', { convention: 'keras', options: { [key]: 0 }, params: [] })).toThrow(new RegExp(`${key} is not an option of this optimizer in the keras convention`));
    }
  });
});

describe('evaluation weights', () => {
  it('atEvaluationWeights shows x to the evaluation and puts y back to the bit; evaluationWeights is x', () => {
    const params = [{ name: 'p', shape: [2], data: Float64Array.from([0.3, -0.7]) }];
    const opt = createOptimizer('adamw-schedulefree', { convention: 'torch', options: { learningRate: 0.1 }, params });
    for (const g of [[0.5, -1], [1, 2], [-0.2, 0.4]]) opt.step({ p: Float64Array.from(g) });
    const y = Array.from(params[0]!.data);
    const x = Array.from(opt.evaluationWeights('p'));
    expect(x).not.toEqual(y);
    expect(opt.atEvaluationWeights(() => Array.from(params[0]!.data))).toEqual(x);
    expect(Array.from(params[0]!.data)).toEqual(y);
    expect(() => opt.atEvaluationWeights(() => { throw new Error('evaluation failed'); })).toThrow('evaluation failed');
    expect(Array.from(params[0]!.data)).toEqual(y);
  });

  it('other rules evaluate at the parameter itself', () => {
    const params = [{ name: 'p', shape: [2], data: Float64Array.from([0.3, -0.7]) }];
    const opt = createOptimizer('adam', { params });
    opt.step({ p: Float64Array.from([0.5, -1]) });
    expect(opt.evaluationWeights('p')).toBe(params[0]!.data);
    expect(opt.atEvaluationWeights(() => Array.from(params[0]!.data))).toEqual(Array.from(params[0]!.data));
  });
});

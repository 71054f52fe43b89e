import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/optim/index.ts';
import { elementwiseByHand, expectAllClose, stepsOf } from './helpers.ts';

const p0 = [1, -2, 0.5];
/** Element 0 keeps its sign, element 1 flips, element 2 is 0 on step 2. */
const grads = [[0.5, -1, 0.3], [0.2, 0.4, 0], [0.1, 0.3, -0.2]];

/** An independent float64 Rprop− (torch.optim.Rprop): sign-based steps with per-element Δ. */
function rpropByHand(lr: number, etaMinus: number, etaPlus: number, min: number, max: number): number[][] {
  return elementwiseByHand(p0, grads, () => {
    let previous = 0, delta = lr;
    return (p, g) => {
      const s = Math.sign(g * previous);
      delta = Math.min(max, Math.max(min, delta * (s > 0 ? etaPlus : s < 0 ? etaMinus : 1)));
      const used = s < 0 ? 0 : g;
      previous = used;
      return p - Math.sign(used) * delta;
    };
  });
}

describe('rprop worked by hand (torch convention; Keras has no Rprop)', () => {
  it('step 1 moves every element by lr against its gradient sign (Δ starts at lr, g_prev at 0)', () => {
    const [step1] = stepsOf('rprop', 'torch', {}, p0, [grads[0]!]);
    expectAllClose(step1!, [1 - 0.01, -2 + 0.01, 0.5 - 0.01]);
  });

  it('step 2: same sign grows Δ to 0.012, a flip shrinks it to 0.005 and skips the move, g = 0 keeps p', () => {
    const [step1, step2] = stepsOf('rprop', 'torch', {}, p0, grads.slice(0, 2));
    expect(step2![0]).toBe(step1![0]! - 0.01 * 1.2);
    expect(step2![1]).toBe(step1![1]); // flipped: no move this step
    expect(step2![2]).toBe(step1![2]);
  });

  it('step 3 after a flip: g_prev was set to 0, so Δ stays at 0.005 and the element moves', () => {
    const params = [{ name: 'p', shape: [3], data: Float64Array.from(p0) }];
    const opt = createOptimizer('rprop', { convention: 'torch', params });
    for (const g of grads) opt.step({ p: Float64Array.from(g) });
    // element 2: g = 0 on step 2 keeps Δ, and g_prev = 0 keeps it again on step 3
    expectAllClose(Array.from(opt.state('p')['stepSize']!), [0.01 * 1.2 * 1.2, 0.005, 0.01]);
    expect(params[0]!.data[1]).toBeCloseTo(-2 + 0.01 - 0.005, 15);
  });

  it('three steps of the reference, at the defaults and with tight bounds', () => {
    stepsOf('rprop', 'torch', {}, p0, grads).forEach((s, k) => expectAllClose(s, rpropByHand(0.01, 0.5, 1.2, 1e-6, 50)[k]!));
    const options = { learningRate: 0.1, etaMinus: 0.25, etaPlus: 2, stepSizeMin: 0.05, stepSizeMax: 0.15 };
    stepsOf('rprop', 'torch', options, p0, grads).forEach((s, k) => expectAllClose(s, rpropByHand(0.1, 0.25, 2, 0.05, 0.15)[k]!));
  });

  it('is refused in the keras convention, naming the convention it has', () => {
    expect(() => createOptimizer('rprop', { params: [] })).toThrow("rprop is not offered in the keras convention (Rprop exists only in the torch convention); use convention 'torch'");
  });

  it('refuses crossed step-size bounds and η outside (0, 1) and (1, ∞)', () => {
    const make = (options: object) => () => createOptimizer('rprop', { convention: 'torch', options, params: [] });
    expect(make({ stepSizeMin: 2, stepSizeMax: 1 })).toThrow('rprop (torch convention): stepSizeMin must not exceed stepSizeMax; got stepSizeMin 2, stepSizeMax 1');
    expect(make({ etaMinus: 0 })).toThrow('etaMinus must be a number in (0, 1), got 0');
    expect(make({ etaPlus: 1 })).toThrow('etaPlus must be a number > 1, got 1');
  });
});

describe('rprop properties', () => {
  it('every step size stays within [stepSizeMin, stepSizeMax] and every element moves by exactly its Δ or not at all', () => {
    const gradient = fc.oneof(fc.constant(0), fc.double({ min: -10, max: 10, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(fc.array(gradient, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 1e-4, max: 0.1, noNaN: true }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        fc.double({ min: 1e-3, max: 1, noNaN: true }),
        (steps, stepSizeMin, width, learningRate) => {
          const stepSizeMax = stepSizeMin + width;
          const params = [{ name: 'p', shape: [4], data: new Float64Array(4) }];
          const opt = createOptimizer('rprop', { convention: 'torch', options: { learningRate, stepSizeMin, stepSizeMax }, params });
          for (const g of steps) {
            const before = Array.from(params[0]!.data);
            opt.step({ p: Float64Array.from(g) });
            const delta = Array.from(opt.state('p')['stepSize']!);
            delta.forEach((d) => expect(d >= stepSizeMin && d <= stepSizeMax).toBe(true));
            // |Δp| is Δ up to the rounding of p − Δ (p stays below 40 in size here)
            params[0]!.data.forEach((x, i) => {
              const move = Math.abs(x - before[i]!);
              expect(move === 0 || Math.abs(move - delta[i]!) <= 1e-14, `moved ${move}, Δ ${delta[i]}`).toBe(true);
            });
          }
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { createOptimizer, learningRateAt } from '../../src/optim/index.ts';
import type { LearningRateSchedule } from '../../src/optim/index.ts';

describe('learning-rate schedules (Keras formulas)', () => {
  it('constant', () => {
    expect(learningRateAt(0.3, 99)).toBe(0.3);
    expect(learningRateAt({ schedule: 'constant', value: 0.2 }, 5)).toBe(0.2);
  });

  it('exponential decay: 0.1·0.5^(step/10); staircase floors the exponent', () => {
    const s: LearningRateSchedule = { schedule: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 };
    expect(learningRateAt(s, 0)).toBe(0.1);
    expect(learningRateAt(s, 5)).toBeCloseTo(0.1 * Math.SQRT1_2, 16);
    expect(learningRateAt(s, 20)).toBeCloseTo(0.025, 16);
    expect(learningRateAt({ ...s, staircase: true }, 19)).toBeCloseTo(0.05, 16);
  });

  it('inverse-time decay: 0.1/(1 + 0.5·step/10)', () => {
    const s: LearningRateSchedule = { schedule: 'inverseTimeDecay', initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 };
    expect(learningRateAt(s, 5)).toBeCloseTo(0.08, 16);
    expect(learningRateAt({ ...s, staircase: true }, 15)).toBeCloseTo(0.1 / 1.5, 16);
  });

  it('piecewise constant: values[0] up to and including the first boundary', () => {
    const s: LearningRateSchedule = { schedule: 'piecewiseConstant', boundaries: [2, 5], values: [1, 0.5, 0.1] };
    expect([0, 2, 3, 5, 6, 100].map((step) => learningRateAt(s, step))).toEqual([1, 1, 0.5, 0.5, 0.1, 0.1]);
  });

  it('cosine decay from lr0 to alpha·lr0, then flat', () => {
    const s: LearningRateSchedule = { schedule: 'cosineDecay', initialLearningRate: 1, decaySteps: 10, alpha: 0.1 };
    expect(learningRateAt(s, 0)).toBe(1);
    expect(learningRateAt(s, 5)).toBeCloseTo(0.55, 15); // (1 − 0.1)·½(1 + cos(π/2)) + 0.1
    expect(learningRateAt(s, 10)).toBeCloseTo(0.1, 15);
    expect(learningRateAt(s, 50)).toBeCloseTo(0.1, 15);
  });

  it('cosine decay with linear warm-up from lr0 to warmupTarget, then decay from warmupTarget', () => {
    const s: LearningRateSchedule = { schedule: 'cosineDecay', initialLearningRate: 0, decaySteps: 10, warmupTarget: 1, warmupSteps: 4 };
    expect([0, 1, 2, 4].map((step) => learningRateAt(s, step))).toEqual([0, 0.25, 0.5, 1]);
    expect(learningRateAt(s, 9)).toBeCloseTo(0.5, 15); // 5 of 10 decay steps: ½(1 + cos(π/2))
    expect(learningRateAt(s, 14)).toBeCloseTo(0, 15);
  });

  it('the optimizer evaluates the schedule at the number of steps already taken', () => {
    const params = [{ name: 'p', shape: [1], data: Float64Array.of(0) }];
    const opt = createOptimizer('sgd', { options: { learningRate: { schedule: 'piecewiseConstant', boundaries: [0, 1], values: [1, 0.1, 0.01] } }, params });
    const moves: number[] = [];
    for (let s = 0; s < 3; s++) {
      const before = params[0]!.data[0]!;
      expect(opt.learningRate()).toBe([1, 0.1, 0.01][s]);
      opt.step({ p: Float64Array.of(1) });
      moves.push(before - params[0]!.data[0]!);
    }
    expect(moves[0]).toBe(1);
    expect(moves[1]).toBeCloseTo(0.1, 15);
    expect(moves[2]).toBeCloseTo(0.01, 15);
  });

  it('validates schedules with messages that name the field', () => {
    const bad = (learningRate: unknown): unknown => createOptimizer('sgd', { options: { learningRate: learningRate as LearningRateSchedule }, params: [] });
    expect(() => bad({ schedule: 'linear' })).toThrow(/learningRate.schedule must be one of constant, exponentialDecay, inverseTimeDecay, piecewiseConstant, cosineDecay/);
    expect(() => bad({ schedule: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 })).toThrow(/learningRate.decaySteps must be a number > 0, got 0/);
    expect(() => bad({ schedule: 'cosineDecay', decaySteps: 5 })).toThrow(/cosineDecay needs learningRate.initialLearningRate/);
    expect(() => bad({ schedule: 'piecewiseConstant', boundaries: [1, 2], values: [1, 2] })).toThrow(/one more value than boundaries/);
    expect(() => bad({ schedule: 'piecewiseConstant', boundaries: [2, 1], values: [1, 2, 3] })).toThrow(/strictly increasing/);
    expect(() => bad({ schedule: 'constant', value: 1, extra: 2 })).toThrow(/unknown constant field 'extra'/);
  });
});

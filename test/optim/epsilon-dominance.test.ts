import { describe, expect, it } from 'vitest';
import { createOptimizer, type Convention, type OptimizerName, type OptimizerOptions } from '../../src/optim/index.ts';
import { epsilonDominance, epsilonDominanceStatement } from '../../src/optim/epsilon-dominance.ts';

/** One step of `name` from zero state on gradient g; the ε-dominated share of the parameter. */
function afterOneStep(name: OptimizerName, convention: Convention, g: number[], options: OptimizerOptions = {}): number | null {
  const o = createOptimizer(name, { convention, options, params: [{ name: 'w', shape: [g.length], data: new Float64Array(g.length) }] });
  o.step(new Map([['w', Float64Array.from(g)]]));
  return epsilonDominance(o, 'w');
}

// Gradients spanning the thresholds worked out below.
const g = [1e-9, 3e-8, 5e-6, 5e-4, 2e-3, 1e-2];

describe('ε-dominance, in each rule\'s convention (one step from zero state, worked by hand)', () => {
  it('RMSprop: Keras √(v + ε) dominated when v = 0.1g² < 1e-7 (|g| < 1e-3); torch √v + ε when √(0.01g²) < 1e-8 (|g| < 1e-7)', () => {
    expect(afterOneStep('rmsprop', 'keras', g)).toBe(4 / 6);
    expect(afterOneStep('rmsprop', 'torch', g)).toBe(2 / 6);
    // Centered (torch): v − a² = 0.01g² − (0.01g)² = 0.0099g², √ < 1e-8 when |g| < 1.005e-7.
    expect(afterOneStep('rmsprop', 'torch', g, { centered: true })).toBe(2 / 6);
  });

  it('Adam: Keras √v + ε with v = 0.001g² uncorrected (|g| < 3.16e-6); torch √(v/(1 − 0.999)) = |g| < 1e-8', () => {
    expect(afterOneStep('adam', 'keras', g)).toBe(2 / 6);
    expect(afterOneStep('adam', 'torch', g)).toBe(1 / 6);
    expect(afterOneStep('adamw', 'torch', g)).toBe(1 / 6);
    // NAdam corrects in both conventions: √(v/(1 − β2)) = |g| < 1e-7 (Keras's ε).
    expect(afterOneStep('nadam', 'keras', g)).toBe(2 / 6);
  });

  it('Adagrad: Keras √(s + ε), s = 0.1 + g² never below 1e-7 (from 0: |g| < 3.16e-4); torch √s + ε with s = g², |g| < 1e-10', () => {
    expect(afterOneStep('adagrad', 'keras', g)).toBe(0);
    expect(afterOneStep('adagrad', 'keras', g, { initialAccumulatorValue: 0 })).toBe(3 / 6);
    expect(afterOneStep('adagrad', 'torch', g)).toBe(0);
    expect(afterOneStep('adagrad', 'torch', [1e-11, 1])).toBe(1 / 2);
  });

  it('Adadelta: √(E[g²] + ε), E[g²] = 0.05g² < 1e-7 when |g| < 1.41e-3 (Keras ρ 0.95)', () => {
    expect(afterOneStep('adadelta', 'keras', g)).toBe(4 / 6);
  });

  it('LAMB (corrected, |g| < 1e-7), Keras Adamax (u = |g| < 1e-7), RAdam (none on its five unrectified steps; then √v < 1e-8)', () => {
    expect(afterOneStep('lamb', 'keras', g)).toBe(2 / 6);
    expect(afterOneStep('adamax', 'keras', g)).toBe(2 / 6);
    expect(afterOneStep('radam', 'torch', g)).toBe(0);
    // Six steps of the same g: v = (1 − 0.999⁶)·g² = 0.005985·g², √v < 1e-8 when |g| < 1.29e-7.
    const radam = createOptimizer('radam', { convention: 'torch', params: [{ name: 'w', shape: [g.length], data: new Float64Array(g.length) }] });
    for (let t = 0; t < 6; t++) radam.step(new Map([['w', Float64Array.from(g)]]));
    expect(epsilonDominance(radam, 'w')).toBe(2 / 6);
  });

  it('says when a rule has no ε, or has one without a definition yet', () => {
    expect(epsilonDominanceStatement(createOptimizer('adafactor', { params: [] })).statement).toMatch(/^adafactor \(keras\) has an ε, but its ε-dominance is not defined yet/);
    expect(epsilonDominanceStatement(createOptimizer('adamax', { convention: 'torch', params: [] })).measured).toBe(false);
    const sgd = createOptimizer('sgd', { params: [] });
    expect(epsilonDominanceStatement(sgd)).toEqual({ measured: false, statement: 'sgd (keras) has no ε, so no ε-dominance' });
    expect(afterOneStep('sgd', 'keras', g)).toBeNull();
    expect(epsilonDominanceStatement(createOptimizer('rmsprop', { convention: 'torch', params: [] })).statement).toBe('rmsprop (torch): √(v) < ε, the denominator being √(v) + ε');
  });
});

/**
 * Generic checks driven by the one table of optimizer configurations (cases.ts), as
 * torch's OptimizerInfo and optax's optimizer list do.
 */
import { describe, expect, it } from 'vitest';
import { OPTIMIZER_NAMES, conventionsOf, createOptimizer, optimizerSpec, optionRange, resolveOptimizerConfig } from '../../src/optim/index.ts';
import type { Dtype } from '../../src/optim/index.ts';
import type { OptionKey } from '../../src/optim/spec.ts';
import { GENERIC_RANGES } from '../../src/optim/option-ranges.ts';
import { OPTIMIZER_CASES } from './cases.ts';
import { gradientsFor, makeParams, runTrajectory, wellScaledProblem } from './helpers.ts';

const rows = OPTIMIZER_CASES.map((c) => [c.id, c] as const);

describe.each(rows)('%s', (_id, testCase) => {
  const { optimizer, convention, options } = testCase;

  it.each(['float64', 'float32'] as Dtype[])('resumes from a JSON state dict exactly as an unbroken run, to the bit (%s)', (dtype) => {
    const { specs, grads } = wellScaledProblem(7, 20, testCase.shapes);
    const unbroken = runTrajectory(optimizer, convention, options, specs, grads, dtype);

    const first = runTrajectory(optimizer, convention, options, specs, grads.slice(0, 10), dtype);
    const saved = JSON.parse(JSON.stringify(first.optimizer.stateDict())) as unknown;
    const resumedParams = first.params.map((p) => ({ ...p, data: p.data.slice() }));
    const resumed = createOptimizer(optimizer, { convention, options, params: resumedParams });
    resumed.loadStateDict(saved);
    expect(resumed.stepCount).toBe(10);
    for (const step of grads.slice(10)) resumed.step(gradientsFor(resumedParams, step, dtype));

    const finalUnbroken = unbroken.params.map((p) => Array.from(p.data));
    const finalResumed = resumedParams.map((p) => Array.from(p.data));
    expect(finalResumed).toEqual(finalUnbroken);
    for (const name of unbroken.optimizer.paramNames) {
      const a = unbroken.optimizer.state(name);
      const b = resumed.state(name);
      expect(Object.keys(b)).toEqual(Object.keys(a));
      for (const key of Object.keys(a)) expect(Array.from(b[key]!)).toEqual(Array.from(a[key]!));
    }
    expect(resumed.scalars()).toEqual(unbroken.optimizer.scalars());
  });

  it('float32 and float64 trajectories agree within 1e-4 relative over 100 steps', () => {
    const { specs, grads } = wellScaledProblem(11, 100, testCase.shapes);
    const f64 = runTrajectory(optimizer, convention, options, specs, grads, 'float64').trajectory;
    const f32 = runTrajectory(optimizer, convention, options, specs, grads, 'float32').trajectory;
    let worst = 0;
    // Relative to max(|x|, 1): near a zero crossing a pure ratio measures nothing.
    f64.forEach((step, s) =>
      step.forEach((row, k) => row.forEach((e, i) => (worst = Math.max(worst, Math.abs(f32[s]![k]![i]! - e) / Math.max(Math.abs(e), 1))))),
    );
    expect(worst).toBeLessThan(1e-4);
    expect(worst).toBeGreaterThan(0); // float32 really rounded
  });

  it('converges on a quadratic: ½‖p − target‖² falls below 1% of its start', () => {
    const { specs } = wellScaledProblem(13, 0, testCase.shapes);
    const quadraticOptions = typeof options.learningRate === 'object' && options.learningRate !== null ? options : { ...options, learningRate: testCase.quadraticLearningRate };
    const params = makeParams(specs, 'float64');
    const target = params.map((p) => Array.from(p.data, (_, i) => (i % 2 === 0 ? 1.5 : -0.5)));
    const loss = (): number => params.reduce((sum, p, k) => sum + Array.from(p.data).reduce((s, x, i) => s + 0.5 * (x - target[k]![i]!) ** 2, 0), 0);
    const opt = createOptimizer(optimizer, { convention, options: quadraticOptions, params });
    const start = loss();
    for (let s = 0; s < 500; s++) opt.step(Object.fromEntries(params.map((p, k) => [p.name, p.data.map((x, i) => x - target[k]![i]!)])));
    expect(loss()).toBeLessThan(0.01 * start);
  });

  it('never writes into the caller’s gradients', () => {
    const { specs, grads } = wellScaledProblem(17, 5, testCase.shapes);
    const params = makeParams(specs, 'float64');
    const opt = createOptimizer(optimizer, { convention, options, params });
    for (const step of grads) {
      const given = gradientsFor(params, step, 'float64');
      opt.step(given);
      expect(params.map((p) => Array.from(given[p.name]!))).toEqual(step);
    }
  });

  it('rejects every numeric option set out of its range, naming the option and the range', () => {
    // Each option's value outside its range, as the registry declares it (the rule's spec, or the generic options').
    const accepted = Object.keys(resolveOptimizerConfig(optimizer, convention, options).options) as OptionKey[];
    for (const key of accepted) {
      const bad = { ...options, [key]: optionRange(optimizerSpec(optimizer), key).outside };
      expect(() => createOptimizer(optimizer, { convention, options: bad as typeof options, params: [] }), key).toThrow(new RegExp(`\\b${key}\\b.*(must be|got)`));
    }
    expect(() => createOptimizer(optimizer, { convention, options: { ...options, notAnOption: 1 } as typeof options, params: [] })).toThrow(/unknown option 'notAnOption'; accepted: learningRate/);
  });
});

describe('the table', () => {
  it('covers every registered optimizer in the keras convention, where it has one', () => {
    const kerasNames = new Set(OPTIMIZER_CASES.filter((c) => c.convention === 'keras').map((c) => c.optimizer));
    expect([...kerasNames].sort()).toEqual(OPTIMIZER_NAMES.filter((name) => optimizerSpec(name).defaults.keras !== undefined).sort());
  });

  it('every registered optimizer exists in at least one convention', () => {
    for (const name of OPTIMIZER_NAMES) expect(conventionsOf(optimizerSpec(name)).length, name).toBeGreaterThan(0);
  });

  it("covers every registered optimizer in the torch convention, where it has one, but a closure rule (lbfgs.test.ts checks L-BFGS)", () => {
    const torchNames = new Set(OPTIMIZER_CASES.filter((c) => c.convention === 'torch').map((c) => c.optimizer));
    const replayable = OPTIMIZER_NAMES.filter((name) => optimizerSpec(name).defaults.torch !== undefined && optimizerSpec(name).closure === undefined);
    expect([...torchNames].sort()).toEqual(replayable.sort());
  });

  it('every spec gives a range to each of its own options, and its range refuses its outside value', () => {
    for (const name of OPTIMIZER_NAMES) {
      const spec = optimizerSpec(name);
      const own = new Set([...Object.keys(spec.defaults.keras ?? {}), ...Object.keys(spec.defaults.torch ?? {})]);
      for (const key of own) {
        const range = spec.ranges[key as OptionKey] ?? GENERIC_RANGES[key as OptionKey];
        expect(range, `${name}.${key}`).toBeDefined();
        if (range?.kind === 'number') expect(Number.isFinite(range.outside) && range.test(range.outside), `${name}.${key}`).toBe(false);
      }
    }
  });

  it('the resume check can fail: a state dict with its step count off by one resumes onto another trajectory', () => {
    const { specs, grads } = wellScaledProblem(7, 20);
    const unbroken = runTrajectory('adam', 'keras', {}, specs, grads);
    const first = runTrajectory('adam', 'keras', {}, specs, grads.slice(0, 10));
    const saved = JSON.parse(JSON.stringify(first.optimizer.stateDict())) as { stepCount: number };
    saved.stepCount -= 1;
    const resumedParams = first.params.map((p) => ({ ...p, data: p.data.slice() }));
    const resumed = createOptimizer('adam', { convention: 'keras', options: {}, params: resumedParams });
    resumed.loadStateDict(saved);
    for (const step of grads.slice(10)) resumed.step(gradientsFor(resumedParams, step, 'float64'));
    expect(resumedParams.map((p) => Array.from(p.data))).not.toEqual(unbroken.params.map((p) => Array.from(p.data)));
  });
});

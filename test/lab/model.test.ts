import { describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, TEST_FUNCTIONS, runOptimizer, LANDSCAPE_OPTIMIZERS, ENGINE_OPTIMIZER } from '../../src/landscape/index.ts';
import { availableIn } from '../../src/landscape/optimizers.ts';
import { defaultLearningRate } from '../../src/landscape/learning-rates.ts';
import { allVariants, optionSpecs } from '../../src/lab/catalog.ts';
import { OPTIMIZERS, conventionsOf } from '../../src/optim/index.ts';
import { labFunction } from '../../src/lab/functions.ts';
import { firstDifference, runPath } from '../../src/lab/run.ts';
import { inspectStep } from '../../src/lab/inspect.ts';
import { decodeState, defaultState, encodeState } from '../../src/lab/url-state.ts';

describe('the lab\'s catalog', () => {
  it('offers every optimizer in each convention it exists in, with the convention\'s defaults', () => {
    const offered = allVariants().map((v) => `${v.name}.${v.convention}`);
    // The seed log's nine rules, in both conventions where both frameworks have them (Keras's Adafactor before torch 2.5's).
    expect(offered.slice(0, 14)).toEqual([
      'adam.keras', 'adam.torch', 'adamw.keras', 'adamw.torch', 'adamax.keras', 'adamax.torch', 'nadam.keras', 'nadam.torch',
      'sgd.keras', 'sgd.torch', 'rmsprop.keras', 'rmsprop.torch', 'adadelta.keras', 'adadelta.torch',
    ]);
    expect(offered).toContain('adafactor.keras');
    // Every registered rule, each in every convention it has, and nothing else.
    expect(offered).toEqual(OPTIMIZERS.flatMap((spec) => conventionsOf(spec).map((c) => `${spec.name}.${c}`)));
    for (const { name, convention } of allVariants()) expect(optionSpecs(name, convention), `${name}.${convention}`).not.toBeNull();
    expect(optionSpecs('adam', 'keras')!.find((o) => o.key === 'epsilon')!.default).toBe(1e-7);
    expect(optionSpecs('adam', 'torch')!.find((o) => o.key === 'epsilon')!.default).toBe(1e-8);
    expect(optionSpecs('adam', 'keras')!.find((o) => o.key === 'clipNorm')).toMatchObject({ nullable: true, default: null });
    expect(optionSpecs('sgd', 'torch')!.find((o) => o.key === 'nesterov')).toMatchObject({ kind: 'boolean', default: false });
  });
});

describe('the lab\'s paths', () => {
  it('are the paths of `seedgrad landscape` for its functions and optimizers (both conventions, every step)', () => {
    for (const name of FUNCTION_NAMES) {
      const fn = TEST_FUNCTIONS[name];
      for (const optimizer of LANDSCAPE_OPTIMIZERS) {
        for (const convention of ['keras', 'torch'] as const) {
          if (!availableIn(convention).includes(optimizer)) continue;
          const learningRate = defaultLearningRate(name, optimizer, convention);
          const reference = runOptimizer(fn, { optimizer, learningRate, convention, steps: 60, start: fn.start, seed: 3 });
          const engine = ENGINE_OPTIMIZER[optimizer];
          const path = runPath(labFunction(name), { name: engine.name, convention, options: { ...engine.options, learningRate }, steps: 60, start: fn.start, seed: 3 });
          const points = Array.from(path.points.subarray(0, 2 * reference.points.length));
          if (optimizer === 'adafactor' && convention === 'torch') {
            // The Lab's [1, 2] parameter is factored; torch's estimate R·C/mean(R) rounds where the landscape's unfactored v of shape [2] does not.
            reference.points.flat().forEach((x, i) => expect(Math.abs(points[i]! - x), `${name} ${optimizer} ${convention}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x))));
          } else expect(points, `${name} ${optimizer} ${convention}`).toEqual(reference.points.flat());
          expect(path.length).toBe(reference.points.length - 1);
        }
      }
    }
  });

  it('record divergence where it happens, without throwing', () => {
    const path = runPath(labFunction('rosenbrock'), { name: 'sgd', convention: 'keras', options: { learningRate: 0.1 }, steps: 100, start: [-1.5, 2], seed: 0 });
    expect(path.divergence).not.toBeNull();
    expect(path.length).toBe(path.divergence!.step - 1);
    expect(Number.isFinite(path.values[path.length]!)).toBe(true);
  });

  it('plots a typed function over its window, started an eighth of the way in from the top-left corner', () => {
    const fn = labFunction('custom', 'x^2 + y^2', [-2, 6, -1.5, 0.5]);
    expect(fn.domain).toEqual({ x: [-2, 6], y: [-1.5, 0.5] });
    expect(fn.start).toEqual([-2 + 8 / 8, 0.5 - 2 / 8]);
    expect(labFunction('custom', 'x').start).toEqual([-3, 3]); // the default window, [-4, 4]²
  });

  it('runs typed functions and Rastrigin', () => {
    const path = runPath(labFunction('custom', '(x - 1)^2 + (y + 2)^2'), { name: 'sgd', convention: 'torch', options: { learningRate: 0.1 }, steps: 200, start: [3, 3], seed: 0 });
    expect(path.points[400]).toBeCloseTo(1, 10);
    expect(path.points[401]).toBeCloseTo(-2, 10);
    const r = runPath(labFunction('rastrigin'), { name: 'adam', convention: 'keras', options: { learningRate: 0.1 }, steps: 50, start: [0.1, -0.05], seed: 0 });
    expect(r.values[50]!).toBeLessThan(r.values[0]!);
  });

  it('inspect a step: the state, the step taken, the effective learning rate, the dominant denominator term', () => {
    const path = runPath(labFunction('ill-conditioned'), { name: 'adam', convention: 'torch', options: { learningRate: 0.02 }, steps: 10, start: [-4, 1.5], seed: 0 });
    const view = inspectStep(path, 1)!;
    // Adam's first step is lr·sign(g) up to ε: an effective rate of lr/|g| per coordinate.
    expect(view.taken[0]).toBeCloseTo(0.02, 8);
    expect(view.taken[1]).toBeCloseTo(-0.02, 8);
    expect(view.effectiveLearningRate[0]).toBeCloseTo(0.02 / 4, 8);
    expect(Object.keys(view.state)).toEqual(['m', 'v']);
    expect(view.state['m']![0]).toBeCloseTo(0.1 * -4, 12);
    expect(view.denominator!.dominant).toEqual(['moment', 'moment']);
    expect(view.denominator!.epsilon).toBe(1e-8); // torch's default, not given
    expect(inspectStep(path, 0)).toBeNull();
    expect(inspectStep(path, 11)).toBeNull();
    // Where g is tiny, ε dominates.
    const flat = runPath(labFunction('custom', '1e-9*x^2 + y^2'), { name: 'adam', convention: 'keras', options: { learningRate: 0.01, epsilon: 1e-3 }, steps: 3, start: [1, 1], seed: 0 });
    expect(inspectStep(flat, 2)!.denominator!.dominant).toEqual(['ε', 'moment']);
    const adafactor = runPath(labFunction('rosenbrock'), { name: 'adafactor', convention: 'keras', options: {}, steps: 2, start: [-1.5, 2], seed: 0 });
    expect(Object.keys(inspectStep(adafactor, 1)!.state)).toEqual(['rowFactor', 'columnFactor']);
  });

  it('find the first step where Keras\'s and torch\'s conventions part', () => {
    const run = (convention: 'keras' | 'torch') => runPath(labFunction('rosenbrock'), { name: 'adam', convention, options: { learningRate: 0.1 }, steps: 20, start: [-1.5, 2], seed: 0 });
    const first = firstDifference(run('keras'), run('torch'))!;
    expect(first.step).toBe(1);
    expect(first.distance).toBeGreaterThan(0);
    expect(firstDifference(run('keras'), run('keras'))).toBeNull();
  });
});

describe('the lab\'s URL', () => {
  it('round-trips the whole setup', () => {
    const s = defaultState();
    s.panel = 'diff';
    s.fn = 'custom';
    s.expr = 'x^2 + y^2 - cos(3*x)';
    s.window = [-2, 6, -1.5, 0.5];
    s.runs = [{ name: 'adam', convention: 'torch', options: { learningRate: 0.05, amsgrad: true } }, { name: 'adam', convention: 'keras', options: { clipNorm: null, beta1: 0.8 } },
      { name: 'lbfgs', convention: 'torch', options: { lineSearchFn: 'strong_wolfe' } },
      { name: 'sgd', convention: 'keras', options: { learningRate: { schedule: 'piecewiseConstant', boundaries: [10, 20], values: [0.1, 0.01, 0.001] } } },
      { name: 'adam', convention: 'keras', options: { learningRate: { schedule: 'cosineDecay', initialLearningRate: 0.1, decaySteps: 100, warmupTarget: null, warmupSteps: 5 } } }];
    s.start = [-1.25, 3];
    Object.assign(s, { steps: 700, seed: 9, step: 123, speed: 8, selected: 1 });
    s.diff = { name: 'rmsprop', options: { learningRate: 0.01, centered: true } };
    s.train = { name: 'nadam', convention: 'torch', options: { learningRate: 0.01 }, epochs: 2, seed: 4, flags: { batchSize: 512, dropout: 0.25, dtype: 'float64' } };
    expect(decodeState(encodeState(s))).toEqual({ state: s, problems: [] });
  });

  it('keeps the defaults for what it cannot read, and says so', () => {
    const { state, problems } = decodeState('fn=nope&o=adam.keras:beta1=x,bogus=1&o=ftrl.torch&steps=-3&start=1&win=1,0,0,1');
    expect(state.fn).toBe('rosenbrock');
    expect(state.runs).toEqual([{ name: 'adam', convention: 'keras', options: {} }]);
    expect(state.steps).toBe(500);
    expect(state.window).toEqual([-4, 4, -4, 4]);
    expect(problems).toEqual([
      "function 'nope' ignored", "window '1,0,0,1' ignored: each range must increase: x from < x to, y from < y to", 'adam: beta1=x is not a number', "adam: option 'bogus' ignored",
      "optimizer 'ftrl.torch' ignored", "start '1' ignored", 'steps=-3 is not an integer in [1, 5000]',
    ]);
    const scheduled = decodeState('train=adam.keras:learningRate=constant(value:0.1),amsgrad=true');
    expect(scheduled.state.train.options).toEqual({ amsgrad: true });
    expect(scheduled.problems).toEqual(['train: a learning-rate schedule is not a flag of seedgrad train; its default rate is used']);
    expect(decodeState('fn=custom&win=0,1,2').problems).toEqual(["window '0,1,2' ignored: four numbers: x from, x to, y from, y to"]);
  });
});

describe('a rule that refuses the point', () => {
  it("shows torch Muon's one-line refusal of a 1-D parameter instead of a path, and draws Keras Muon", async () => {
    const { runOne } = await import('../../src/lab/model.ts');
    const torch = runOne(labFunction('rosenbrock'), { name: 'muon', convention: 'torch', options: {} }, [-1.5, 2], 10, 0, 'rosenbrock-muon-test');
    expect(torch.path).toBeNull();
    expect(torch.error).toMatch(/^muon \(torch convention\): parameter 'point' has shape \[2\]; torch\.optim\.Muon takes only 2-D parameters/);
    const keras = runOne(labFunction('rosenbrock'), { name: 'muon', convention: 'keras', options: {} }, [-1.5, 2], 10, 0, 'rosenbrock-muon-test');
    expect(keras.error).toBeNull();
    expect(keras.path!.length).toBe(10);
  });
});

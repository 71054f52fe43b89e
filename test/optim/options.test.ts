import { describe, expect, it } from 'vitest';
import { OPTIMIZER_NAMES, createOptimizer, resolveOptimizerConfig } from '../../src/optim/index.ts';
import type { OptimizerOptions } from '../../src/optim/index.ts';

const make = (name: string, options: Record<string, unknown>, convention: 'keras' | 'torch' = 'keras'): unknown =>
  createOptimizer(name as 'adam', { convention, options: options as OptimizerOptions, params: [] });

describe('hyperparameter validation (messages name the option and the allowed range)', () => {
  it.each([
    ['adam', { learningRate: -0.001 }, 'adam (keras convention): learningRate must be a number >= 0 or a schedule, got -0.001'],
    ['adam', { beta1: 1 }, 'adam (keras convention): beta1 must be a number in [0, 1), got 1'],
    ['nadam', { beta2: -0.1 }, 'nadam (keras convention): beta2 must be a number in [0, 1), got -0.1'],
    ['rmsprop', { epsilon: -1e-7 }, 'rmsprop (keras convention): epsilon must be a number >= 0, got -1e-7'],
    ['sgd', { momentum: 1.5 }, 'sgd (keras convention): momentum must be a number in [0, 1], got 1.5'],
    ['adam', { beta4: 0.5 }, "adam (keras convention): unknown option 'beta4'; accepted: learningRate, beta1, beta2, epsilon, amsgrad, weightDecay, clipNorm, clipValue, globalClipNorm"],
    ['adam', { amsgrad: 'yes' }, 'adam (keras convention): amsgrad must be true or false, got "yes"'],
    ['adafactor', { clipThreshold: 0 }, 'adafactor (keras convention): clipThreshold must be a number > 0, got 0'],
  ])('%s %j', (name, options, message) => {
    expect(() => make(name, options)).toThrow(message);
  });

  it('refuses two keras clip options, even when one of them is 0', () => {
    expect(() => make('adam', { clipNorm: 1, clipValue: 0 })).toThrow('adam (keras convention): at most one of clipNorm, clipValue, globalClipNorm may be set; got clipNorm and clipValue');
  });

  it('refuses clip options in the torch convention, explaining why', () => {
    expect(() => make('adam', { clipNorm: 1 }, 'torch')).toThrow(/clipNorm is not an option in the torch convention \(torch clips gradients outside the optimizer/);
  });

  it('names the convention a torch-only key belongs to', () => {
    expect(() => make('sgd', { dampening: 0.1 })).toThrow(/dampening is not an option of this optimizer in the keras convention \(it exists in the torch convention\)/);
    expect(() => make('nadam', { momentumDecay: 0.004 })).toThrow(/momentumDecay is not an option/);
  });

  it('refuses a Keras-only rule under torch, an unknown optimizer and an unknown convention', () => {
    expect(() => make('lamb', {}, 'torch')).toThrow("lamb is not offered in the torch convention (LAMB exists only in the keras convention); use convention 'keras'");
    expect(() => make('sophia', {})).toThrow(`unknown optimizer "sophia"; choose one of ${OPTIMIZER_NAMES.join(', ')} (AMSGrad`);
    expect(OPTIMIZER_NAMES.slice(0, 8)).toEqual(['adam', 'adamw', 'adamax', 'nadam', 'sgd', 'rmsprop', 'adadelta', 'adafactor']);
    expect(() => createOptimizer('adam', { convention: 'jax' as 'keras', params: [] })).toThrow('unknown convention "jax"; choose one of keras, torch');
  });

  it('refuses torch nesterov without momentum', () => {
    expect(() => make('sgd', { nesterov: true }, 'torch')).toThrow('sgd (torch convention): nesterov needs momentum > 0 and dampening = 0; got momentum 0, dampening 0');
  });

  it('refuses NaN and infinity for every numeric option', () => {
    expect(() => make('adam', { epsilon: Number.NaN })).toThrow(/epsilon must be a number >= 0, got NaN/);
    expect(() => make('adam', { weightDecay: Infinity })).toThrow(/weightDecay must be a number >= 0/);
  });
});

describe('defaults (docs/optimizers.md §2 and §3 tables)', () => {
  const defaults = (name: 'adam' | 'adamw' | 'adamax' | 'nadam' | 'sgd' | 'rmsprop' | 'adadelta' | 'adafactor', convention: 'keras' | 'torch') =>
    resolveOptimizerConfig(name, convention, {}).options;

  it('keras', () => {
    expect(defaults('adam', 'keras')).toEqual({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false, weightDecay: null, clipNorm: null, clipValue: null, globalClipNorm: null });
    expect(defaults('adamw', 'keras')['weightDecay']).toBe(0.004);
    expect(defaults('sgd', 'keras')).toMatchObject({ learningRate: 0.01, momentum: 0, nesterov: false });
    expect(defaults('rmsprop', 'keras')).toMatchObject({ learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false });
    expect(defaults('adadelta', 'keras')).toMatchObject({ learningRate: 0.001, rho: 0.95, epsilon: 1e-7 });
    expect(defaults('adafactor', 'keras')).toMatchObject({ learningRate: 0.001, beta2Decay: -0.8, epsilon1: 1e-30, epsilon2: 1e-3, clipThreshold: 1, relativeStep: true });
  });

  it('torch', () => {
    expect(defaults('adam', 'torch')).toEqual({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, amsgrad: false });
    expect(defaults('adamw', 'torch')['weightDecay']).toBe(1e-2);
    expect(defaults('adamax', 'torch')).toMatchObject({ learningRate: 2e-3, epsilon: 1e-8 });
    expect(defaults('nadam', 'torch')).toMatchObject({ learningRate: 2e-3, epsilon: 1e-8, momentumDecay: 4e-3 });
    expect(defaults('sgd', 'torch')).toMatchObject({ learningRate: 1e-3, momentum: 0, dampening: 0, nesterov: false });
    expect(defaults('rmsprop', 'torch')).toMatchObject({ learningRate: 1e-2, rho: 0.99, epsilon: 1e-8 });
    expect(defaults('adadelta', 'torch')).toMatchObject({ learningRate: 1.0, rho: 0.9, epsilon: 1e-6 });
  });

  it('null means the default', () => {
    expect(resolveOptimizerConfig('adam', 'keras', { beta1: null, learningRate: null }).options).toEqual(resolveOptimizerConfig('adam', 'keras', {}).options);
  });

  it('keeps float64 hyperparameters exact: lr 0.001 stays 0.001, not float32’s 0.0010000000474974513 (spec pitfall 1)', () => {
    const params = [{ name: 'p', shape: [1], data: Float64Array.of(1) }];
    const opt = createOptimizer('sgd', { options: { learningRate: 0.001 }, params });
    opt.step({ p: Float64Array.of(1) });
    expect(params[0]!.data[0]).toBe(1 - 0.001);
  });
});

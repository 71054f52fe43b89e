/** Training configs: one naming of AMSGrad everywhere (issue 19 item 5). */
import { describe, expect, it } from 'vitest';
import { resolveTrainConfig } from '../../../src/experiment/run/config.ts';

describe('resolveTrainConfig', () => {
  it("takes 'amsgrad' as landscape does: adam with amsgrad: true, other options kept", () => {
    const config = resolveTrainConfig({ optimizer: 'amsgrad' as never, optimizerOptions: { learningRate: 0.01 } });
    expect(config.optimizer).toBe('adam');
    expect(config.optimizerOptions).toEqual({ amsgrad: true, learningRate: 0.01 });
  });

  it('names the variant among the choices when a name is unknown', () => {
    expect(() => resolveTrainConfig({ optimizer: 'notanoptimizer' as never })).toThrow(/^config: optimizer must be one of adam, adamw, adamax, nadam, sgd, rmsprop, adadelta, adafactor, .*or amsgrad \(adam with amsgrad: true\), got "notanoptimizer"$/);
  });

  it('trains sparseadam in its one convention, torch, with Adam for the dense layers unless told otherwise', () => {
    const config = resolveTrainConfig({ optimizer: 'sparseadam', optimizerOptions: { learningRate: 0.01 } });
    expect(config.convention).toBe('torch');
    expect(config.optimizerOptions).toEqual({ learningRate: 0.01, denseAdam: true });
    expect(resolveTrainConfig({ optimizer: 'sparseadam', optimizerOptions: { denseAdam: false } }).optimizerOptions).toEqual({ denseAdam: false });
    expect(() => resolveTrainConfig({ optimizer: 'sparseadam', convention: 'keras' })).toThrow(/sparseadam is not offered in the keras convention/);
  });

  it('refuses lbfgs for training in one line saying why', () => {
    expect(() => resolveTrainConfig({ optimizer: 'lbfgs' })).toThrow(/^config: optimizer lbfgs cannot train NeuMF: L-BFGS evaluates the loss again at points of its own choosing[^\n]*$/);
  });
});

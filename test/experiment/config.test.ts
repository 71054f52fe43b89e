/** Training configs: one naming of AMSGrad everywhere (issue 19 item 5). */
import { describe, expect, it } from 'vitest';
import { resolveTrainConfig } from '../../src/experiment/config.ts';

describe('resolveTrainConfig', () => {
  it("takes 'amsgrad' as landscape does: adam with amsgrad: true, other options kept", () => {
    const config = resolveTrainConfig({ optimizer: 'amsgrad' as never, optimizerOptions: { learningRate: 0.01 } });
    expect(config.optimizer).toBe('adam');
    expect(config.optimizerOptions).toEqual({ amsgrad: true, learningRate: 0.01 });
  });

  it('names the variant among the choices when a name is unknown', () => {
    expect(() => resolveTrainConfig({ optimizer: 'notanoptimizer' as never })).toThrow(/^config: optimizer must be one of adam, adamw, adamax, nadam, sgd, rmsprop, adadelta, adafactor, .*or amsgrad \(adam with amsgrad: true\), got "notanoptimizer"$/);
  });
});

import { describe, expect, it } from 'vitest';
import { trainHeader } from '../../src/cli/train-header.ts';
import { resolveTrainConfig } from '../../src/experiment/index.ts';

describe("train's header line (issue 16 item 4, issue 19 item 5)", () => {
  it("names the options in effect, the convention's defaults when none were given", () => {
    const config = resolveTrainConfig({});
    expect(trainHeader(config)).toBe('neumf on float32, adam (keras convention: learningRate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7, amsgrad false), 5 epochs, batch 2048, seed 0');
  });

  it('shows options given and the torch defaults of the rest', () => {
    const config = resolveTrainConfig({ optimizer: 'sgd', convention: 'torch', optimizerOptions: { momentum: 0.9, learningRate: 0.05 } });
    expect(trainHeader(config)).toBe('neumf on float32, sgd (torch convention: learningRate 0.05, momentum 0.9, dampening 0, nesterov false, weightDecay 0), 5 epochs, batch 2048, seed 0');
  });

  it('says 1 epoch, not 1 epochs', () => {
    expect(trainHeader(resolveTrainConfig({ epochs: 1 }))).toMatch(/, 1 epoch, batch 2048,/);
  });
});

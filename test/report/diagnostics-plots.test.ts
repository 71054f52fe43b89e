/** The sweep report's sharpness plot: a line per run, and a dashed 2/η line for each run whose learning rate is a constant. */
import { describe, expect, it } from 'vitest';
import { sharpnessSpec, STABILITY_LINE } from '../../src/report/diagnostics-plots.ts';
import type { ReportRun, SweepReport } from '../../src/report/types.ts';

const stat = { mean: 0.5, spread: 0, values: [0.5] };
const run = (number: number, learningRate: number | string): ReportRun => ({
  number,
  id: `run-0${number}`,
  group: 'g',
  label: 'SGD',
  optimizer: 'sgd',
  convention: 'keras',
  loss: 'mse',
  epochs: 4,
  learningRate,
  options: [],
  settings: [],
  finals: {},
  finalLoss: stat,
  history: [],
  diagnostics: [2, 4].flatMap((step) => ['w', 'b'].map((parameter) => ({ step, parameter, epsilonDominance: null, updateToWeight: 0.1, sharpness: 10 * number + step }))),
});
const report = (runs: ReportRun[]): SweepReport => ({ name: 's', seeds: [0], groups: ['g'], runs, metrics: [], lossTitle: 'training loss (MSE)' }) as unknown as SweepReport;

interface Layer { data: { values: { run: string; line: string; value: number; step?: number }[] }; mark: { type: string } }

describe('sharpnessSpec', () => {
  it('draws each run\'s sharpness once per measured step, and a rule at 2/η for each constant learning rate, named in the legend', () => {
    const spec = sharpnessSpec(report([run(1, 0.1), run(2, 0.04), run(3, 'cosine 0.1 → 0')]), 'g') as unknown as { layer: Layer[]; title: { subtitle: string } };
    const [lines, rules] = spec.layer;
    expect(lines.mark.type).toBe('line');
    // One point per step (the step's sharpness is repeated on every parameter's record).
    expect(lines.data.values.map((v) => [v.step, v.value])).toEqual([[2, 12], [4, 14], [2, 22], [4, 24], [2, 32], [4, 34]]);
    expect(rules.mark.type).toBe('rule');
    // 2/0.1 = 20 and 2/0.04 = 50; the scheduled run has none.
    expect(rules.data.values.map((v) => v.value)).toEqual([20, 50]);
    expect(new Set(rules.data.values.map((v) => v.line))).toEqual(new Set([STABILITY_LINE]));
    expect(STABILITY_LINE).toMatch(/^2\/η/);
    expect(spec.title.subtitle).toContain('dashed: 2/η');
  });

  it('draws no rule when no run has a constant learning rate', () => {
    const spec = sharpnessSpec(report([run(1, 'cosine 0.1 → 0')]), 'g') as unknown as { layer: Layer[]; title: { subtitle: string } };
    expect(spec.layer).toHaveLength(1);
    expect(spec.title.subtitle).toBe('seed 0');
  });
});

/**
 * experiments/edge-of-stability.json (docs/edge-of-stability.md): a tiny version of the
 * sweep records each run's learning rate and its sharpness at the stated steps, and the
 * report draws 2/η; and the property the 2/η line stands for, on a quadratic loss (the
 * teacher–student workload's linear model under MSE) whose Hessian the test works out:
 * the recorded sharpness is its top eigenvalue λ, and gradient descent converges at
 * η = 1.9/λ and diverges at η = 2.1/λ.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSession, parseSweepConfig, releaseSession, resolveTrainConfig, runSweep, runTraining } from '../../../src/experiment/index.ts';
import type { TeacherStudentConfig, TeacherStudentRun } from '../../../src/experiment/workloads/index.ts';
import { STABILITY_LINE } from '../../../src/report/diagnostics-plots.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '../../../experiments/edge-of-stability.json'), 'utf8'));

describe('experiments/edge-of-stability.json', () => {
  it('is full-batch plain gradient descent at three step sizes with sharpness measured', () => {
    expect(shipped.base).toMatchObject({ workload: 'teacher-student', optimizer: 'sgd', momentum: 0 });
    expect(shipped.base.batchSize).toBeUndefined(); // full batch
    expect(new Set(shipped.runs.map((r: { learningRate: number }) => r.learningRate)).size).toBe(3);
    expect(shipped.diagnostics.sharpness).toBe(true);
  });

  it('in a tiny version, records every run\'s learning rate and its sharpness at every N-th step, and the report draws the 2/η lines', async () => {
    const root = tempDir('edge-of-stability');
    const file = join(root, 'eos.json');
    const [epochs, every] = [6, 2];
    const tiny = { ...shipped, base: { ...shipped.base, epochs, samples: 12, testSamples: 8, hiddenWidth: 4, inputDim: 3 }, diagnostics: { every, sharpness: { maxIterations: 6 } } };
    const outDir = join(root, 'out');
    await runSweep(parseSweepConfig(tiny, file), { file, outDir, jobs: 1, resume: false, overrides: {}, backend: { choice: 'js', threads: 1, description: 'backend js, 1 thread' } });
    const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8'));
    expect(results.runs.map((r: { spec: { learningRate: number } }) => r.spec.learningRate)).toEqual(shipped.runs.map((r: { learningRate: number }) => r.learningRate));
    for (const r of results.runs) {
      const measured = r.seeds[0].history.flatMap((h: { diagnostics: { step: number; sharpness: { eigenvalue: number } }[] }) => h.diagnostics);
      expect(measured.map((d: { step: number }) => d.step)).toEqual([2, 4, 6]);
      for (const d of measured) expect(d.sharpness.eigenvalue).toBeGreaterThan(0);
    }
    const plots = readdirSync(join(outDir, 'plots'));
    expect(plots.filter((f) => f.endsWith('-epsilon-dominance.svg'))).toEqual([]); // plain SGD has no ε
    const plot = plots.find((f) => f.endsWith('-sharpness.vl.json'))!;
    const spec = JSON.parse(readFileSync(join(outDir, 'plots', plot), 'utf8'));
    const rules = spec.layer.find((l: { mark: { type: string } }) => l.mark.type === 'rule');
    expect(rules.data.values.map((v: { value: number }) => v.value)).toEqual(shipped.runs.map((r: { learningRate: number }) => Number((2 / r.learningRate).toPrecision(6))));
    const svg = readFileSync(join(outDir, 'plots', plot.replace(/\.vl\.json$/, '.svg')), 'utf8');
    expect(svg).toContain(`>${STABILITY_LINE}</text>`); // the legend's entry
    expect(svg.match(/aria-roledescription="rule mark" [^>]*stroke-dasharray="6,4"/g)).toHaveLength(3);
  });
});

describe('sharpness of a quadratic loss, and the 2/η threshold', () => {
  const [n, d] = [10, 2];
  const linear = (learningRate: number, epochs: number) =>
    resolveTrainConfig({ workload: 'teacher-student', depth: 0, inputDim: d, samples: n, testSamples: 4, epochs, dtype: 'float64', seed: 3, optimizerOptions: { learningRate } }) as TeacherStudentConfig;

  /** The top eigenvalue of H = (2/n) AᵀA, A = [X 1] (L = (1/n)|Aθ − y|²), by power iteration run to float64 convergence. */
  function topEigenvalue(): number {
    const session = createSession(linear(0.1, 1));
    const { data } = session.workload as TeacherStudentRun;
    const A = Array.from({ length: n }, (_, i) => [data.train.inputs[d * i], data.train.inputs[d * i + 1], 1]);
    releaseSession(session);
    const H = [0, 1, 2].map((r) => [0, 1, 2].map((c) => (2 / n) * A.reduce((s, row) => s + row[r] * row[c], 0)));
    let v = [1, 0.5, 0.25];
    let lambda = 0;
    for (let k = 0; k < 2000; k++) {
      const w = H.map((row) => row.reduce((s, h, c) => s + h * v[c], 0));
      lambda = Math.hypot(...w) / Math.hypot(...v);
      v = w.map((x) => x / Math.hypot(...w));
    }
    return lambda;
  }

  it('the recorded sharpness is the top Hessian eigenvalue at every measured step', () => {
    const lambda = topEigenvalue();
    const result = runTraining(linear(0.1, 6), undefined, { diagnostics: 2, sharpness: { tolerance: 1e-10, maxIterations: 10 } });
    const recorded = result.history.flatMap((h) => h.diagnostics ?? []).map((m) => m.sharpness!.eigenvalue);
    expect(recorded).toHaveLength(3);
    for (const s of recorded) expect(s).toBeCloseTo(lambda, 8);
  });

  it('gradient descent converges at η = 1.9/λ and diverges at η = 2.1/λ', () => {
    const lambda = topEigenvalue();
    const losses = (eta: number) => runTraining(linear(eta, 80), undefined).history.map((h) => h.trainLoss as number);
    const stable = losses(1.9 / lambda);
    const unstable = losses(2.1 / lambda);
    expect(stable[79]).toBeLessThan(stable[0]);
    // Along the top eigenvector the error is multiplied by 1 − ηλ = −1.1 a step: the loss by 1.21.
    expect(unstable[79]).toBeGreaterThan(100 * unstable[0]);
  });
});

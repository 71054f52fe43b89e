/**
 * The teacher–student workload: its first step against a gradient worked by hand, full-batch
 * gradient descent against the closed form, determinism, resume, the step hook, config errors.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createSession, loadCheckpoint, releaseSession, resolveTrainConfig, runTraining, TIMING_FIELDS, type RunResult, type StepContext } from '../../../src/experiment/index.ts';
import { trainEpoch } from '../../../src/experiment/run/epoch.ts';
import type { TeacherStudentConfig, TeacherStudentRun } from '../../../src/experiment/workloads/index.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const teacherStudent = (over: Partial<TeacherStudentConfig> = {}) =>
  resolveTrainConfig({ workload: 'teacher-student', inputDim: 3, hiddenWidth: 4, depth: 1, teacherWidth: 5, samples: 7, testSamples: 9, epochs: 3, dtype: 'float64', optimizerOptions: { learningRate: 0.1 }, ...over }) as TeacherStudentConfig;

const withoutTimings = (result: RunResult): unknown => JSON.parse(JSON.stringify(result), (key, value) => ((TIMING_FIELDS as readonly string[]).includes(key) ? undefined : value));

const copy = (session: ReturnType<typeof createSession>) => new Map(session.parameters.map(([name, t]) => [name, Float64Array.from(t.data)]));

describe('teacher-student workload', () => {
  it("takes one SGD step along the MSE gradient of a one-hidden-layer tanh network, worked by hand", () => {
    const config = teacherStudent({ epochs: 1 });
    const session = createSession(config);
    const { data } = session.workload as TeacherStudentRun;
    const before = copy(session);
    const [W1, b1, W2, b2] = ['dense0.kernel', 'dense0.bias', 'output.kernel', 'output.bias'].map((name) => before.get(name)!);
    expect(session.parameters.map(([name]) => name)).toEqual(['dense0.kernel', 'dense0.bias', 'output.kernel', 'output.bias']);
    const [n, d, m, lr] = [7, 3, 4, 0.1];
    // o_i = Σ_j v_j tanh(z_ij) + c, z_ij = Σ_k x_ik W_kj + b_j; L = (1/n) Σ_i (o_i − y_i)².
    // ∂L/∂o_i = 2(o_i − y_i)/n; ∂L/∂v_j = Σ_i δ_i h_ij; ∂L/∂c = Σ_i δ_i; ∂L/∂z_ij = δ_i v_j (1 − h_ij²);
    // ∂L/∂W_kj = Σ_i x_ik ∂L/∂z_ij; ∂L/∂b_j = Σ_i ∂L/∂z_ij.
    const gW1 = new Float64Array(d * m), gb1 = new Float64Array(m), gW2 = new Float64Array(m);
    let gb2 = 0, loss = 0;
    for (let i = 0; i < n; i++) {
      const x = Array.from(data.train.inputs.subarray(i * d, (i + 1) * d));
      const h = Array.from({ length: m }, (_, j) => Math.tanh(b1[j] + x.reduce((s, xk, k) => s + xk * W1[k * m + j], 0)));
      const o = h.reduce((s, hj, j) => s + hj * W2[j], b2[0]);
      loss += (o - data.train.targets[i]) ** 2 / n;
      const delta = (2 * (o - data.train.targets[i])) / n;
      gb2 += delta;
      for (let j = 0; j < m; j++) {
        gW2[j] += delta * h[j];
        const dz = delta * W2[j] * (1 - h[j] * h[j]);
        gb1[j] += dz;
        for (let k = 0; k < d; k++) gW1[k * m + j] += x[k] * dz;
      }
    }
    const trained = trainEpoch(session, 1);
    expect(trained.steps).toBe(1);
    expect(trained.loss).toBeCloseTo(loss, 14);
    const expected: [string, Float64Array, ArrayLike<number>][] = [['dense0.kernel', W1, gW1], ['dense0.bias', b1, gb1], ['output.kernel', W2, gW2], ['output.bias', b2, [gb2]]];
    for (const [name, start, gradient] of expected) {
      const after = session.parameters.find(([p]) => p === name)![1].data;
      start.forEach((p, k) => expect(after[k], `${name}[${k}]`).toBeCloseTo(p - lr * gradient[k], 14));
    }
    releaseSession(session);
  });

  it('full-batch gradient descent on a linear model follows the closed form θ_T = θ* + (I − ηH)^T (θ_0 − θ*)', () => {
    const [T, eta, n] = [25, 0.05, 8];
    const config = teacherStudent({ depth: 0, inputDim: 2, samples: n, epochs: T, optimizerOptions: { learningRate: eta } });
    const session = createSession(config);
    const { data } = session.workload as TeacherStudentRun;
    const start = copy(session);
    // θ = (w1, w2, b); A = [X 1]; L = (1/n)|Aθ − y|², so H = (2/n) AᵀA and θ* solves AᵀA θ = Aᵀy.
    const A = Array.from({ length: n }, (_, i) => [data.train.inputs[2 * i], data.train.inputs[2 * i + 1], 1]);
    const y = Array.from(data.train.targets);
    const AtA = [0, 1, 2].map((r) => [0, 1, 2].map((c) => A.reduce((s, row) => s + row[r] * row[c], 0)));
    const Aty = [0, 1, 2].map((r) => A.reduce((s, row, i) => s + row[r] * y[i], 0));
    const solve = (M: number[][], v: number[]): number[] => {
      // Gaussian elimination with partial pivoting on a copy.
      const a = M.map((row, r) => [...row, v[r]]);
      for (let c = 0; c < 3; c++) {
        const p = [c, c + 1, c + 2].filter((r) => r < 3).reduce((best, r) => (Math.abs(a[r][c]) > Math.abs(a[best][c]) ? r : best), c);
        [a[c], a[p]] = [a[p], a[c]];
        for (let r = 0; r < 3; r++) if (r !== c) { const f = a[r][c] / a[c][c]; for (let k = c; k < 4; k++) a[r][k] -= f * a[c][k]; }
      }
      return [0, 1, 2].map((r) => a[r][3] / a[r][r]);
    };
    const optimum = solve(AtA, Aty);
    const step = [0, 1, 2].map((r) => [0, 1, 2].map((c) => (r === c ? 1 : 0) - (eta * 2 * AtA[r][c]) / n));
    let error = [start.get('output.kernel')![0] - optimum[0], start.get('output.kernel')![1] - optimum[1], start.get('output.bias')![0] - optimum[2]];
    for (let t = 0; t < T; t++) error = step.map((row) => row.reduce((s, v, c) => s + v * error[c], 0));
    for (let epoch = 1; epoch <= T; epoch++) trainEpoch(session, epoch);
    const [kernel, bias] = [session.parameters[0][1].data, session.parameters[1][1].data];
    expect(session.parameters.map(([name]) => name)).toEqual(['output.kernel', 'output.bias']);
    expect(kernel[0]).toBeCloseTo(optimum[0] + error[0], 12);
    expect(kernel[1]).toBeCloseTo(optimum[1] + error[1], 12);
    expect(bias[0]).toBeCloseTo(optimum[2] + error[2], 12);
    // Not vacuous: the run moved, and has not yet arrived.
    expect(Math.abs(kernel[0] - start.get('output.kernel')![0])).toBeGreaterThan(1e-3);
    expect(Math.hypot(...error)).toBeGreaterThan(1e-6);
    releaseSession(session);
  });

  it('gives the same result for the same seed and config, full-batch and mini-batch, and another for another seed', () => {
    for (const over of [{}, { samples: 20, batchSize: 6, loss: 'bce' as const, labelNoise: 0.1, activation: 'relu' as const, dtype: 'float32' as const }]) {
      const a = runTraining(teacherStudent(over), undefined);
      expect(withoutTimings(runTraining(teacherStudent(over), undefined))).toEqual(withoutTimings(a));
      expect(runTraining(teacherStudent({ ...over, seed: 1 }), undefined).history[0].loss).not.toBe(a.history[0].loss);
    }
  });

  it('reports training-set and test loss (and accuracy for bce) and the best constant as its baseline', () => {
    const mse = runTraining(teacherStudent({ epochs: 40, hiddenWidth: 16, samples: 64, optimizerOptions: { learningRate: 0.2 } }), undefined);
    const last = mse.history[mse.history.length - 1];
    expect(Object.keys(last)).toEqual(['epoch', 'loss', 'trainLoss', 'testLoss', 'steps', 'samplingSeconds', 'trainingSeconds', 'evaluationSeconds']);
    expect(last.trainLoss).toBeLessThan(mse.history[0].trainLoss as number);
    expect(last.trainLoss).toBeLessThan(mse.baseline.trainLoss as number);
    const bce = runTraining(teacherStudent({ loss: 'bce', samples: 32, batchSize: 8 }), undefined);
    expect(Object.keys(bce.baseline)).toEqual(['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy']);
    expect(bce.history[0].steps).toBe(4);
    expect(bce.history[0].testAccuracy).toBeGreaterThanOrEqual(0);
    expect(bce.history[0].testAccuracy).toBeLessThanOrEqual(1);
  });

  it('calls afterStep after every step with the global step and the fixed batch (the whole training set) at the updated parameters', () => {
    const seen: [number, number][] = [];
    const config = teacherStudent({ samples: 12, batchSize: 5 });
    const result = runTraining(config, undefined, {
      afterStep: (c: StepContext) => {
        seen.push([c.epoch, c.globalStep]);
        if (c.globalStep % 4 === 0) expect(c.fixedBatchLoss().item()).toBeGreaterThan(0);
      },
    });
    expect(seen).toEqual([[1, 1], [1, 2], [1, 3], [2, 4], [2, 5], [2, 6], [3, 7], [3, 8], [3, 9]]);
    // At the end of an epoch the fixed batch's loss is the evaluated training-set loss.
    let last = NaN;
    runTraining(config, undefined, { afterStep: (c) => (last = c.fixedBatchLoss().item()) });
    expect(last).toBe(result.history[2].trainLoss);
  });

  it('resumes from a checkpoint to the result of an unbroken run', () => {
    const dir = join(tempDir('teacher-student'), 'resume');
    const unbroken = runTraining(teacherStudent({ epochs: 4, samples: 10, batchSize: 3, optimizer: 'adam' }), undefined);
    runTraining(teacherStudent({ epochs: 2, samples: 10, batchSize: 3, optimizer: 'adam' }), undefined, { checkpointDir: dir });
    const resumed = runTraining(teacherStudent({ epochs: 4, samples: 10, batchSize: 3, optimizer: 'adam' }), undefined, { resume: loadCheckpoint(dir) });
    expect(withoutTimings(resumed)).toEqual(withoutTimings(unbroken));
  });

  it('refuses bad options in one line naming the option, the value and the allowed range', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ depth: 17 }, 'config: depth must be an integer in [0, 16], got 17'],
      [{ activation: 'sigmoid' }, 'config: activation must be one of tanh, relu, got "sigmoid"'],
      [{ loss: 'hinge' }, 'config: loss must be one of mse, bce, got "hinge"'],
      [{ labelNoise: -1 }, 'config: labelNoise must be a number in [0, 10], got -1'],
      [{ samples: 10, batchSize: 11 }, 'config: batchSize must be at most samples (10; equal is full-batch gradient descent), got 11'],
      [{ loss: 'bce', labelNoise: 0.7 }, 'config: labelNoise must be a number in [0, 0.5] with loss bce (it is the probability of flipping a label), got 0.7'],
      [{ embedDim: 8 }, "config: unknown key 'embedDim'; known keys: workload, loss, inputDim, hiddenWidth, depth, activation, teacherWidth, samples, testSamples, labelNoise, optimizer, convention, optimizerOptions, epochs, batchSize, seed, dtype (the teacher-student workload's)"],
    ];
    for (const [over, message] of cases) expect(() => resolveTrainConfig({ workload: 'teacher-student', ...over })).toThrow(message);
    expect(() => resolveTrainConfig({ workload: 'regression' } as never)).toThrow('config: workload must be one of recommender, teacher-student, got "regression"');
  });

  it('defaults to full-batch SGD on its own samples, and keeps a recommender config free of a workload key', () => {
    const config = resolveTrainConfig({ workload: 'teacher-student', samples: 100 }) as TeacherStudentConfig;
    expect([config.batchSize, config.optimizer, config.loss]).toEqual([100, 'sgd', 'mse']);
    expect('workload' in resolveTrainConfig({ workload: 'recommender' })).toBe(false);
  });
});

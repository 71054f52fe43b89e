/**
 * The public API refuses a wrong argument with one line naming the function and the
 * argument, never an error from deep inside (`Cannot read properties of undefined`).
 */
import { describe, expect, it } from 'vitest';
import * as sg from '../src/index.ts';

const api = sg as unknown as Record<string, (...args: unknown[]) => unknown>;

function refuses(call: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error, String(message)).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toMatch(/Cannot read properties|is not a function|is not iterable/);
}

describe('public API arguments', () => {
  it('the RNG, data, evaluation, gradcheck and training entry points name the argument at fault', () => {
    refuses(() => api['createRng']!({}), /^createRng: the seed must be an integer or a string, got an object \{\}/);
    refuses(() => api['buildDataset']!({}), /^buildDataset: the interactions must be \{source, users: Int32Array/);
    refuses(() => api['sampleTrainingEpoch']!({}, 4), /^sampleTrainingEpoch: the dataset must come from buildDataset/);
    const dataset = sg.buildDataset(sg.generateSynthetic({ users: 20, items: 40, interactions: 300 }));
    refuses(() => api['sampleTrainingEpoch']!(dataset, 4, 1, 2), /^sampleTrainingEpoch: negativeRng \(the third argument\) must be a random stream/);
    refuses(() => api['sampleEvaluationCandidates']!(dataset, 99), /^sampleEvaluationCandidates: rng \(the third argument\) must be a random stream/);
    refuses(() => api['evaluateSampled']!(), /^evaluateSampled: the first argument must be a scorer/);
    refuses(() => api['evaluateSampled']!(() => new Float32Array(0), [1, 2], 2, 10), /^evaluateSampled: candidates must be the Int32Array of sampleEvaluationCandidates/);
    refuses(() => api['evaluateFullRanking']!(() => new Float32Array(0), dataset, 0), /^evaluateFullRanking: k must be an integer >= 1, got number 0/);
    refuses(() => api['gradcheck']!(3, []), /^gradcheck: the first argument must be a function/);
    refuses(() => api['gradcheck']!((x: sg.Tensor) => x, [[1, 2]]), /^gradcheck: inputs\[0\] must be a Tensor, got an array of 2/);
    refuses(() => new sg.Recommender(undefined as never, sg.createRng(1)), /^Recommender: the first argument must be the config/);
    refuses(() => new sg.Recommender({ kind: 'gmf', numUsers: 2, numItems: 2, embedDim: 2, dropout: 0, dtype: 'float32' }, 7 as never), /^Recommender: the second argument \(the random stream\) must be/);
    refuses(() => api['runTraining']!({}, dataset), /^runTraining: the first argument must be a config from resolveTrainConfig/);
    refuses(() => api['runTraining']!(sg.resolveTrainConfig({ epochs: 1 }), {}), /^runTraining: the dataset must come from buildDataset/);
  });
});

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

  it('every op names the argument that is not a Tensor (or a list where one belongs)', () => {
    const t = sg.tensor([[1, 2]]);
    refuses(() => api['matmul']!([1], [2]), /^matmul: the first argument must be a Tensor, got an array of 1$/);
    refuses(() => api['relu']!(3), /^relu: its argument must be a Tensor, got number 3$/);
    refuses(() => api['exp']!(null), /^exp: its argument must be a Tensor, got null$/);
    refuses(() => api['sum']!('x'), /^sum: the first argument must be a Tensor, got the string "x"$/);
    refuses(() => api['gather']!([1], [0]), /^gather: the table \(first argument\) must be a Tensor/);
    refuses(() => api['gather']!(t, 0), /^gather: the indices must be a list of row numbers/);
    refuses(() => api['add']!([1], t), /^add: the first operand must be a Tensor or a number, got an array of 1$/);
    refuses(() => api['maximum']!(t, 'a'), /^maximum: the second operand must be a Tensor or a number, got the string "a"$/);
    refuses(() => api['reshape']!(t, 3), /^reshape: the shape must be a list of numbers, got number 3$/);
    refuses(() => api['concat']!(t, 0), /^concat: the first argument must be a list of Tensors, got a Tensor$/);
    refuses(() => api['dropout']!(t, 0.5), /^dropout: the third argument \(the random stream\) must be a random stream .*got nothing \(undefined\)$/);
    refuses(() => api['binaryCrossEntropyWithLogits']!(t), /^binaryCrossEntropyWithLogits: the labels \(second argument\) must be a Tensor/);
    refuses(() => api['dense']!(t, [1], t), /^dense: the kernel \(second argument\) must be a Tensor, got an array of 1$/);
    refuses(() => api['transpose']!([1]), /^transpose: the first argument must be a Tensor/);
    refuses(() => api['neg']!(1), /^neg: its argument must be a Tensor/);
    refuses(() => api['clamp']!({}, 0, 1), /^clamp: the first argument must be a Tensor, got an object \{\}$/);
  });
});

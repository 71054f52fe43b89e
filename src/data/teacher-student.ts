/**
 * A synthetic teacher–student set: inputs x ~ N(0, I_d), and targets from a fixed random
 * teacher, a one-hidden-layer tanh network
 *
 *     f(x) = Σ_j a_j tanh(Σ_i x_i W_ij),   W_ij ~ N(0, 1/d),  a_j ~ N(0, 1/m)   (m teacher units),
 *
 * so f(x) has variance of order one whatever d and m are. Regression targets are f(x) plus
 * N(0, noise²); classification labels are [f(x) > 0], each flipped with probability
 * `noise`. Noise touches the training set only: the test set measures how well the student
 * recovers the teacher. Every draw comes from its own stream of `rng`:
 *   teacher/hidden, teacher/output        the teacher's weights
 *   train/inputs, train/noise             the training set
 *   test/inputs                           the test set
 */
import type { Rng } from '../random.ts';
import { allocate, type Dtype, type FloatArray } from '../tensor/dtype.ts';

export interface TeacherStudentOptions {
  readonly task: 'regression' | 'classification';
  readonly inputDim: number;
  readonly teacherWidth: number;
  readonly samples: number;
  readonly testSamples: number;
  /** Regression: the standard deviation of the added noise; classification: the flip probability. */
  readonly noise: number;
  readonly dtype: Dtype;
}

export interface LabelledSet {
  /** Row-major [length, inputDim]. */
  readonly inputs: FloatArray;
  readonly targets: FloatArray;
  readonly length: number;
}

export interface TeacherStudentData {
  readonly inputDim: number;
  readonly train: LabelledSet;
  readonly test: LabelledSet;
}

function teacher(options: TeacherStudentOptions, rng: Rng): (x: Float64Array) => number {
  const { inputDim: d, teacherWidth: m } = options;
  const hidden = rng.fork('hidden');
  const output = rng.fork('output');
  const w = Float64Array.from({ length: d * m }, () => hidden.normal() / Math.sqrt(d));
  const a = Float64Array.from({ length: m }, () => output.normal() / Math.sqrt(m));
  return (x) => {
    let f = 0;
    for (let j = 0; j < m; j++) {
      let z = 0;
      for (let i = 0; i < d; i++) z += x[i] * w[i * m + j];
      f += a[j] * Math.tanh(z);
    }
    return f;
  };
}

function labelledSet(options: TeacherStudentOptions, f: (x: Float64Array) => number, length: number, inputs: Rng, noise: Rng | undefined): LabelledSet {
  const d = options.inputDim;
  const x = allocate(options.dtype, length * d);
  const targets = allocate(options.dtype, length);
  const row = new Float64Array(d);
  for (let n = 0; n < length; n++) {
    for (let i = 0; i < d; i++) x[n * d + i] = inputs.normal();
    // The teacher sees the inputs as stored (rounded to float32 if that is the dtype).
    for (let i = 0; i < d; i++) row[i] = x[n * d + i];
    const value = f(row);
    if (options.task === 'regression') targets[n] = noise === undefined ? value : value + options.noise * noise.normal();
    else {
      const label = value > 0 ? 1 : 0;
      targets[n] = noise !== undefined && noise.uniform() < options.noise ? 1 - label : label;
    }
  }
  return { inputs: x, targets, length };
}

export function generateTeacherStudent(options: TeacherStudentOptions, rng: Rng): TeacherStudentData {
  const f = teacher(options, rng.fork('teacher'));
  const noise = options.noise > 0 ? rng.fork('train').fork('noise') : undefined;
  return {
    inputDim: options.inputDim,
    train: labelledSet(options, f, options.samples, rng.fork('train').fork('inputs'), noise),
    test: labelledSet(options, f, options.testSamples, rng.fork('test').fork('inputs'), undefined),
  };
}

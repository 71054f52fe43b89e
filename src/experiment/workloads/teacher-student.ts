/**
 * The teacher–student workload: a small MLP (src/model/mlp.ts) fitted to a synthetic set
 * whose targets come from a fixed random teacher network (src/data/teacher-student.ts).
 * `loss: "mse"` regresses the teacher's output; `loss: "bce"` classifies its sign with
 * binary cross-entropy on the logit. The batch size defaults to the number of samples:
 * full-batch gradient descent, one step per epoch, on the examples in their fixed order;
 * a smaller batch shuffles each epoch from `shuffle/epoch-E`. Its streams: `teacher/…`,
 * `train/…`, `test/…` (the data), `init/<layer>` (the student), `shuffle/epoch-E`.
 */
import type { Rng } from '../../random.ts';
import { Mlp, HIDDEN_ACTIVATIONS, type HiddenActivation } from '../../model/index.ts';
import { binaryCrossEntropyWithLogits, mean, noGrad, square, sub } from '../../autograd/index.ts';
import { generateTeacherStudent, type LabelledSet, type TeacherStudentData } from '../../data/teacher-student.ts';
import { Tensor } from '../../tensor/tensor.ts';
import { allocate } from '../../tensor/dtype.ts';
import { COMMON_CHECKS, integerIn, numberIn, oneOf, type Check } from './checks.ts';
import type { CommonConfig, MetricSpec, MetricValues, Workload, WorkloadRun } from './workload.ts';

export interface TeacherStudentConfig extends CommonConfig {
  readonly workload: 'teacher-student';
  /** mse: regression on the teacher's output; bce: classification of its sign (binary cross-entropy on the logit). */
  readonly loss: 'mse' | 'bce';
  readonly inputDim: number;
  /** Units of each hidden layer of the student. */
  readonly hiddenWidth: number;
  /** Hidden layers of the student (0: a linear model). */
  readonly depth: number;
  readonly activation: HiddenActivation;
  /** Hidden units of the teacher (one tanh layer). */
  readonly teacherWidth: number;
  /** Training examples. */
  readonly samples: number;
  /** Held-out examples. */
  readonly testSamples: number;
  /** mse: standard deviation of Gaussian noise on the training targets; bce: probability of flipping a training label. */
  readonly labelNoise: number;
}

const DEFAULTS: Omit<TeacherStudentConfig, 'batchSize'> = {
  workload: 'teacher-student',
  loss: 'mse',
  inputDim: 8,
  hiddenWidth: 32,
  depth: 2,
  activation: 'tanh',
  teacherWidth: 8,
  samples: 256,
  testSamples: 1024,
  labelNoise: 0,
  optimizer: 'sgd',
  convention: 'keras',
  optimizerOptions: {},
  epochs: 100,
  seed: 0,
  dtype: 'float32',
};

/** The most numbers the generated inputs may hold (samples × inputDim, training and test each). */
const MAX_INPUT_VALUES = 50_000_000;

const CHECKS: Record<keyof TeacherStudentConfig, Check> = {
  workload: oneOf(['teacher-student']),
  loss: oneOf(['mse', 'bce']),
  inputDim: integerIn(1, 4096),
  hiddenWidth: integerIn(1, 4096),
  depth: integerIn(0, 16),
  activation: oneOf(HIDDEN_ACTIVATIONS),
  teacherWidth: integerIn(1, 4096),
  samples: integerIn(1, 1_000_000),
  testSamples: integerIn(1, 1_000_000),
  labelNoise: numberIn(0, 10),
  optimizer: COMMON_CHECKS.optimizer,
  convention: COMMON_CHECKS.convention,
  optimizerOptions: COMMON_CHECKS.optimizerOptions,
  epochs: COMMON_CHECKS.epochs,
  batchSize: COMMON_CHECKS.batchSize,
  seed: COMMON_CHECKS.seed,
  dtype: COMMON_CHECKS.dtype,
};

function relations(config: TeacherStudentConfig, nameOf: (key: string) => string): string | null {
  if (config.batchSize > config.samples) return `${nameOf('batchSize')} must be at most ${nameOf('samples')} (${config.samples}; equal is full-batch gradient descent), got ${config.batchSize}`;
  if (config.loss === 'bce' && config.labelNoise > 0.5) return `${nameOf('labelNoise')} must be a number in [0, 0.5] with loss bce (it is the probability of flipping a label), got ${config.labelNoise}`;
  const largest = Math.max(config.samples, config.testSamples) * config.inputDim;
  if (largest > MAX_INPUT_VALUES) return `${nameOf('samples')} and ${nameOf('testSamples')} times ${nameOf('inputDim')} must be at most ${MAX_INPUT_VALUES} values, got ${largest}`;
  return null;
}

/** The mean loss of `outputs` against `targets`: MSE, (1/n) Σ (o − y)², or binary cross-entropy on logits. */
function lossOf(config: TeacherStudentConfig, outputs: Tensor, targets: Tensor): Tensor {
  return config.loss === 'mse' ? mean(square(sub(outputs, targets))) : binaryCrossEntropyWithLogits(outputs, targets);
}

const rows = (set: LabelledSet, inputDim: number, begin: number, end: number): [Tensor, Tensor] => [
  new Tensor(set.inputs.subarray(begin * inputDim, end * inputDim), [end - begin, inputDim]),
  new Tensor(set.targets.subarray(begin, end), [end - begin]),
];

/** Share of rows whose logit's sign gives the label (a logit of exactly 0 counts as class 0). */
function accuracy(logits: ArrayLike<number>, targets: ArrayLike<number>): number {
  let right = 0;
  for (let n = 0; n < targets.length; n++) if ((logits[n] > 0 ? 1 : 0) === targets[n]) right++;
  return right / targets.length;
}

/** The best constant prediction from the training targets: their mean (MSE), or their positive rate as a logit (BCE). */
function constantBaseline(config: TeacherStudentConfig, train: LabelledSet, test: LabelledSet): MetricValues {
  let total = 0;
  for (const y of train.targets) total += y;
  const average = total / train.length;
  // Clamped so a set of one class still scores a finite loss.
  const p = Math.min(1 - 1e-7, Math.max(1e-7, average));
  const lossOn = (set: LabelledSet) => {
    let sum = 0;
    for (const y of set.targets) sum += config.loss === 'mse' ? (average - y) ** 2 : -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
    return sum / set.length;
  };
  const losses = { trainLoss: lossOn(train), testLoss: lossOn(test) };
  if (config.loss === 'mse') return losses;
  const predicted = (set: LabelledSet) => accuracy(new Float64Array(set.length).fill(p > 0.5 ? 1 : -1), set.targets);
  return { ...losses, trainAccuracy: predicted(train), testAccuracy: predicted(test) };
}

/** The teacher–student workload built for one run: its data and its student. */
export interface TeacherStudentRun extends WorkloadRun {
  readonly data: TeacherStudentData;
  readonly model: Mlp;
}

function buildTeacherStudent(config: TeacherStudentConfig, rng: Rng): TeacherStudentRun {
  const data = generateTeacherStudent(
    { task: config.loss === 'mse' ? 'regression' : 'classification', inputDim: config.inputDim, teacherWidth: config.teacherWidth, samples: config.samples, testSamples: config.testSamples, noise: config.labelNoise, dtype: config.dtype },
    rng,
  );
  const model = new Mlp({ inputDim: config.inputDim, width: config.hiddenWidth, depth: config.depth, activation: config.activation, dtype: config.dtype }, rng);
  const d = config.inputDim;
  const fullBatch = config.batchSize >= config.samples;
  // A mini-batch epoch's examples, in that epoch's shuffled order (kept across epochs).
  const shuffled: LabelledSet = { inputs: allocate(config.dtype, data.train.inputs.length), targets: allocate(config.dtype, data.train.length), length: data.train.length };
  const order = new Int32Array(data.train.length);

  const setLoss = (set: LabelledSet, begin: number, end: number): Tensor => {
    const [x, y] = rows(set, d, begin, end);
    return lossOf(config, model.forward(x), y);
  };
  const scoreSet = (set: LabelledSet): MetricValues => {
    const [x, y] = rows(set, d, 0, set.length);
    const outputs = model.forward(x);
    const loss = lossOf(config, outputs, y).item();
    return config.loss === 'mse' ? { loss } : { loss, accuracy: accuracy(outputs.data, set.targets) };
  };

  return {
    data,
    model,
    parameters: model.namedParameters(),
    parameterCount: model.parameterCount(),
    dataSummary: { source: 'teacher-student', samples: config.samples, testSamples: config.testSamples, inputDim: d, teacherWidth: config.teacherWidth },
    dataArrays: () => [data.train.inputs, data.train.targets, data.test.inputs, data.test.targets],
    examplesPerEpoch: data.train.length,
    epochBatches(epoch) {
      model.train();
      if (fullBatch) return { length: data.train.length, loss: (begin, end) => setLoss(data.train, begin, end) };
      for (let n = 0; n < order.length; n++) order[n] = n;
      rng.fork('shuffle').fork(`epoch-${epoch}`).shuffle(order);
      for (let n = 0; n < order.length; n++) {
        shuffled.inputs.set(data.train.inputs.subarray(order[n] * d, (order[n] + 1) * d), n * d);
        shuffled.targets[n] = data.train.targets[order[n]];
      }
      return { length: shuffled.length, loss: (begin, end) => setLoss(shuffled, begin, end) };
    },
    evaluate: () =>
      noGrad(() => {
        const train = scoreSet(data.train);
        const test = scoreSet(data.test);
        const losses = { trainLoss: train.loss, testLoss: test.loss };
        return config.loss === 'mse' ? losses : { ...losses, trainAccuracy: train.accuracy, testAccuracy: test.accuracy };
      }),
    baseline: () => constantBaseline(config, data.train, data.test),
    fixedBatchLoss: () => setLoss(data.train, 0, data.train.length),
    // The student has no dropout: its mode changes nothing.
    inEvaluationMode: (measure) => measure(),
    randomStates: () => model.randomStates(),
    loadRandomStates: (states) => model.loadRandomStates(states),
  };
}

const LOSS_NAME = { mse: 'MSE', bce: 'BCE' } as const;

export const teacherStudent: Workload<TeacherStudentConfig> = {
  name: 'teacher-student',
  summary: 'an MLP (tanh or ReLU) fitted to a fixed random teacher on N(0, I) inputs, MSE or BCE, full-batch or mini-batch',
  defaults: (partial) => ({ ...DEFAULTS, batchSize: typeof partial.samples === 'number' ? partial.samples : DEFAULTS.samples }),
  checks: CHECKS,
  relations,
  metrics: (config): MetricSpec[] => [
    { name: 'trainLoss', title: `training-set loss (${LOSS_NAME[config.loss]})`, file: 'train-loss', better: 'lower' },
    { name: 'testLoss', title: `test loss (${LOSS_NAME[config.loss]})`, file: 'test-loss', better: 'lower' },
    ...(config.loss === 'bce'
      ? [{ name: 'trainAccuracy', title: 'training accuracy', file: 'train-accuracy', better: 'higher' } as const, { name: 'testAccuracy', title: 'test accuracy', file: 'test-accuracy', better: 'higher' } as const]
      : []),
  ],
  modelName: (config) => `MLP ${[config.inputDim, ...Array<number>(config.depth).fill(config.hiddenWidth), 1].join('→')}${config.depth > 0 ? ` ${config.activation}` : ''}, ${LOSS_NAME[config.loss]}, on a teacher–student set of ${config.samples}`,
  metricsLine(config, values) {
    const loss = LOSS_NAME[config.loss];
    const accuracy = config.loss === 'bce' ? `  train accuracy ${(values.trainAccuracy as number).toFixed(4)}  test accuracy ${(values.testAccuracy as number).toFixed(4)}` : '';
    return `train ${loss} ${(values.trainLoss as number).toPrecision(5)}  test ${loss} ${(values.testLoss as number).toPrecision(5)}${accuracy}`;
  },
  lossTitle: (config) => `mean batch loss (${LOSS_NAME[config.loss]})`,
  baseline: { name: 'constant baseline', description: "Constant baseline (the best constant prediction from the training targets: their mean for MSE, their positive rate for BCE)" },
  reportSettings: (config) => [
    ['batch size', String(config.batchSize)],
    ['samples', String(config.samples)],
    ['student', `${config.depth} × ${config.hiddenWidth} ${config.activation}`],
    ['input dimension', String(config.inputDim)],
    ['teacher width', String(config.teacherWidth)],
    ['label noise', String(config.labelNoise)],
  ],
  loadsData: false,
  build: (config, rng) => buildTeacherStudent(config, rng),
};

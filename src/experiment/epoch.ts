/** One training epoch: sample and shuffle the examples, then forward, loss, backward and an optimizer step per batch. */
import { binaryCrossEntropyWithLogits } from '../autograd/index.ts';
import { sampleTrainingEpoch, allocateTrainingEpoch } from '../data/training-sampler.ts';
import type { TrainingEpoch } from '../data/types.ts';
import { Tensor } from '../tensor/tensor.ts';
import { BufferArena, withArena } from '../tensor/arena.ts';
import { allocate, type Dtype, type FloatArray } from '../tensor/dtype.ts';
import { epochStreams, type Session } from './session.ts';
import { UserError } from '../user-error.ts';
import { touchedRows } from '../autograd/touched-rows.ts';
import { batchSharpness, measureStep, snapshot, type DiagnosticsCollector } from './diagnostics.ts';

export interface EpochTraining {
  /** Mean BCE over the epoch's examples (each batch weighted by its size, as Keras reports it). */
  readonly loss: number;
  readonly steps: number;
  readonly examples: number;
  readonly samplingSeconds: number;
  readonly trainingSeconds: number;
}

/** A NaN or infinite loss: training stops, naming where. */
export class TrainingDivergedError extends UserError {
  override readonly name = 'TrainingDivergedError';
  constructor(readonly epoch: number, readonly step: number, readonly stepsPerEpoch: number, readonly value: number) {
    super(`training stopped: the loss is ${value} at epoch ${epoch}, step ${step} of ${stepsPerEpoch}; try a smaller learning rate`);
  }
}

export type StepListener = (step: number, steps: number, loss: number) => void;

/**
 * Buffers kept across steps and epochs: the examples (their size never changes), the
 * float64 labels, and one arena per batch size for every tensor of a step's forward and
 * backward pass (src/tensor/arena.ts), so a warm step allocates no arrays.
 */
export interface EpochBuffers {
  examples?: TrainingEpoch;
  labels64?: Float64Array;
  arenas?: Map<number, BufferArena>;
  grads?: Map<string, FloatArray>;
  /** The rows each embedding table's gradient touched this step (gather's), for SparseAdam. */
  touched?: Map<string, Int32Array>;
  /** A zero gradient per parameter that received none this step (kept, never written). */
  zeros?: Map<string, FloatArray>;
}

export function trainEpoch(session: Session, epoch: number, buffers: EpochBuffers = {}, onStep?: StepListener, diagnostics?: DiagnosticsCollector): EpochTraining {
  const { config, dataset, model, parameters, optimizer } = session;
  const started = performance.now();
  const streams = epochStreams(session.rng, epoch);
  buffers.examples ??= allocateTrainingEpoch(dataset, config.negatives);
  const examples = sampleTrainingEpoch(dataset, config.negatives, streams.negatives, streams.shuffle, buffers.examples);
  const sampled = performance.now();

  const labels: FloatArray = config.dtype === 'float64' ? (buffers.labels64 ??= Float64Array.from(examples.labels)) : examples.labels;
  if (labels !== examples.labels) labels.set(examples.labels);
  const steps = Math.ceil(examples.length / config.batchSize);
  const grads = (buffers.grads ??= new Map<string, FloatArray>());
  const touched = (buffers.touched ??= new Map<string, Int32Array>());
  const arenas = (buffers.arenas ??= new Map<number, BufferArena>());
  const zeros = (buffers.zeros ??= new Map<string, FloatArray>());
  const zeroGradient = (name: string, dtype: Dtype, size: number): FloatArray => {
    let zero = zeros.get(name);
    if (zero === undefined) zeros.set(name, (zero = allocate(dtype, size)));
    return zero;
  };
  let lossSum = 0;
  model.train();
  for (let step = 1; step <= steps; step++) {
    const begin = (step - 1) * config.batchSize;
    const end = Math.min(examples.length, begin + config.batchSize);
    let arena = arenas.get(end - begin);
    if (arena === undefined) arenas.set(end - begin, (arena = new BufferArena()));
    // Forward and backward draw every array from the arena; the gradients stay valid
    // until the arena's next pass, so the optimizer reads them after it.
    const value = withArena(arena, () => {
      const logits = model.forward(examples.users.subarray(begin, end), examples.items.subarray(begin, end));
      const loss = binaryCrossEntropyWithLogits(logits, new Tensor(labels.subarray(begin, end), [end - begin]));
      const lossValue = loss.item();
      if (!Number.isFinite(lossValue)) throw new TrainingDivergedError(epoch, step, steps, lossValue);
      loss.backward();
      for (const [name, t] of parameters) {
        grads.set(name, t.grad?.data ?? zeroGradient(name, t.dtype, t.size));
        const rows = touchedRows(t.grad);
        if (rows === null) touched.delete(name);
        else touched.set(name, rows);
      }
      return lossValue;
    });
    // Diagnostics (opt-in): the parameters before the step, measured against after it, every `every` steps of the run.
    const before = diagnostics !== undefined && (optimizer.stepCount + 1) % diagnostics.every === 0 ? snapshot(parameters) : undefined;
    const curvature = before !== undefined && diagnostics!.sharpness !== undefined ? batchSharpness(model, examples.users.subarray(begin, end), examples.items.subarray(begin, end), labels.subarray(begin, end), diagnostics!.sharpness) : undefined;
    optimizer.step(grads, touched);
    if (before !== undefined) diagnostics!.records.push(measureStep(before, grads, parameters, optimizer, curvature));
    for (const [, t] of parameters) t.zeroGrad();
    lossSum += value * (end - begin);
    onStep?.(step, steps, value);
  }
  const trained = performance.now();
  return {
    loss: lossSum / examples.length,
    steps,
    examples: examples.length,
    samplingSeconds: (sampled - started) / 1000,
    trainingSeconds: (trained - sampled) / 1000,
  };
}

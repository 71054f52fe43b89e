/** One training epoch of any workload: its examples, then forward, loss, backward and an optimizer step per batch. */
import { BufferArena, withArena } from '../../tensor/arena.ts';
import { allocate, type Dtype, type FloatArray } from '../../tensor/dtype.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import type { Session } from './session.ts';
import { UserError } from '../../user-error.ts';
import { touchedRows } from '../../autograd/touched-rows.ts';
import { batchSharpness, measureStep, snapshot, type DiagnosticsCollector } from './diagnostics.ts';

export interface EpochTraining {
  /** Mean loss over the epoch's examples (each batch weighted by its size, as Keras reports it). */
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
 * What a hook called after every optimizer step sees: where the run is, the step's batch
 * loss, the parameters (updated by the step), and the loss on the workload's fixed batch
 * with its graph (src/experiment/workloads/workload.ts), for measurements every N steps.
 */
export interface StepContext {
  readonly epoch: number;
  /** The step within the epoch (1-based) and the epoch's steps. */
  readonly step: number;
  readonly steps: number;
  /** Steps since the run began (1-based), counting earlier epochs. */
  readonly globalStep: number;
  /** The mean loss of the step's batch, before the update. */
  readonly loss: number;
  readonly parameters: readonly [string, Tensor][];
  fixedBatchLoss(): Tensor;
}

export type StepHook = (context: StepContext) => void;

/**
 * Buffers kept across steps and epochs: one arena per batch size for every tensor of a
 * step's forward and backward pass (src/tensor/arena.ts), so a warm step allocates no
 * arrays, and the gradients handed to the optimizer.
 */
export interface EpochBuffers {
  arenas?: Map<number, BufferArena>;
  grads?: Map<string, FloatArray>;
  /** The rows each embedding table's gradient touched this step (gather's), for SparseAdam. */
  touched?: Map<string, Int32Array>;
  /** A zero gradient per parameter that received none this step (kept, never written). */
  zeros?: Map<string, FloatArray>;
}

/** Gives the arenas' buffers back to the backend: for a run that has ended (no tensor of its steps is read again). */
export function releaseEpochBuffers(buffers: EpochBuffers): void {
  for (const arena of buffers.arenas?.values() ?? []) arena.release();
  buffers.arenas?.clear();
  buffers.grads?.clear();
  buffers.zeros?.clear();
}

/** What `epochSteps` yields after each optimizer step. */
export interface EpochStep {
  /** The step within the epoch (1-based) and the epoch's steps. */
  readonly step: number;
  readonly steps: number;
  /** The mean loss of the step's batch, before the update. */
  readonly loss: number;
}

/** One epoch of training (`trainEpoch`), a step at a time: the caller runs each step by asking for the next, and may interleave runs (bench:scale alternates two sizes in one process). */
export function* epochSteps(session: Session, epoch: number, buffers: EpochBuffers = {}, diagnostics?: DiagnosticsCollector): Generator<EpochStep, EpochTraining, void> {
  const { config, workload, parameters, optimizer } = session;
  const started = performance.now();
  const examples = workload.epochBatches(epoch);
  const sampled = performance.now();

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
  for (let step = 1; step <= steps; step++) {
    const begin = (step - 1) * config.batchSize;
    const end = Math.min(examples.length, begin + config.batchSize);
    let arena = arenas.get(end - begin);
    if (arena === undefined) arenas.set(end - begin, (arena = new BufferArena()));
    // Forward and backward draw every array from the arena; the gradients stay valid
    // until the arena's next pass, so the optimizer reads them after it.
    const value = withArena(arena, () => {
      const loss = examples.loss(begin, end);
      const lossValue = loss.item();
      if (!Number.isFinite(lossValue)) throw new TrainingDivergedError(epoch, step, steps, lossValue);
      loss.backward();
      for (const [name, t] of parameters) {
        grads.set(name, t.grad?.data ?? zeroGradient(name, t.dtype, t.size));
        // Only for a rule that reads them: finding a lookup's unique rows costs a sort per table.
        const rows = optimizer.readsTouchedRows ? touchedRows(t.grad) : null;
        if (rows === null) touched.delete(name);
        else touched.set(name, rows);
      }
      return lossValue;
    });
    // Diagnostics (opt-in): the parameters before the step, measured against after it, every `every` steps of the run.
    const before = diagnostics !== undefined && (optimizer.stepCount + 1) % diagnostics.every === 0 ? snapshot(parameters) : undefined;
    const curvature = before !== undefined && diagnostics!.sharpness !== undefined ? workload.inEvaluationMode(() => batchSharpness(() => examples.loss(begin, end), parameters, diagnostics!.sharpness!)) : undefined;
    optimizer.step(grads, touched);
    if (before !== undefined) diagnostics!.records.push(measureStep(before, grads, parameters, optimizer, curvature));
    for (const [, t] of parameters) t.zeroGrad();
    lossSum += value * (end - begin);
    yield { step, steps, loss: value };
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

export function trainEpoch(session: Session, epoch: number, buffers: EpochBuffers = {}, onStep?: StepListener, afterStep?: StepHook, diagnostics?: DiagnosticsCollector): EpochTraining {
  const { parameters, workload } = session;
  const run = epochSteps(session, epoch, buffers, diagnostics);
  for (;;) {
    const next = run.next();
    if (next.done === true) return next.value;
    const { step, steps, loss } = next.value;
    onStep?.(step, steps, loss);
    afterStep?.({ epoch, step, steps, globalStep: (epoch - 1) * steps + step, loss, parameters, fixedBatchLoss: () => workload.fixedBatchLoss() });
  }
}

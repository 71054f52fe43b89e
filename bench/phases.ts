/**
 * `node --import tsx bench/phases.ts`: where a training step's time goes, on the reference
 * workload (NeuMF, Adam, batch 2048, ml-latest-small or its synthetic stand-in): the mean
 * milliseconds per step of the forward pass (with the loss), the backward pass, the
 * optimizer step, and, inside them, the backend's dense forward and dense backward calls.
 * Steps 1–20 warm up and are not counted. SEEDGRAD_THREADS sets the js backend's threads.
 */
import '../src/backend/platform/install-node.ts';
import { binaryCrossEntropyWithLogits } from '../src/autograd/index.ts';
import { allocateTrainingEpoch, sampleTrainingEpoch } from '../src/data/index.ts';
import { Tensor } from '../src/tensor/tensor.ts';
import { BufferArena, withArena } from '../src/tensor/arena.ts';
import { epochStreams } from '../src/experiment/workloads/recommender.ts';
import { activeBackend, closeBackend, setBackend, type FloatArray, type KernelBackend } from '../src/backend/index.ts';
import { benchAccumulation, benchThreads, loadWorkloadData, machineLine, workloadSession } from './workload.ts';

const BATCH = 2048;
const WARM_UP = 20;

const { dataset, label } = await loadWorkloadData();
await setBackend('js', { threads: benchThreads(), accumulation: benchAccumulation() });
const session = workloadSession(dataset);
const { model, parameters, optimizer, config } = session;
const streams = epochStreams(session.rng, 1);
const examples = sampleTrainingEpoch(dataset, config.negatives, streams.negatives, streams.shuffle, allocateTrainingEpoch(dataset, config.negatives));

const totals = { forward: 0, backward: 0, optimizer: 0, denseForward: 0, denseBackward: 0 };
const backend = activeBackend() as { -readonly [K in keyof KernelBackend]: KernelBackend[K] };
const { denseForward, denseBackward } = backend;
backend.denseForward = (...args) => {
  const t = performance.now();
  denseForward.apply(backend, args);
  totals.denseForward += performance.now() - t;
};
backend.denseBackward = (...args) => {
  const t = performance.now();
  denseBackward.apply(backend, args);
  totals.denseBackward += performance.now() - t;
};

const arena = new BufferArena();
const grads = new Map<string, FloatArray>();
const steps = Math.floor(examples.length / BATCH);
model.train();
for (let step = 0; step < steps; step++) {
  if (step === WARM_UP) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] = 0;
  const [begin, end] = [step * BATCH, (step + 1) * BATCH];
  withArena(arena, () => {
    let t = performance.now();
    const logits = model.forward(examples.users.subarray(begin, end), examples.items.subarray(begin, end));
    const loss = binaryCrossEntropyWithLogits(logits, new Tensor(examples.labels.subarray(begin, end), [BATCH]));
    loss.item();
    totals.forward += performance.now() - t;
    t = performance.now();
    loss.backward();
    for (const [name, p] of parameters) grads.set(name, p.grad!.data);
    totals.backward += performance.now() - t;
  });
  const t = performance.now();
  optimizer.step(grads);
  totals.optimizer += performance.now() - t;
  for (const [, p] of parameters) p.zeroGrad();
}
const counted = steps - WARM_UP;
const ms = (x: number) => (x / counted).toFixed(2);
console.log(`# step phases: ${machineLine()}, ${label}, backend ${JSON.stringify(backend.info)}; mean ms per step over ${counted} steps`);
console.log('| forward (with loss) | of which dense forward | backward | of which dense backward | optimizer | step |\n| ---: | ---: | ---: | ---: | ---: | ---: |');
console.log(`| ${ms(totals.forward)} | ${ms(totals.denseForward)} | ${ms(totals.backward)} | ${ms(totals.denseBackward)} | ${ms(totals.optimizer)} | ${ms(totals.forward + totals.backward + totals.optimizer)} |`);
await closeBackend();

/**
 * `node --import tsx bench/phases.ts`: where a training step's time goes, on the reference
 * workload (NeuMF, Adam, batch 2048, ml-latest-small or its synthetic stand-in): the mean
 * milliseconds per step of the forward pass (with the loss), the backward pass, the
 * optimizer step, and, inside them, the backend's dense forward and dense backward calls.
 * Steps 1–20 warm up and are not counted. SEEDGRAD_THREADS sets the js backend's threads;
 * SEEDGRAD_BENCH_DATA the data (a folder or a synthetic:… spec, as bench/workload.ts reads it);
 * SEEDGRAD_PHASES_STEPS (at least 21) stops after that many steps of the epoch.
 * SEEDGRAD_PHASES_ALTERNATE=B (with 2 or more threads): blocks of B steps alternate between
 * all the threads and the calling thread alone, in this one process, and a last line gives
 * each one's median step and their ratio per pair of blocks (min, median, max): the thread
 * speed-up with the machine's drift cancelled out.
 */
import '../src/backend/platform/install-node.ts';
import { binaryCrossEntropyWithLogits } from '../src/autograd/index.ts';
import { allocateTrainingEpoch, sampleTrainingEpoch } from '../src/data/index.ts';
import { Tensor } from '../src/tensor/tensor.ts';
import { BufferArena, withArena } from '../src/tensor/arena.ts';
import { epochStreams } from '../src/experiment/workloads/recommender.ts';
import { activeBackend, closeBackend, setBackend, type FloatArray, type KernelBackend } from '../src/backend/index.ts';
import { BenchSettingError, benchAccumulation, benchThreads, envInteger, loadWorkloadData, machineLine, median, workloadSession } from './workload.ts';

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
const steps = Math.min(Math.floor(examples.length / BATCH), envInteger('SEEDGRAD_PHASES_STEPS', Infinity, WARM_UP + 1));
model.train();
const stepMs: number[] = [];
const alternate = envInteger('SEEDGRAD_PHASES_ALTERNATE', 0);
const pool = (backend as unknown as { pool?: { callerOnly: boolean } }).pool;
if (alternate > 0 && (pool === undefined || backend.info.threads < 2)) throw new BenchSettingError('SEEDGRAD_PHASES_ALTERNATE needs the js backend with 2 or more threads (SEEDGRAD_THREADS)');
/** Step times by block: blocks[2i] with all threads, blocks[2i + 1] with the calling thread alone. */
const blocks: number[][] = [];
for (let step = 0; step < steps; step++) {
  const block = alternate > 0 && step >= WARM_UP ? Math.floor((step - WARM_UP) / alternate) : -1;
  if (pool !== undefined && alternate > 0) pool.callerOnly = block % 2 === 1;
  const stepStart = performance.now();
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
  if (step >= WARM_UP) stepMs.push(performance.now() - stepStart);
  if (block >= 0) (blocks[block] ??= []).push(stepMs[stepMs.length - 1]!);
}
const counted = steps - WARM_UP;
const ms = (x: number) => (x / counted).toFixed(2);
console.log(`# step phases: ${machineLine()}, ${label}, backend ${JSON.stringify(backend.info)}; mean ms per step over ${counted} steps (median step: the whole step's median, with zeroGrad)`);
console.log('| forward (with loss) | of which dense forward | backward | of which dense backward | optimizer | step | median step |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
console.log(`| ${ms(totals.forward)} | ${ms(totals.denseForward)} | ${ms(totals.backward)} | ${ms(totals.denseBackward)} | ${ms(totals.optimizer)} | ${ms(totals.forward + totals.backward + totals.optimizer)} | ${median(stepMs).toFixed(2)} |`);
const pairs = Math.floor(blocks.length / 2);
if (alternate > 0 && pairs === 0) console.log(`alternating blocks of ${alternate} steps: too few steps for one pair of blocks`);
if (alternate > 0 && pairs > 0) {
  const ratios = Array.from({ length: pairs }, (_, i) => median(blocks[2 * i + 1]!) / median(blocks[2 * i]!)).sort((a, b) => a - b);
  const all = blocks.filter((_, i) => i % 2 === 0 && i < 2 * pairs).flat();
  const one = blocks.filter((_, i) => i % 2 === 1 && i < 2 * pairs).flat();
  console.log(`alternating blocks of ${alternate} steps, ${pairs} pairs: median step ${median(all).toFixed(2)} ms with ${backend.info.threads} threads, ${median(one).toFixed(2)} ms on the calling thread alone; speed-up ${(median(one) / median(all)).toFixed(2)}× (per pair: min ${ratios[0]!.toFixed(2)}, median ${median(ratios).toFixed(2)}, max ${ratios[pairs - 1]!.toFixed(2)})`);
}
await closeBackend();

/**
 * `npm run bench`: tinybench medians of the heavy kernels per backend (GFLOP/s of every
 * matmul of a NeuMF step at batch 2048 and of 512³; gather and scatter-add of the item
 * table), then one training step and one reference-workload epoch per backend.
 *   SEEDGRAD_BENCH_TIME   ms of sampling per kernel task (default 400)
 *   SEEDGRAD_BENCH_EPOCHS epochs timed per backend (default 3; the median is reported)
 *   SEEDGRAD_BENCH_GPUJS_EPOCH=1  also time a full epoch on gpujs (slow on webasm)
 */
import '../src/backend/platform/install-node.ts';
import { Bench } from 'tinybench';
import { cpus } from 'node:os';
import { createJsBackend } from '../src/backend/js/index.ts';
import { createGpujsBackend } from '../src/backend/gpujs/index.ts';
import { defaultThreadCount } from '../src/backend/js/pool-setup.ts';
import { setBackend, closeBackend, type KernelBackend, type SetBackendOptions } from '../src/backend/index.ts';
import { trainEpoch, type EpochBuffers } from '../src/experiment/run/epoch.ts';
import { benchThreads, loadWorkloadData, machineLine, median, workloadSession } from './workload.ts';
import { createRng } from '../src/random.ts';
import { sparseAdamStep } from '../src/optim/sparseadam.ts';

const SAMPLE_MS = Number(process.env.SEEDGRAD_BENCH_TIME ?? 400);
const EPOCHS = Number(process.env.SEEDGRAD_BENCH_EPOCHS ?? 3);
const threads = benchThreads() ?? defaultThreadCount();

function sharedRandom(length: number, seed: number): Float32Array {
  const out = new Float32Array(new SharedArrayBuffer(Math.max(length, 1) * 4), 0, length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

// [label, m, k, n, transposeA, transposeB]: the MLP tower 32→64→32→16 at batch 2048 (forward,
// dX = dY·Wᵀ, dW = Xᵀ·dY), then 512³.
const SHAPES: [string, number, number, number, boolean, boolean][] = [
  ['L1 fwd [2048×32]·[32×64]', 2048, 32, 64, false, false],
  ['L1 dX [2048×64]·[32×64]ᵀ', 2048, 64, 32, false, true],
  ['L1 dW [2048×32]ᵀ·[2048×64]', 32, 2048, 64, true, false],
  ['L2 fwd [2048×64]·[64×32]', 2048, 64, 32, false, false],
  ['L2 dX [2048×32]·[64×32]ᵀ', 2048, 32, 64, false, true],
  ['L2 dW [2048×64]ᵀ·[2048×32]', 64, 2048, 32, true, false],
  ['L3 fwd [2048×32]·[32×16]', 2048, 32, 16, false, false],
  ['L3 dX [2048×16]·[32×16]ᵀ', 2048, 16, 32, false, true],
  ['L3 dW [2048×32]ᵀ·[2048×16]', 32, 2048, 16, true, false],
  ['512×512×512', 512, 512, 512, false, false],
];

async function kernelTable(name: string, backend: KernelBackend): Promise<string[]> {
  const bench = new Bench({ time: SAMPLE_MS, warmupTime: 100 });
  const flops = new Map<string, number>();
  // Every array placed as training places a step's arrays (the arena asks allocateParameter: for js, inside its WebAssembly memory).
  const placed = (values: Float32Array) => {
    const array = backend.allocateParameter('float32', values.length);
    array.set(values);
    return array;
  };
  const random = (length: number, seed: number) => placed(sharedRandom(length, seed));
  for (const [label, m, k, n, tA, tB] of SHAPES) {
    const a = random(m * k, m + k);
    const b = random(k * n, k + n);
    const c = random(m * n, 1);
    bench.add(label, () => backend.matmul(a, b, c, m, k, n, tA, tB));
    flops.set(label, 2 * m * k * n);
  }
  const rows = 9724;
  const table = random(rows * 16, 3);
  const ids = Int32Array.from(sharedRandom(2048, 4), (x) => Math.floor((x + 0.5) * rows) % rows);
  const gathered = random(2048 * 16, 5);
  const grad = placed(new Float32Array(rows * 16));
  bench.add('gather 2048 rows of [9724×16]', () => backend.gatherRows(table, ids, 16, gathered));
  bench.add('scatter-add 2048 rows into a zeroed [9724×16]', () => {
    grad.fill(0);
    backend.scatterAddRows(gathered, ids, 16, grad);
  });
  // The fused kernels of a step: the first dense layer's backward (two matmuls' worth) and Adam over every parameter.
  const [m, k, n] = [2048, 32, 64];
  const [x, w, g] = [random(m * k, 6), random(k * n, 7), random(m * n, 8)];
  const y = placed(sharedRandom(m * n, 9).map((v) => Math.max(v, 0)));
  const [dx, dw, db] = [random(m * k, 10), random(k * n, 11), random(n, 12)];
  const denseBackwardLabel = 'dense backward (ReLU) [2048×32]→64: dx, dW, db';
  bench.add(denseBackwardLabel, () => backend.denseBackward(x, w, g, y, dx, dw, db, m, k, n, true));
  flops.set(denseBackwardLabel, 2 * 2 * m * k * n);
  // Parameter and state placed as training places them (for js: inside its WebAssembly memory).
  const size = 335_441;
  const [p, m1, v1] = [0, 1, 2].map(() => backend.allocateParameter('float32', size));
  const grad2 = random(size, 14);
  p.set(sharedRandom(size, 13));
  m1.set(sharedRandom(size, 15));
  v1.set(sharedRandom(size, 16).map(Math.abs)); // a second moment is >= 0
  const step = { form: 'keras', beta1: 0.9, beta2: 0.999, epsilon: 1e-7, alpha: 1e-3, stepSize: 1e-3, sqrtBiasCorrection2: 1 } as const;
  bench.add('Adam (Keras) over 335,441 float32 parameters', () => backend.adamUpdate(p, grad2, m1, v1, step));
  // A step's two dropout masks are drawn as training draws them: the RNG's stream, the backend's keepMask where it has one.
  const mask = placed(new Float32Array(2048 * 64));
  const dropoutStream = createRng(17).fork('dropout');
  const backendMask = (out: Float32Array, state: Uint32Array, threshold: number, keepBits: number) => backend.keepMask?.(out, state, threshold, keepBits) ?? false;
  bench.add('dropout mask, 2048×64 cells (rate 0.4)', () => dropoutStream.fillKeepMask(mask, 0.4, 1 / 0.6, backendMask));
  // SparseAdam over the four tables of the 5M-interaction synthetic set (35,000 users and
  // 20,000 items, 16 wide), 1,900 distinct random rows each (a batch's), 16 sets of rows in turn.
  if (backend.sparseAdamUpdate !== undefined) {
    const tables = [35_000, 20_000, 35_000, 20_000].map((rows, t) => ({ rows, arrays: [0, 1, 2, 3].map((a) => random(rows * 16, 100 + 4 * t + a)) }));
    for (const { arrays } of tables) arrays[3]!.set(arrays[3]!.map(Math.abs)); // v >= 0
    const rowSets = Array.from({ length: 16 }, (_, set) => tables.map(({ rows }, t) => {
      const picked = new Set<number>();
      for (let s = 7919 * (set + 1) + t; picked.size < 1900; ) picked.add((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) % rows);
      return Int32Array.from([...picked].sort((a, b) => a - b));
    }));
    const sparseStep = sparseAdamStep({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, 10);
    let turn = 0;
    const update = () => {
      const rows = rowSets[turn++ % rowSets.length]!;
      return tables.map(({ arrays: [tp, tg, tm, tv] }, t) => backend.sparseAdamUpdate!(tp!, tg!, tm!, tv!, rows[t]!, 16, sparseStep)).every(Boolean);
    };
    // Only where the backend takes the update (the TypeScript-only js backend leaves it to the rule's loop).
    if (update()) bench.add('SparseAdam, 4 tables of the 5M set, 1,900 random rows each', update);
  }
  await bench.run();
  return bench.tasks.map((task) => {
    const ms = task.result.state === 'completed' ? task.result.latency.p50 : NaN;
    const f = flops.get(task.name);
    return `| ${name} | ${task.name} | ${ms.toFixed(3)} | ${f !== undefined ? (f / ms / 1e6).toFixed(2) : ''} |`;
  });
}

async function trainingFigures(choice: 'js' | 'gpujs', epochs: number, dataset: Awaited<ReturnType<typeof loadWorkloadData>>['dataset'], options: SetBackendOptions = {}): Promise<{ stepMs: number; epochSeconds: number[]; examples: number }> {
  const info = await setBackend(choice, options);
  if (choice === 'gpujs' && info.mode !== 'webasm' && info.mode !== 'webgpu') throw new Error('unexpected gpujs mode');
  const session = workloadSession(dataset);
  const buffers: EpochBuffers = {};
  // One step, timed alone: a one-batch epoch over the first 2048 examples, warm.
  const stepTimes: number[] = [];
  const stepListener = (() => {
    let last = performance.now();
    return () => {
      const now = performance.now();
      stepTimes.push(now - last);
      last = now;
    };
  })();
  const epochSeconds: number[] = [];
  let examples = 0;
  for (let e = 1; e <= epochs; e++) {
    stepTimes.length = 0;
    const result = trainEpoch(session, e, buffers, stepListener);
    epochSeconds.push(result.trainingSeconds);
    examples = result.examples;
  }
  await closeBackend();
  // Steps after the first few of the last epoch (warm); the last, short batch left out.
  return { stepMs: median(stepTimes.slice(5, -1)), epochSeconds, examples };
}

async function main(): Promise<void> {
  console.log(`# seedgrad bench: ${machineLine()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, js threads ${threads}`);
  console.log(`tinybench ${SAMPLE_MS} ms per task; medians (p50)\n`);
  console.log('| backend | kernel | ms (median) | GFLOP/s |\n| --- | --- | ---: | ---: |');
  const kernelBackends: [string, KernelBackend][] = [
    ['js, 1 thread', createJsBackend(1)],
    ['js, 1 thread, TypeScript matmul', createJsBackend(1, { matmulKernel: 'typescript' })],
    [`js, ${threads} threads`, createJsBackend(threads)],
    ['gpujs webasm', createGpujsBackend({ mode: 'webasm' })],
  ];
  for (const [name, backend] of kernelBackends) {
    for (const line of await kernelTable(name, backend)) console.log(line);
    await backend.close();
  }
  const { dataset, label } = await loadWorkloadData();
  console.log(`\nTraining: NeuMF, Adam, batch 2048 on ${label}`);
  console.log('| backend | one step, ms (median) | epoch seconds (median of runs) | examples/s |\n| --- | ---: | ---: | ---: |');
  const jsRuns: [string, SetBackendOptions][] = [
    [`js, ${threads} threads`, { threads }],
    ['js, 1 thread', { threads: 1 }],
    ['js, 1 thread, TypeScript matmul', { threads: 1, matmulKernel: 'typescript' }],
  ];
  for (const [name, options] of jsRuns) {
    const js = await trainingFigures('js', EPOCHS, dataset, options);
    console.log(`| ${name} | ${js.stepMs.toFixed(1)} | ${median(js.epochSeconds).toFixed(2)} (${js.epochSeconds.map((s) => s.toFixed(2)).join(', ')}) | ${Math.round(js.examples / median(js.epochSeconds))} |`);
  }
  const gpuEpochs = process.env.SEEDGRAD_BENCH_GPUJS_EPOCH === '1' ? 1 : 0;
  if (gpuEpochs > 0) {
    const g = await trainingFigures('gpujs', 1, dataset);
    console.log(`| gpujs | ${g.stepMs.toFixed(1)} | ${g.epochSeconds[0].toFixed(2)} | ${Math.round(g.examples / g.epochSeconds[0])} |`);
  } else {
    console.log('| gpujs | (set SEEDGRAD_BENCH_GPUJS_EPOCH=1) | | |');
  }
}

await main();

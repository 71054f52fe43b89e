/**
 * `npm run bench:scale`: how seedgrad grows with the data (issue 14 item 5). For each size
 * of the synthetic data (the same generator, `synthetic:users=U,items=I,interactions=N`),
 * in its own child process so that its peak RSS is its own: the time to generate the
 * interactions and build the dataset, the setup (model, evaluation candidates), one
 * epoch's sampling and training with the protocol's defaults (NeuMF, Adam, batch 2048,
 * 4 negatives), ms per step, the evaluation with 99 sampled negatives, full-ranking
 * evaluation over a sample of users (extrapolated to all), and the peak RSS.
 *
 * Environment:
 *   SEEDGRAD_SCALE_SIZES      sizes to run, separated by ';' (default 0.5M;5M;20M); a size is
 *                             one of those names or a data spec (synthetic:users=…,items=…,…)
 *   SEEDGRAD_SCALE_STEPS      train only this many steps of the epoch and extrapolate the
 *                             epoch's time from their mean (labelled so); default: all
 *   SEEDGRAD_SCALE_FULL_USERS users ranked against every item (default 200)
 *   SEEDGRAD_SCALE_OPTIMIZER  the optimizer (default adam, the protocol's), and
 *   SEEDGRAD_SCALE_CONVENTION its convention (default keras; sparseadam needs torch)
 *   SEEDGRAD_SCALE_ALTERNATE  B: then, in one more process, the first two sizes train in
 *                             alternating blocks of B steps (SEEDGRAD_SCALE_STEPS each, default
 *                             600), and a last line gives each one's median step and their ratio
 *                             per pair of blocks: the growth with the machine's drift cancelled
 *                             out (sizes measured minutes apart differ by more than it)
 *   SEEDGRAD_THREADS          the js backend's threads, as bench/workload.ts reads it
 */
import '../src/backend/platform/install-node.ts';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildDataset, generateSyntheticWithTruth, parseSyntheticSpec, type Dataset, type SyntheticOptions } from '../src/data/index.ts';
import { evaluateFullRanking, evaluateSampled, modelScorer } from '../src/eval/index.ts';
import { PROTOCOL_DEFAULTS, createSession, resolveTrainConfig, type RecommenderTrainConfig } from '../src/experiment/index.ts';
import { epochSteps, trainEpoch } from '../src/experiment/run/epoch.ts';
import type { RecommenderRun } from '../src/experiment/workloads/index.ts';
import { closeBackend, setBackend } from '../src/backend/index.ts';
import type { Convention, OptimizerName } from '../src/optim/index.ts';
import { BenchSettingError, benchThreads, envInteger, machineLine, median } from './workload.ts';

/**
 * MovieLens-shaped: about 143 interactions per user at every size (ml-1m has 166, ml-20m
 * 144); 20M is ml-20m's shape (138,493 users × 26,744 items × 20.0M ratings).
 */
const SIZES: Record<string, { users: number; items: number; interactions: number }> = {
  '0.5M': { users: 3_500, items: 10_000, interactions: 500_000 },
  '5M': { users: 35_000, items: 20_000, interactions: 5_000_000 },
  '20M': { users: 140_000, items: 27_000, interactions: 20_000_000 },
};
const WARM_UP_STEPS = 20;

interface SizeResult {
  size: string;
  spec: string;
  generator: string;
  acceptance: number;
  users: number;
  items: number;
  examples: number;
  generateSeconds: number;
  buildSeconds: number;
  setupSeconds: number;
  samplingSeconds: number;
  stepsTimed: number;
  stepsPerEpoch: number;
  epochSeconds: number;
  extrapolated: boolean;
  meanStepMs: number;
  medianStepMs: number;
  sampledEvaluationSeconds: number;
  fullRankingUsers: number;
  fullRankingSeconds: number;
  fullRankingAllUsersSeconds: number;
  rssAfterDataMB: number;
  peakRssMB: number;
}

const seconds = (since: number): number => (performance.now() - since) / 1000;
const peakRssMB = (): number => process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes

class StopTraining extends Error {}

/** The protocol's training configuration on `spec`, with SEEDGRAD_SCALE_OPTIMIZER and _CONVENTION. */
function trainingConfig(spec: string): RecommenderTrainConfig {
  const optimizer = (process.env.SEEDGRAD_SCALE_OPTIMIZER ?? 'adam') as OptimizerName;
  const convention = (process.env.SEEDGRAD_SCALE_CONVENTION ?? 'keras') as Convention;
  return resolveTrainConfig({ ...PROTOCOL_DEFAULTS, data: spec, epochs: 1, optimizer, convention }) as RecommenderTrainConfig;
}

/** A size's data spec: a named size's generator options written out, or the spec given. */
function sizeSpec(size: string): string {
  const shape = sizeOptions(size);
  return size in SIZES ? `synthetic:users=${shape.users},items=${shape.items},interactions=${shape.interactions}` : size;
}

/**
 * Two sizes' sessions in one process, training epoch 1 in alternating blocks of `block`
 * steps after WARM_UP_STEPS each: every step timed, and the ratio of the two medians per
 * pair of blocks. The line it returns says what was measured.
 */
async function alternateSizes(sizes: readonly [string, string], block: number): Promise<string> {
  await setBackend('js', { threads: benchThreads() });
  const runs = sizes.map((size) => {
    const dataset = buildDataset(generateSyntheticWithTruth(sizeOptions(size)).raw);
    const session = createSession(trainingConfig(sizeSpec(size)), dataset);
    return { size, steps: epochSteps(session, 1, {}) };
  });
  const stepsEach = envInteger('SEEDGRAD_SCALE_STEPS', 600, WARM_UP_STEPS + 2 * block);
  const timed = (run: (typeof runs)[number], count: number): number[] =>
    Array.from({ length: count }, () => {
      const started = performance.now();
      if (run.steps.next().done === true) throw new BenchSettingError(`SEEDGRAD_SCALE_STEPS: ${run.size} has fewer steps in an epoch than asked for`);
      return performance.now() - started;
    });
  for (const run of runs) timed(run, WARM_UP_STEPS);
  const pairs = Math.floor((stepsEach - WARM_UP_STEPS) / block);
  const blocks: [number[], number[]][] = Array.from({ length: pairs }, () => [timed(runs[0]!, block), timed(runs[1]!, block)]);
  await closeBackend();
  const ratios = blocks.map(([a, b]) => median(b) / median(a)).sort((x, y) => x - y);
  const [small, large] = [median(blocks.flatMap(([a]) => a)), median(blocks.flatMap(([, b]) => b))];
  return `alternating blocks of ${block} steps between ${sizes[0]} and ${sizes[1]} in one process, ${pairs} pairs: median step ${small.toFixed(2)} ms at ${sizes[0]}, ${large.toFixed(2)} ms at ${sizes[1]}; ${sizes[1]} ÷ ${sizes[0]} = ${(large / small).toFixed(2)}× (per pair: min ${ratios[0]!.toFixed(2)}, median ${median(ratios).toFixed(2)}, max ${ratios[pairs - 1]!.toFixed(2)})`;
}

/** A named size, or a data spec of the generator (checked by its parser). */
function sizeOptions(size: string): SyntheticOptions {
  if (size in SIZES) return SIZES[size];
  if (size.startsWith('synthetic:')) return parseSyntheticSpec(size);
  throw new BenchSettingError(`SEEDGRAD_SCALE_SIZES: unknown size '${size}'; give ${Object.keys(SIZES).join(', ')} or a spec synthetic:users=…,items=…,interactions=…`);
}

async function measureSize(size: string): Promise<SizeResult> {
  const shape = sizeOptions(size);
  const spec = sizeSpec(size);
  let started = performance.now();
  let generated: ReturnType<typeof generateSyntheticWithTruth> | undefined = generateSyntheticWithTruth(shape);
  const generateSeconds = seconds(started);
  const { choice } = generated;
  started = performance.now();
  const dataset: Dataset = buildDataset(generated.raw);
  const buildSeconds = seconds(started);
  generated = undefined; // the raw columns are garbage from here on, as in seedgrad train
  const rssAfterDataMB = peakRssMB();

  await setBackend('js', { threads: benchThreads() });
  const config = trainingConfig(spec);
  started = performance.now();
  const session = createSession(config, dataset);
  const setupSeconds = seconds(started);
  const run = session.workload as RecommenderRun;
  const stepsPerEpoch = Math.ceil(run.examplesPerEpoch / config.batchSize);
  const stepLimit = Math.min(stepsPerEpoch, envInteger('SEEDGRAD_SCALE_STEPS', stepsPerEpoch));
  const extrapolated = stepLimit < stepsPerEpoch;

  // Step k's time: from the end of step k − 1 to the end of step k (the first from the end of sampling).
  const stepEnds: number[] = [];
  let samplingSeconds: number;
  let epochSeconds: number;
  if (extrapolated) {
    // Sampling timed on its own (trainEpoch draws the same examples again into the same buffers).
    started = performance.now();
    run.epochBatches(1);
    samplingSeconds = seconds(started);
  }
  try {
    const epoch = trainEpoch(session, 1, {}, (step) => {
      stepEnds.push(performance.now());
      if (step >= stepLimit && extrapolated) throw new StopTraining();
    });
    samplingSeconds = epoch.samplingSeconds;
    epochSeconds = epoch.trainingSeconds;
  } catch (error) {
    if (!(error instanceof StopTraining)) throw error;
    samplingSeconds = samplingSeconds!;
    epochSeconds = NaN;
  }
  const stepMs = stepEnds.slice(1).map((end, k) => end - stepEnds[k]).slice(WARM_UP_STEPS - 1);
  const meanStepMs = stepMs.reduce((s, x) => s + x, 0) / stepMs.length;
  if (extrapolated) epochSeconds = (meanStepMs * stepsPerEpoch) / 1000;

  const score = modelScorer(run.model);
  started = performance.now();
  evaluateSampled(score, run.candidates.candidates, run.candidates.perUser, config.topK);
  const sampledEvaluationSeconds = seconds(started);

  // Full ranking: the first users (dense indices 0..n−1) against every item they did not train on.
  const fullRankingUsers = Math.min(dataset.numUsers, envInteger('SEEDGRAD_SCALE_FULL_USERS', 200));
  const trainItemsOf = (u: number) => dataset.trainItems.subarray(dataset.trainOffsets[u], dataset.trainOffsets[u + 1]);
  started = performance.now();
  evaluateFullRanking(score, { numItems: dataset.numItems, testItems: dataset.testItems.subarray(0, fullRankingUsers), trainItemsOf }, config.topK);
  const fullRankingSeconds = seconds(started);
  await closeBackend();

  return {
    size,
    spec,
    generator: choice.method,
    acceptance: choice.accepted / choice.proposals,
    users: dataset.numUsers,
    items: dataset.numItems,
    examples: run.examplesPerEpoch,
    generateSeconds,
    buildSeconds,
    setupSeconds,
    samplingSeconds,
    stepsTimed: stepEnds.length,
    stepsPerEpoch,
    epochSeconds,
    extrapolated,
    meanStepMs,
    medianStepMs: median(stepMs),
    sampledEvaluationSeconds,
    fullRankingUsers,
    fullRankingSeconds,
    fullRankingAllUsersSeconds: (fullRankingSeconds * dataset.numUsers) / fullRankingUsers,
    rssAfterDataMB,
    peakRssMB: peakRssMB(),
  };
}

function table(results: readonly SizeResult[]): string {
  const f = (x: number, digits = 1) => x.toFixed(digits);
  const rows = results.map((r) => {
    const epoch = r.extrapolated ? `${f(r.epochSeconds)} (extrapolated from ${r.stepsTimed} of ${r.stepsPerEpoch} steps)` : `${f(r.epochSeconds)} (${r.stepsPerEpoch} steps)`;
    const full = r.fullRankingUsers === r.users ? `${f(r.fullRankingSeconds)} (all ${r.users} users)` : `${f(r.fullRankingSeconds)} for ${r.fullRankingUsers} users; ≈ ${f(r.fullRankingAllUsersSeconds, 0)} for all (extrapolated)`;
    return `| ${r.size} | ${r.users} × ${r.items} | ${f(r.generateSeconds)} + ${f(r.buildSeconds)} | ${f(r.setupSeconds)} | ${f(r.samplingSeconds)} | ${epoch} | ${f(r.meanStepMs, 2)} / ${f(r.medianStepMs, 2)} | ${f(r.sampledEvaluationSeconds, 2)} | ${full} | ${f(r.rssAfterDataMB, 0)} / ${f(r.peakRssMB, 0)} |`;
  });
  return [
    '| interactions | users × items | generate + build dataset, s | setup (model, eval candidates), s | sampling an epoch, s | training an epoch, s | ms/step (mean / median) | eval, 99 sampled negatives, s | eval, full ranking, s | RSS after data / peak, MB |',
    '| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: |',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const childSize = process.argv[2] === '--child' ? process.argv[3] : undefined;
  if (childSize !== undefined) {
    process.stdout.write(JSON.stringify(await measureSize(childSize)) + '\n');
    return;
  }
  const block = envInteger('SEEDGRAD_SCALE_ALTERNATE', 0);
  if (process.argv[2] === '--alternate') {
    process.stdout.write(JSON.stringify(await alternateSizes([process.argv[3]!, process.argv[4]!], block)) + '\n');
    return;
  }
  const sizes = (process.env.SEEDGRAD_SCALE_SIZES ?? Object.keys(SIZES).join(';')).split(';').map((s) => s.trim());
  sizes.forEach(sizeOptions);
  if (block > 0 && sizes.length < 2) throw new BenchSettingError('SEEDGRAD_SCALE_ALTERNATE needs two sizes in SEEDGRAD_SCALE_SIZES');
  if (block > 0) envInteger('SEEDGRAD_SCALE_STEPS', 600, WARM_UP_STEPS + 2 * block); // checked now, not after the sizes' runs
  const results: SizeResult[] = [];
  for (const size of sizes) {
    process.stderr.write(`bench:scale: ${size} …\n`);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', size], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`bench:scale: the ${size} child failed (status ${child.status}, signal ${child.signal})`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as SizeResult;
    results.push(result);
    process.stderr.write(`bench:scale: ${JSON.stringify(result)}\n`);
  }
  const threads = benchThreads();
  console.log(`# growth with the data: ${machineLine()}, js backend, ${threads ?? 'default'} thread(s), optimizer ${process.env.SEEDGRAD_SCALE_OPTIMIZER ?? 'adam'} (${process.env.SEEDGRAD_SCALE_CONVENTION ?? 'keras'}), NeuMF with the protocol's defaults`);
  for (const r of results) console.log(`# ${r.size}: ${r.spec}, ${r.examples} examples per epoch, generated by ${r.generator}${r.generator === 'binned rejection' ? ` (${(100 * r.acceptance).toFixed(1)}% of proposals accepted)` : ''}`);
  console.log(table(results));
  const [small, middle] = [results.find((r) => r.size === '0.5M'), results.find((r) => r.size === '5M')];
  if (small !== undefined && middle !== undefined) console.log(`\nper-step cost at 5M ÷ 0.5M: ${(middle.meanStepMs / small.meanStepMs).toFixed(2)}× (mean), ${(middle.medianStepMs / small.medianStepMs).toFixed(2)}× (median); target ≤ 1.25×`);
  if (block > 0) {
    process.stderr.write(`bench:scale: ${sizes[0]} and ${sizes[1]} alternating …\n`);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--alternate', sizes[0]!, sizes[1]!], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`bench:scale: the alternating child failed (status ${child.status}, signal ${child.signal})`);
    console.log(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as string);
  }
}

await main();

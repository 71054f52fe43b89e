/**
 * `npm run bench:peers`: one reference-workload epoch (docs/protocol.md: ml-latest-small,
 * leave-one-out, 4 negatives, batch 2048, NeuMF, Adam) in seedgrad and in TensorFlow.js
 * (CPU backend and wasm backend) in one invocation, on the same sampled examples; prints
 * seconds per training epoch (sampling excluded) for each, and the ratios.
 *   SEEDGRAD_PEER_EPOCHS      epochs for seedgrad and tfjs-wasm, alternated (default 3)
 *   SEEDGRAD_PEER_CPU_EPOCHS  epochs for tfjs CPU (default 1; about a minute each)
 *   SEEDGRAD_PEER_TORCH_THREADS  PyTorch's thread counts, e.g. 1,2 (default 1), one process each
 * PyTorch runs where a Python can import torch (bench/torch-peer.ts says which, and which
 * BLAS it mapped); without it the bench says so and goes on.
 */
import '../src/backend/platform/install-node.ts';
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { sampleTrainingEpoch, allocateTrainingEpoch, type Dataset, type TrainingEpoch } from '../src/data/index.ts';
import { epochStreams } from '../src/experiment/workloads/recommender.ts';
import { trainEpoch, type EpochBuffers } from '../src/experiment/run/epoch.ts';
import { setBackend } from '../src/backend/index.ts';
import { createTfNeuMF, type TfNeuMF } from './tfjs-neumf.ts';
import { benchAccumulation, benchThreads, loadWorkloadData, machineLine, median, workloadSession, type RecommenderSession } from './workload.ts';
import { findTorchPython, isReferenceBlas, startTorchPeer, type TorchPeer } from './torch-peer.ts';

const EPOCHS = Number(process.env.SEEDGRAD_PEER_EPOCHS ?? 3);
const CPU_EPOCHS = Number(process.env.SEEDGRAD_PEER_CPU_EPOCHS ?? 1);
const TORCH_THREADS = (process.env.SEEDGRAD_PEER_TORCH_THREADS ?? '1').split(',').map(Number);
const BATCH = 2048;

/** The examples seedgrad trains on in epoch `epoch` (same streams, same sampler). */
function sameExamples(session: RecommenderSession, epoch: number, into: TrainingEpoch): TrainingEpoch {
  const streams = epochStreams(session.rng, epoch);
  return sampleTrainingEpoch(session.dataset, session.config.negatives, streams.negatives, streams.shuffle, into);
}

function tfEpoch(model: TfNeuMF, examples: TrainingEpoch): { seconds: number; loss: number } {
  const started = performance.now();
  let lossSum = 0;
  for (let begin = 0; begin < examples.length; begin += BATCH) {
    const end = Math.min(examples.length, begin + BATCH);
    lossSum += model.step(examples.users.subarray(begin, end), examples.items.subarray(begin, end), examples.labels.subarray(begin, end)) * (end - begin);
  }
  return { seconds: (performance.now() - started) / 1000, loss: lossSum / examples.length };
}

async function tfModel(backend: 'cpu' | 'wasm', dataset: Dataset): Promise<TfNeuMF> {
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js backend '${backend}' did not start`);
  await tf.ready();
  return createTfNeuMF(tf, dataset.numUsers, dataset.numItems);
}

const peerName = (peer: TorchPeer): string => `torch-${peer.info.threads}t`;

/** One PyTorch process per thread count, or none (said why) where no Python imports torch. */
async function torchPeers(dataset: Dataset): Promise<TorchPeer[]> {
  const found = findTorchPython();
  if (found.python === null) {
    console.log(`PyTorch: not run: ${found.reason}\n`);
    return [];
  }
  const peers: TorchPeer[] = [];
  for (const threads of TORCH_THREADS) peers.push(await startTorchPeer(found.python, dataset.numUsers, dataset.numItems, threads));
  const { info } = peers[0]!;
  console.log(`PyTorch ${info.torch} (${found.python}), threads ${TORCH_THREADS.join(', ')}; BLAS mapped: ${info.blas.join(', ') || 'none found'}`);
  if (isReferenceBlas(info)) {
    console.log('  that is the reference (netlib) BLAS, about 25× slower than OpenBLAS at these shapes: on Debian, `apt-get install libopenblas0-pthread` makes OpenBLAS the libblas.so.3 alternative, which torch then maps (check this line again)');
  }
  console.log('');
  return peers;
}

async function main(): Promise<void> {
  const { dataset, label } = await loadWorkloadData();
  const info = await setBackend('js', { threads: benchThreads(), accumulation: benchAccumulation() });
  console.log(`# bench:peers: ${machineLine()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; ${label}`);
  console.log(`seedgrad backend ${info.name} (${info.threads} threads${info.matmul !== undefined ? `, ${info.matmul} matmul` : ''}${info.accumulation !== undefined ? `, ${info.accumulation} sums` : ''}); TensorFlow.js ${tf.version.tfjs}; training seconds per epoch, sampling excluded\n`);
  const session = workloadSession(dataset);
  const buffers: EpochBuffers = {};
  const examples = allocateTrainingEpoch(dataset, session.config.negatives);
  const wasm = await tfModel('wasm', dataset);
  const times: Record<string, number[]> = { seedgrad: [], 'tfjs-wasm': [], 'tfjs-cpu': [] };
  const losses: Record<string, number[]> = { seedgrad: [], 'tfjs-wasm': [], 'tfjs-cpu': [] };
  const torch = await torchPeers(dataset);
  for (const peer of torch) times[peerName(peer)] = [], losses[peerName(peer)] = [];
  // Alternate seedgrad and tfjs-wasm epochs, so load from other processes falls on both.
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const ours = trainEpoch(session, epoch, buffers);
    times.seedgrad.push(ours.trainingSeconds);
    losses.seedgrad.push(ours.loss);
    await tf.setBackend('wasm');
    const theirs = tfEpoch(wasm, sameExamples(session, epoch, examples));
    times['tfjs-wasm'].push(theirs.seconds);
    losses['tfjs-wasm'].push(theirs.loss);
    let line = `epoch ${epoch}: seedgrad ${ours.trainingSeconds.toFixed(2)} s (loss ${ours.loss.toFixed(4)}), tfjs-wasm ${theirs.seconds.toFixed(2)} s (loss ${theirs.loss.toFixed(4)})`;
    for (const peer of torch) {
      const result = await peer.epoch(sameExamples(session, epoch, examples));
      times[peerName(peer)]!.push(result.seconds);
      losses[peerName(peer)]!.push(result.loss);
      line += `, ${peerName(peer)} ${result.seconds.toFixed(2)} s (loss ${result.loss.toFixed(4)})`;
    }
    console.log(line);
  }
  wasm.dispose();
  for (const peer of torch) peer.close();
  const cpu = await tfModel('cpu', dataset);
  for (let epoch = 1; epoch <= CPU_EPOCHS; epoch++) {
    const theirs = tfEpoch(cpu, sameExamples(session, epoch, examples));
    times['tfjs-cpu'].push(theirs.seconds);
    losses['tfjs-cpu'].push(theirs.loss);
    console.log(`epoch ${epoch}: tfjs-cpu ${theirs.seconds.toFixed(2)} s (loss ${theirs.loss.toFixed(4)})`);
  }
  cpu.dispose();
  const ours = median(times.seedgrad);
  console.log('\n| framework | seconds per epoch (median) | runs | epoch-1 loss | peer ÷ seedgrad |\n| --- | ---: | ---: | ---: | ---: |');
  for (const [name, list] of Object.entries(times)) {
    if (list.length === 0) continue;
    const m = median(list);
    console.log(`| ${name} | ${m.toFixed(2)} | ${list.map((x) => x.toFixed(2)).join(', ')} | ${losses[name][0]?.toFixed(4) ?? ''} | ${(m / ours).toFixed(2)}× |`);
  }
}

await main();

/**
 * The source text of a kernel thread of the js backend. It is built from the very
 * functions the calling thread runs (`matmulRows`, the Adam ranges), so the two can
 * never drift apart, and it is plain JavaScript: Node runs it under `eval: true` without
 * any TypeScript loader, a browser from a Blob URL. Jobs of kind 'wasm' run the pool's
 * compiled WebAssembly module (handed over at start) on the pool's shared memory, in the
 * row-panel scratch of this thread's index.
 *
 * Node's thread sleeps on [SEQ] and takes the newest job from its port synchronously; a
 * browser's thread is event-driven (its messages are the jobs), so the engine must run in
 * a Web Worker of a cross-origin isolated page, where the calling thread may block.
 *
 * Protocol (control words in one SharedArrayBuffer, see pool.ts):
 *   [SEQ]   job number; workers sleep on it with Atomics.wait
 *   [CLAIM] (job tag << 16) | next chunk; a chunk is claimed with compareExchange, so a
 *           worker that wakes late for an old job can never claim a chunk of a new one
 *   [DONE]  chunks finished; the main thread sleeps on it until all are done
 *   [FAIL]  set when a worker hit an exception (its message follows on the port)
 *   [WORKER_CHUNKS] chunks computed by workers, a running count
 */
import { matmulRows } from './matmul.ts';
import { adamKerasRange, adamTorchRange } from './adam-kernel.ts';

export const SEQ = 0;
export const CLAIM = 1;
export const DONE = 2;
export const FAIL = 3;
/** Chunks the workers (not the calling thread) have computed, ever: the tests check that workers take part. */
export const WORKER_CHUNKS = 4;
export const CONTROL_WORDS = 5;

/** The claim loop and the job dispatch, shared by both kinds of thread; `report(text)` passes a failure on. */
function jobRunnerSource(): string {
  return `
// esbuild (tsx, vitest, bundles) may wrap nested functions in __name(); it only names them.
const __name = (f) => f;
const matmulRows = ${matmulRows.toString()};
const adamKerasRange = ${adamKerasRange.toString()};
const adamTorchRange = ${adamTorchRange.toString()};
let ctrl = null;
let wasm = null;
let paOffset = 0;
let PA = new Float64Array(0);
function setUp(data) {
  ctrl = new Int32Array(data.control);
  // The WebAssembly kernel over the pool's shared memory, where the pool has one.
  wasm = data.module ? new WebAssembly.Instance(data.module, { env: { memory: data.memory } }).exports : null;
  paOffset = data.index;
}
function claim(tag, chunks) {
  for (;;) {
    const v = Atomics.load(ctrl, ${CLAIM});
    if ((v >>> 16) !== tag || (v & 0xffff) >= chunks) return -1;
    if (Atomics.compareExchange(ctrl, ${CLAIM}, v, v + 1) === v) return v & 0xffff;
  }
}
function runJob(job, report) {
  const tag = job.seq & 0x7fff;
  if (job.kind === 'typescript' && PA.length < 4 * job.k) PA = new Float64Array(4 * job.k);
  for (let c = claim(tag, job.chunks); c >= 0; c = claim(tag, job.chunks)) {
    try {
      const from = c * job.rowsPerChunk;
      const to = Math.min(job.rows, from + job.rowsPerChunk);
      if (job.kind === 'wasm') wasm.rows(job.a, job.ai, job.ap, job.m, job.k, job.pb, job.n4, job.c, from, to, job.pa + paOffset * job.paStride, job.epilogue, job.bias, job.mask);
      else if (job.kind === 'wasm-adam') wasm.adam(job.p, job.g, job.m, job.v, 4 * from, 4 * to, job.torch, job.beta1, job.beta2, job.epsilon, job.alpha, job.stepSize, job.sqrtBiasCorrection2);
      else if (job.kind === 'adam' && job.form === 'keras') adamKerasRange(job.p, job.g, job.m, job.v, job.beta1, job.beta2, job.epsilon, job.alpha, from, to);
      else if (job.kind === 'adam') adamTorchRange(job.p, job.g, job.m, job.v, job.beta1, job.beta2, job.epsilon, job.stepSize, job.sqrtBiasCorrection2, from, to);
      else matmulRows(job.A, job.PB, job.C, job.m, job.k, job.n, job.transposeA, from, to, PA);
    } catch (error) {
      report(String((error && error.message) || error));
      Atomics.store(ctrl, ${FAIL}, 1);
    }
    Atomics.add(ctrl, ${WORKER_CHUNKS}, 1);
    Atomics.add(ctrl, ${DONE}, 1);
    Atomics.notify(ctrl, ${DONE});
  }
}
`;
}

/** A Node worker thread (eval'd source): workerData at start, then jobs on its port, woken through [SEQ]. */
export function workerSource(): string {
  return `
'use strict';
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
${jobRunnerSource()}
setUp(workerData);
const port = workerData.port;
const report = (text) => port.postMessage(text);
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, ${SEQ}, seen);
  let job = null;
  for (let msg = receiveMessageOnPort(port); msg !== undefined; msg = receiveMessageOnPort(port)) job = msg.message;
  if (job === null) continue;
  seen = job.seq;
  runJob(job, report);
}
`;
}

/** A browser Web Worker (from a Blob URL): its first message sets it up, each later one is a job. */
export function browserWorkerSource(): string {
  return `
'use strict';
${jobRunnerSource()}
const report = (text) => postMessage({ failure: text });
self.onmessage = (event) => {
  if (ctrl !== null) return runJob(event.data, report);
  setUp(event.data);
  postMessage({ ready: true });
};
`;
}

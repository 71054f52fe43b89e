/**
 * The source text of a kernel thread of the js backend. It is built from the very
 * functions the calling thread runs (jobs.ts's `runChunk`, the matmul and Adam loops), so
 * the two can never drift apart, and it is plain JavaScript: Node runs it under
 * `eval: true` without any TypeScript loader, a browser from a Blob URL. Jobs that run
 * in the module use the pool's compiled WebAssembly module (handed over at start) on the
 * pool's shared memory, in the row-panel scratch of this thread's index.
 *
 * Node's thread sleeps on [SEQ] and takes the newest job from its port synchronously; a
 * browser's thread is event-driven (its messages are the jobs), so the engine must run in
 * a Web Worker of a cross-origin isolated page, where the calling thread may block.
 *
 * Protocol (control words in one SharedArrayBuffer, see thread-pool.ts):
 *   [SEQ]   job number; workers sleep on it with Atomics.wait
 *   [CLAIM] (job tag << 16) | next chunk; a chunk is claimed with compareExchange, so a
 *           worker that wakes late for an old job can never claim a chunk of a new one
 *   [DONE]  chunks finished; the main thread sleeps on it until all are done
 *   [FAIL]  set when a worker hit an exception (its message follows on the port)
 *   [WORKER_CHUNKS] chunks computed by workers, a running count
 */
import { runChunk } from './jobs.ts';
import { matmulRows } from './kernels/matmul.ts';
import { adamKerasRange, adamTorchRange } from './kernels/adam.ts';

export const SEQ = 0;
export const CLAIM = 1;
export const DONE = 2;
export const FAIL = 3;
/** Chunks the workers (not the calling thread) have computed, ever: the tests check that workers take part. */
export const WORKER_CHUNKS = 4;
export const CONTROL_WORDS = 5;

/** The claim loop and the job runner, shared by both kinds of thread; `report(text)` passes a failure on. */
function jobRunnerSource(): string {
  return `
// esbuild (tsx, vitest, bundles) may wrap nested functions in __name(); it only names them.
const __name = (f) => f;
const runChunk = ${runChunk.toString()};
let ctrl = null;
let thread = null;
function setUp(data) {
  ctrl = new Int32Array(data.control);
  thread = {
    // The WebAssembly kernels over the pool's shared memory, where the pool has them.
    wasm: data.module ? new WebAssembly.Instance(data.module, { env: { memory: data.memory } }).exports : null,
    index: data.index,
    panelA: new Float64Array(0),
    matmulRows: ${matmulRows.toString()},
    adamKerasRange: ${adamKerasRange.toString()},
    adamTorchRange: ${adamTorchRange.toString()},
  };
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
  for (let c = claim(tag, job.chunks); c >= 0; c = claim(tag, job.chunks)) {
    try {
      const from = c * job.rowsPerChunk;
      runChunk(job, from, Math.min(job.rows, from + job.rowsPerChunk), thread);
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

/**
 * The source of the worker that hosts gpu.js for a worker host (Node's worker-host.ts, the
 * browser's browser-worker-host.ts): plain JavaScript. gpu.js's WebGPU mode is
 * asynchronous (every call a Promise) while the engine's kernels are synchronous, so gpu.js
 * runs here and the engine blocks on the state word until the result is in shared memory.
 * After each new kernel's first call it checks that gpu.js really built the kernel of the
 * mode asked for (its auto modes fall back silently, docs/gpujs.md pitfall 6).
 *
 * State word [0]: 0 pending, 1 done, 2 failed (the failure's text follows as a message).
 */
import { KERNEL_CLASS } from './host.ts';

/** The kernel cache and one call; it reads `sources`, `state`, `mode`, `cacheLimit` and `report(text)` of the enclosing source. */
function callRunnerSource(): string {
  return `
const kernelClass = ${JSON.stringify(KERNEL_CLASS)};
const kernels = new Map();
async function runCall({ key, call, output }, gpujs, gpu) {
  try {
    let kernel = kernels.get(key);
    if (kernel === undefined) {
      kernel = gpu.createKernel(sources[call.name], { output: call.output, constants: call.constants });
      kernels.set(key, kernel);
      if (kernels.size > cacheLimit) {
        const [oldest, retired] = kernels.entries().next().value;
        kernels.delete(oldest);
        retired.destroy();
      }
    } else {
      // Most recently used last, as in the in-thread host, so the oldest entry is evicted first.
      kernels.delete(key);
      kernels.set(key, kernel);
    }
    const args = call.args.map((a) => (a.size ? gpujs.input(a.data, a.size) : a.data));
    const rows = await kernel(...args);
    const actual = kernel.kernel.constructor.name;
    if (actual !== kernelClass[mode]) throw new Error('kernel ' + call.name + ' runs as ' + actual + ', not ' + kernelClass[mode]);
    const width = call.output[0];
    for (let r = 0; r < rows.length; r++) output.set(rows[r].subarray(0, width), r * width);
    Atomics.store(state, 0, 1);
  } catch (error) {
    report(String((error && error.message) || error));
    Atomics.store(state, 0, 2);
  }
  Atomics.notify(state, 0);
}
`;
}

/**
 * Node (eval'd, workerData at start). In webgpu mode it gives gpu.js the `navigator.gpu`
 * that Node 20 lacks (docs/gpujs.md §6.2.3), from the pinned `webgpu` package.
 */
export function hostWorkerSource(): string {
  return `
'use strict';
const { workerData } = require('node:worker_threads');
const { port, mode, sources, gpujsPath, webgpuPath, cacheLimit } = workerData;
const state = new Int32Array(workerData.state);
const report = (text) => port.postMessage(text);
${callRunnerSource()}
async function setUp() {
  const gpujs = require(gpujsPath);
  if (mode === 'webgpu') {
    const webgpu = await import(require('node:url').pathToFileURL(webgpuPath).href);
    Object.assign(globalThis, webgpu.globals);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: webgpu.create([]) }, configurable: true });
  }
  return { gpujs, gpu: new gpujs.GPU({ mode }) };
}
const ready = setUp();
port.on('message', async (message) => {
  const { gpujs, gpu } = await ready;
  await runCall(message, gpujs, gpu);
});
`;
}

/**
 * A browser's (a classic Web Worker from a Blob URL): its first message carries the setup
 * (gpu.js's browser bundle is loaded from its URL with importScripts); it answers
 * { ready: true } once gpu.js is loaded, then every message is a call.
 */
export function browserHostWorkerSource(): string {
  return `
'use strict';
let mode, sources, cacheLimit, state, gpu = null;
const report = (text) => postMessage({ failure: text });
${callRunnerSource()}
self.onmessage = async (event) => {
  if (gpu !== null) return runCall(event.data, self.GPU, gpu);
  ({ mode, sources, cacheLimit } = event.data);
  state = new Int32Array(event.data.state);
  try {
    importScripts(event.data.scriptUrl);
    gpu = new self.GPU.GPU({ mode });
    postMessage({ ready: true });
  } catch (error) {
    postMessage({ ready: false, failure: 'gpu.js did not load in its worker from ' + event.data.scriptUrl + ': ' + ((error && error.message) || error) });
  }
};
`;
}

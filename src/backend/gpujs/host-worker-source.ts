/**
 * The source of the worker that hosts gpu.js for `WorkerHost` (host.ts): plain JavaScript
 * run with `eval: true`. In webgpu mode it gives gpu.js the `navigator.gpu` that Node 20
 * lacks (GPUJS.md §6.2.3), from the pinned `webgpu` package, and checks after each new
 * kernel's first call that gpu.js really built a WebGPU kernel (its auto modes fall back
 * silently, pitfall 6).
 */
export function hostWorkerSource(): string {
  return `
'use strict';
const { workerData } = require('node:worker_threads');
const { port, mode, sources, gpujsPath, webgpuPath, cacheLimit } = workerData;
const state = new Int32Array(workerData.state);
const expected = { webasm: 'WebAssemblyKernel', webgpu: 'WebGPUKernel' }[mode];
let gpu = null;
const kernels = new Map();

async function setUp() {
  const gpujs = require(gpujsPath);
  if (mode === 'webgpu') {
    const webgpu = await import(require('node:url').pathToFileURL(webgpuPath).href);
    Object.assign(globalThis, webgpu.globals);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: webgpu.create([]) }, configurable: true });
  }
  gpu = new gpujs.GPU({ mode });
  return gpujs;
}
const ready = setUp();

port.on('message', async ({ key, call, output }) => {
  try {
    const gpujs = await ready;
    let kernel = kernels.get(key);
    const fresh = kernel === undefined;
    if (fresh) {
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
    if (actual !== expected) throw new Error('kernel ' + call.name + ' runs as ' + actual + ', not ' + expected);
    const width = call.output[0];
    for (let r = 0; r < rows.length; r++) output.set(rows[r].subarray(0, width), r * width);
    Atomics.store(state, 0, 1);
  } catch (error) {
    port.postMessage(String((error && error.stack) || error));
    Atomics.store(state, 0, 2);
  }
  Atomics.notify(state, 0);
});
`;
}

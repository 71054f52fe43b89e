/**
 * The Node platform: settings from process.env, kernel threads as worker_threads, gpu.js
 * (an optional dependency) through require, and Dawn's WebGPU (the optional `webgpu`
 * package) probed before gpu.js's WebGPU mode is used. Installed by src/index.ts.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { GpujsModule, KernelThread, KernelThreadData, Platform } from './types.ts';
import { providedGpujs } from './current.ts';
import { WorkerHost } from '../gpujs/worker-host.ts';
import { probeWebGPU } from '../gpujs/webgpu-probe.ts';
import { besideModule, startModuleWorker } from './module-worker.ts';
import { BackendUnavailableError } from '../errors.ts';

const require = createRequire(import.meta.url);

/** The one line printed where gpu.js is missing (it is an optional dependency of seedgrad). */
export const GPUJS_MISSING = 'the gpujs backend needs gpu.js, an optional dependency of seedgrad: npm install gpu.js@2.24.1 (and webgpu@0.6.2 for WebGPU through Dawn)';

function isMissingModule(error: unknown): boolean {
  return (error as { code?: string }).code === 'MODULE_NOT_FOUND' || (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
}

function startKernelThread(data: KernelThreadData): KernelThread {
  const { port1, port2 } = new MessageChannel();
  const worker = startModuleWorker(besideModule(import.meta.url, 'node-kernel-thread'), { workerData: { ...data, port: port2 }, transferList: [port2] });
  worker.unref();
  // Node's workers start on their own, whatever this thread does; the thread says when it is set up (its module loaded).
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  ready.catch(() => {}); // a thread that fails to start shows as exited to the pool
  return {
    ready,
    post: (message) => port1.postMessage(message),
    readsJobSlot: true,
    takeMessage: () => receiveMessageOnPort(port1)?.message,
    get exited() {
      return worker.threadId === -1;
    },
    async terminate() {
      port1.close();
      await worker.terminate();
    },
  };
}

function loadGpujs(): GpujsModule {
  const provided = providedGpujs();
  if (provided !== null) return provided;
  try {
    return require('gpu.js') as GpujsModule;
  } catch (error) {
    if (isMissingModule(error)) throw new BackendUnavailableError(GPUJS_MISSING);
    throw error;
  }
}

export const nodePlatform: Platform = {
  name: 'node',
  parallelism: () => availableParallelism(),
  startKernelThread,
  loadGpujs,
  createGpujsWorkerHost(mode) {
    loadGpujs(); // one clear line where gpu.js is missing, before a worker fails on it
    return new WorkerHost(mode);
  },
  async chooseGpujsMode({ choice, allowSoftwareAdapter, requireGpu, mode }) {
    if (mode === 'webgl2') throw new BackendUnavailableError("gpujs backend: gpu.js's webgl2 mode needs a browser (in Node: webasm, or webgpu through Dawn)");
    if (mode !== undefined) return { mode };
    const probe = await probeWebGPU({ allowSoftwareAdapter });
    if (probe.adapter !== null) return { mode: 'webgpu', adapter: probe.adapter };
    if (choice === 'auto') return { mode: null, why: probe.reason };
    if (requireGpu) throw new BackendUnavailableError(`setBackend: no usable WebGPU adapter: ${probe.reason}`);
    return { mode: 'webasm', why: probe.reason };
  },
};

/**
 * Node's host for gpu.js in a worker thread: it blocks on Atomics until the result is
 * back, so that gpu.js's WebGPU mode (every call a Promise) still serves the engine's
 * synchronous kernels; the tests run it in webasm mode, so CI exercises the same plumbing.
 */
import { createRequire } from 'node:module';
import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { GpujsMode } from '../types.ts';
import { KERNEL_SOURCES } from './kernel-sources.ts';
import { CACHE_LIMIT, cacheKey, type KernelCall, type KernelHost } from './host.ts';
import { hostWorkerSource } from './host-worker-source.ts';

const require = createRequire(import.meta.url);

/** Control words of the worker host: [0] the call's state (0 pending, 1 done, 2 failed). */
export class WorkerHost implements KernelHost {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly state = new Int32Array(new SharedArrayBuffer(4));
  private output = new Float32Array(new SharedArrayBuffer(4));

  constructor(readonly mode: GpujsMode) {
    const { port1, port2 } = new MessageChannel();
    const sources = Object.fromEntries(Object.entries(KERNEL_SOURCES).map(([name, fn]) => [name, fn.toString()]));
    this.worker = new Worker(hostWorkerSource(), {
      eval: true,
      workerData: { port: port2, state: this.state.buffer, mode, sources, gpujsPath: require.resolve('gpu.js'), webgpuPath: mode === 'webgpu' ? require.resolve('webgpu') : null, cacheLimit: CACHE_LIMIT },
      transferList: [port2],
    });
    this.worker.unref();
    this.port = port1;
  }

  run(call: KernelCall, out: Float32Array): void {
    const cells = call.output[0] * call.output[1];
    if (this.output.length < cells) this.output = new Float32Array(new SharedArrayBuffer(cells * 4));
    Atomics.store(this.state, 0, 0);
    this.port.postMessage({ key: cacheKey(call), call, output: this.output });
    while (Atomics.load(this.state, 0) === 0) {
      if (Atomics.wait(this.state, 0, 0, 1000) === 'timed-out' && this.worker.threadId === -1) {
        throw new Error(`gpujs backend (${this.mode}, worker): the gpu.js worker thread exited`);
      }
    }
    if (Atomics.load(this.state, 0) === 2) {
      const message = receiveMessageOnPort(this.port)?.message as string | undefined;
      throw new Error(`gpujs backend (${this.mode}, worker): kernel ${call.name} failed: ${message ?? 'no message'}`);
    }
    out.set(this.output.subarray(0, cells));
  }

  async close(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }
}

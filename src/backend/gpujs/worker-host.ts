/**
 * Node's host for gpu.js in a worker thread (blocking-host.ts): the tests run it in webasm
 * mode, so CI exercises the plumbing that gpu.js's WebGPU mode (through Dawn) needs.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { GpujsMode } from '../types.ts';
import { CACHE_LIMIT } from './host.ts';
import { BlockingHost, kernelSourceTexts } from './blocking-host.ts';
import { besideModule, startModuleWorker } from '../platform/module-worker.ts';

const require = createRequire(import.meta.url);

export class WorkerHost extends BlockingHost {
  private readonly worker: Worker;
  private readonly port: MessagePort;

  constructor(mode: GpujsMode) {
    super(mode);
    const { port1, port2 } = new MessageChannel();
    this.worker = startModuleWorker(besideModule(import.meta.url, 'node-host-thread'), {
      workerData: { port: port2, state: this.state.buffer, mode, sources: kernelSourceTexts(), gpujsPath: require.resolve('gpu.js'), webgpuPath: mode === 'webgpu' ? require.resolve('webgpu') : null, cacheLimit: CACHE_LIMIT },
      transferList: [port2],
    });
    this.worker.unref();
    this.port = port1;
  }

  protected post(message: unknown): void {
    this.port.postMessage(message);
  }

  protected hasExited(): boolean {
    return this.worker.threadId === -1;
  }

  protected failureText(): string | undefined {
    return receiveMessageOnPort(this.port)?.message as string | undefined;
  }

  async close(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }
}

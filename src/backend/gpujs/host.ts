/**
 * Where gpu.js kernels run. `InThreadHost` builds and calls them on this thread (webasm:
 * synchronous). `WorkerHost` runs them in a worker thread and blocks on Atomics until the
 * result is back, so that gpu.js's WebGPU mode (every call a Promise) still serves the
 * engine's synchronous kernels; the tests run it in webasm mode, so CI exercises the
 * same plumbing.
 *
 * Kernels are cached per (kernel, output size, constants, argument sizes): gpu.js bakes
 * sizes in (GPUJS.md pitfall 10). The cache is bounded; evicted kernels are destroyed.
 */
import { createRequire } from 'node:module';
import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { GPU, IKernelRunShortcut, KernelOutput } from 'gpu.js';
import type { GpujsMode } from '../types.ts';
import { KERNEL_SOURCES, type KernelName } from './kernel-sources.ts';
import { hostWorkerSource } from './host-worker-source.ts';

/** One argument: a flat array, read as a [width, height] matrix when `size` is given. */
export interface KernelArg {
  readonly data: Float32Array;
  readonly size?: readonly [number, number];
}

export interface KernelCall {
  readonly name: KernelName;
  /** [width, height] = [columns, rows] of the result. */
  readonly output: readonly [number, number];
  readonly constants: Readonly<Record<string, number>>;
  readonly args: readonly KernelArg[];
}

export interface KernelHost {
  /** Runs the kernel and writes its [rows × columns] result, row-major, into `out`. */
  run(call: KernelCall, out: Float32Array): void;
  close(): Promise<void>;
}

const CACHE_LIMIT = 24;
const require = createRequire(import.meta.url);

export function cacheKey(call: KernelCall): string {
  return `${call.name}|${call.output.join('x')}|${JSON.stringify(call.constants)}|${call.args.map((a) => (a.size ? a.size.join('x') : a.data.length)).join(',')}`;
}

/** Copies gpu.js's 2-D result (an array of row views) into one flat row-major array. */
export function copyRows(result: KernelOutput, out: Float32Array, width: number): void {
  const rows = result as unknown as Float32Array[];
  for (let r = 0; r < rows.length; r++) out.set(rows[r].subarray(0, width), r * width);
}

export class InThreadHost implements KernelHost {
  private readonly gpu: GPU;
  private readonly kernels = new Map<string, IKernelRunShortcut>();
  private readonly input: (value: Float32Array, size: number[]) => unknown;

  constructor(readonly mode: GpujsMode) {
    const gpujs = require('gpu.js') as { GPU: typeof GPU; input: (value: Float32Array, size: number[]) => unknown };
    this.gpu = new gpujs.GPU({ mode });
    this.input = gpujs.input;
  }

  run(call: KernelCall, out: Float32Array): void {
    const key = cacheKey(call);
    let kernel = this.kernels.get(key);
    if (kernel === undefined) {
      kernel = this.gpu.createKernel(KERNEL_SOURCES[call.name].toString(), { output: [...call.output], constants: { ...call.constants } });
      this.kernels.set(key, kernel);
      if (this.kernels.size > CACHE_LIMIT) {
        const [oldest, retired] = this.kernels.entries().next().value as [string, IKernelRunShortcut];
        this.kernels.delete(oldest);
        retired.destroy();
      }
    } else {
      // Most recently used last, so the oldest entry is evicted first.
      this.kernels.delete(key);
      this.kernels.set(key, kernel);
    }
    const args = call.args.map((a) => (a.size ? this.input(a.data, [...a.size]) : a.data)) as Parameters<IKernelRunShortcut>;
    const result = kernel(...args);
    const className = (kernel.kernel as { constructor: { name: string } }).constructor.name;
    if (this.mode === 'webasm' && className !== 'WebAssemblyKernel') throw new Error(`gpujs backend: kernel ${call.name} fell back to ${className}, not webasm`);
    copyRows(result, out, call.output[0]);
  }

  /** Kernels built so far (for tests of the cache). */
  get cachedKernels(): number {
    return this.kernels.size;
  }

  async close(): Promise<void> {
    for (const k of this.kernels.values()) k.destroy();
    this.kernels.clear();
    await this.gpu.destroy();
  }
}

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

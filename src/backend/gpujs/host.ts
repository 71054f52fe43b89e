/**
 * Where gpu.js kernels run. `InThreadHost` builds and calls them on this thread (webasm,
 * webgl2: synchronous). Node's `WorkerHost` (worker-host.ts) runs them in a worker thread
 * instead, for gpu.js's asynchronous WebGPU mode.
 *
 * Kernels are cached per (kernel, output size, constants, argument sizes): gpu.js bakes
 * sizes in (docs/gpujs.md pitfall 10). The cache is bounded; evicted kernels are destroyed.
 */
import type { GpujsMode } from '../types.ts';
import type { GpujsKernel, GpujsModule, GpujsRunner } from '../platform/types.ts';
import { KERNEL_SOURCES, type KernelName } from './kernel-sources.ts';

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
  /** Settles when the host takes calls (a worker host's gpu.js is loaded); absent where it always does. */
  readonly ready?: Promise<void>;
  close(): Promise<void>;
}

export const CACHE_LIMIT = 24;

/** The kernel class gpu.js must have built in each mode (its auto modes fall back silently, docs/gpujs.md pitfall 6). */
export const KERNEL_CLASS: Readonly<Record<GpujsMode, string>> = { webasm: 'WebAssemblyKernel', webgpu: 'WebGPUKernel', webgl2: 'WebGL2Kernel' };

export function cacheKey(call: KernelCall): string {
  return `${call.name}|${call.output.join('x')}|${JSON.stringify(call.constants)}|${call.args.map((a) => (a.size ? a.size.join('x') : a.data.length)).join(',')}`;
}

/** Copies gpu.js's 2-D result (an array of row views) into one flat row-major array. */
export function copyRows(result: unknown, out: Float32Array, width: number): void {
  const rows = result as unknown as Float32Array[];
  for (let r = 0; r < rows.length; r++) out.set(rows[r].subarray(0, width), r * width);
}

/**
 * The kernel for `key` from `kernels` (most recently used last), built by `build` when
 * missing; past `limit` kernels the least recently used one is destroyed.
 */
export function cachedKernel(kernels: Map<string, GpujsKernel>, key: string, limit: number, build: () => GpujsKernel): GpujsKernel {
  let kernel = kernels.get(key);
  if (kernel === undefined) {
    kernel = build();
    kernels.set(key, kernel);
    if (kernels.size > limit) {
      const [oldest, retired] = kernels.entries().next().value as [string, GpujsKernel];
      kernels.delete(oldest);
      retired.destroy();
    }
  } else {
    // Most recently used last, so the oldest entry is evicted first.
    kernels.delete(key);
    kernels.set(key, kernel);
  }
  return kernel;
}

export class InThreadHost implements KernelHost {
  private readonly gpu: GpujsRunner;
  private readonly kernels = new Map<string, GpujsKernel>();
  private readonly input: (value: Float32Array, size: number[]) => unknown;

  constructor(readonly mode: GpujsMode, gpujs: GpujsModule) {
    if (mode === 'webgpu') throw new Error('gpujs backend: gpu.js\'s webgpu mode is asynchronous and runs only in a worker host');
    this.gpu = new gpujs.GPU({ mode });
    this.input = gpujs.input;
  }

  run(call: KernelCall, out: Float32Array): void {
    const build = () => this.gpu.createKernel(KERNEL_SOURCES[call.name].toString(), { output: [...call.output], constants: { ...call.constants } });
    const kernel = cachedKernel(this.kernels, cacheKey(call), CACHE_LIMIT, build);
    const args = call.args.map((a) => (a.size ? this.input(a.data, [...a.size]) : a.data));
    const result = kernel(...args);
    const className = kernel.kernel.constructor.name;
    if (className !== KERNEL_CLASS[this.mode]) throw new Error(`gpujs backend: kernel ${call.name} fell back to ${className}, not ${this.mode}`);
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

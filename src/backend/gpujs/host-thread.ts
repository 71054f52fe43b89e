/**
 * What the thread that hosts gpu.js for a worker host runs (Node's worker-host.ts, the
 * browser's browser-worker-host.ts start it through node-host-thread.ts and
 * browser-host-thread.ts): a real module. gpu.js's WebGPU mode is asynchronous (every call
 * a Promise) while the engine's kernels are synchronous, so gpu.js runs here and the
 * engine blocks on the state word until the result is in shared memory. After each new
 * kernel's first call it checks that gpu.js really built the kernel of the mode asked for
 * (its auto modes fall back silently, docs/gpujs.md pitfall 6).
 *
 * State word [0]: 0 pending, 1 done, 2 failed (the failure's text follows as a message).
 */
import type { GpujsMode } from '../types.ts';
import type { GpujsKernel, GpujsModule, GpujsRunner } from '../platform/types.ts';
import { KERNEL_CLASS, cachedKernel, type KernelCall } from './host.ts';

/** What the host thread is set up with (besides how it finds gpu.js). */
export interface HostThreadSetup {
  readonly mode: GpujsMode;
  /** Each kernel's source text (gpu.js builds kernels from source). */
  readonly sources: Record<string, string>;
  readonly cacheLimit: number;
  /** The shared state word. */
  readonly state: SharedArrayBuffer;
}

/** One call as posted by blocking-host.ts: the cache key, the call, and where to put its rows. */
export interface HostCall {
  readonly key: string;
  readonly call: KernelCall;
  readonly output: Float32Array;
}

export class HostThread {
  private readonly kernels = new Map<string, GpujsKernel>();
  private readonly state: Int32Array;

  constructor(
    private readonly setup: HostThreadSetup,
    private readonly gpujs: GpujsModule,
    private readonly gpu: GpujsRunner,
    private readonly report: (text: string) => void,
  ) {
    this.state = new Int32Array(setup.state);
  }

  async run({ key, call, output }: HostCall): Promise<void> {
    const { sources, cacheLimit, mode } = this.setup;
    try {
      const build = () => this.gpu.createKernel(sources[call.name]!, { output: call.output as unknown as number[], constants: call.constants as Record<string, number> });
      const kernel = cachedKernel(this.kernels, key, cacheLimit, build);
      const args = call.args.map((a) => (a.size ? this.gpujs.input(a.data, a.size as unknown as number[]) : a.data));
      const rows = (await kernel(...args)) as Float32Array[];
      const actual = kernel.kernel.constructor.name;
      if (actual !== KERNEL_CLASS[mode]) throw new Error(`kernel ${call.name} runs as ${actual}, not ${KERNEL_CLASS[mode]}`);
      const width = call.output[0];
      for (let r = 0; r < rows.length; r++) output.set(rows[r]!.subarray(0, width), r * width);
      Atomics.store(this.state, 0, 1);
    } catch (error) {
      this.report(String((error as Error | undefined)?.message ?? error));
      Atomics.store(this.state, 0, 2);
    }
    Atomics.notify(this.state, 0);
  }
}

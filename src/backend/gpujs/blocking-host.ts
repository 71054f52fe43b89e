/**
 * A gpu.js host in another thread that the engine blocks on (Node's worker-host.ts, the
 * browser's browser-worker-host.ts): a call is posted, the engine waits on a shared state
 * word (0 pending, 1 done, 2 failed), and the result is read from shared memory. So
 * gpu.js's asynchronous WebGPU mode still serves the engine's synchronous kernels.
 */
import type { GpujsMode } from '../types.ts';
import { KERNEL_SOURCES } from './kernel-sources.ts';
import { cacheKey, type KernelCall, type KernelHost } from './host.ts';

/** Each kernel's source text, for the host thread to build its kernels from. */
export const kernelSourceTexts = (): Record<string, string> => Object.fromEntries(Object.entries(KERNEL_SOURCES).map(([name, fn]) => [name, fn.toString()]));

export abstract class BlockingHost implements KernelHost {
  protected readonly state = new Int32Array(new SharedArrayBuffer(4));
  private output = new Float32Array(new SharedArrayBuffer(4));

  constructor(readonly mode: GpujsMode) {}

  /** Sends a call to the host thread. */
  protected abstract post(message: unknown): void;
  /** Whether the host thread has exited. */
  protected abstract hasExited(): boolean;
  /** The host's text for a failed call, where it can be had without waiting. */
  protected abstract failureText(): string | undefined;
  abstract close(): Promise<void>;

  run(call: KernelCall, out: Float32Array): void {
    const cells = call.output[0] * call.output[1];
    if (this.output.length < cells) this.output = new Float32Array(new SharedArrayBuffer(cells * 4));
    Atomics.store(this.state, 0, 0);
    this.post({ key: cacheKey(call), call, output: this.output });
    while (Atomics.load(this.state, 0) === 0) {
      if (Atomics.wait(this.state, 0, 0, 1000) === 'timed-out' && this.hasExited()) throw new Error(`gpujs backend (${this.mode}, worker): the gpu.js worker exited`);
    }
    if (Atomics.load(this.state, 0) === 2) {
      const text = this.failureText();
      throw new Error(`gpujs backend (${this.mode}, worker): kernel ${call.name} failed${text === undefined ? '' : `: ${text}`}`);
    }
    out.set(this.output.subarray(0, cells));
  }
}

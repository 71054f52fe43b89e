/**
 * The browser's host for gpu.js in a Web Worker, for gpu.js's asynchronous WebGPU mode:
 * the engine's thread (itself a Web Worker of a cross-origin isolated page, the only
 * place a browser lets a thread block) posts a call and waits on a shared state word
 * until the host has written the result into shared memory.
 */
import type { GpujsMode } from '../types.ts';
import { KERNEL_SOURCES } from './kernel-sources.ts';
import { CACHE_LIMIT, cacheKey, type KernelCall, type KernelHost } from './host.ts';
import { browserHostWorkerSource } from './host-worker-source.ts';

export class BrowserWorkerHost implements KernelHost {
  private readonly worker: Worker;
  private readonly state = new Int32Array(new SharedArrayBuffer(4));
  private output = new Float32Array(new SharedArrayBuffer(4));
  private failure: string | undefined;
  private exited = false;
  /** Settles when gpu.js is loaded in the worker (a nested worker starts only while its parent is idle). */
  readonly ready: Promise<void>;

  constructor(readonly mode: GpujsMode, scriptUrl: string) {
    const url = URL.createObjectURL(new Blob([browserHostWorkerSource()], { type: 'text/javascript' }));
    this.worker = new Worker(url);
    URL.revokeObjectURL(url);
    const sources = Object.fromEntries(Object.entries(KERNEL_SOURCES).map(([name, fn]) => [name, fn.toString()]));
    this.ready = new Promise((resolve, reject) => {
      this.worker.onmessage = (event: MessageEvent<{ ready?: boolean; failure?: string }>) => {
        if (event.data.ready === true) resolve();
        else if (event.data.ready === false) reject(new Error(`gpujs backend (${mode}, worker): ${event.data.failure}`));
        else this.failure = event.data.failure;
      };
      this.worker.onerror = (event) => {
        this.exited = true;
        reject(new Error(`gpujs backend (${mode}, worker): the gpu.js worker failed: ${event.message}`));
      };
    });
    // A Blob URL worker has no base to resolve a relative URL against: resolve it here.
    const absolute = new URL(scriptUrl, globalThis.location?.href).href;
    this.worker.postMessage({ mode, sources, cacheLimit: CACHE_LIMIT, state: this.state.buffer, scriptUrl: absolute });
  }

  run(call: KernelCall, out: Float32Array): void {
    const cells = call.output[0] * call.output[1];
    if (this.output.length < cells) this.output = new Float32Array(new SharedArrayBuffer(cells * 4));
    Atomics.store(this.state, 0, 0);
    this.worker.postMessage({ key: cacheKey(call), call, output: this.output });
    while (Atomics.load(this.state, 0) === 0) {
      if (Atomics.wait(this.state, 0, 0, 1000) === 'timed-out' && this.exited) throw new Error(`gpujs backend (${this.mode}, worker): the gpu.js worker exited`);
    }
    // The failure's text arrives as a message only once this thread is idle again.
    if (Atomics.load(this.state, 0) === 2) throw new Error(`gpujs backend (${this.mode}, worker): kernel ${call.name} failed${this.failure === undefined ? '' : `: ${this.failure}`}`);
    out.set(this.output.subarray(0, cells));
  }

  async close(): Promise<void> {
    this.exited = true;
    this.worker.terminate();
  }
}

/**
 * The browser's host for gpu.js in a Web Worker (blocking-host.ts), for gpu.js's
 * asynchronous WebGPU mode: the engine's thread, itself a Web Worker of a cross-origin
 * isolated page (the only place a browser lets a thread block), waits on it.
 */
import type { GpujsMode } from '../types.ts';
import { CACHE_LIMIT } from './host.ts';
import { BlockingHost, kernelSourceTexts } from './blocking-host.ts';

export class BrowserWorkerHost extends BlockingHost {
  private readonly worker: Worker;
  private failure: string | undefined;
  private exited = false;
  /** Settles when gpu.js is loaded in the worker (a nested worker starts only while its parent is idle). */
  readonly ready: Promise<void>;

  constructor(mode: GpujsMode, scriptUrl: string) {
    super(mode);
    // browser-host-thread.js beside this module (and beside dist/seedgrad.browser.js: scripts/build-browser.mjs).
    this.worker = new Worker(new URL('./browser-host-thread.js', import.meta.url), { type: 'module' });
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
    // The worker resolves a relative URL against its own script's: resolve it against the page's here.
    const absolute = new URL(scriptUrl, globalThis.location?.href).href;
    this.worker.postMessage({ mode, sources: kernelSourceTexts(), cacheLimit: CACHE_LIMIT, state: this.state.buffer, scriptUrl: absolute });
  }

  protected post(message: unknown): void {
    this.worker.postMessage(message);
  }

  protected hasExited(): boolean {
    return this.exited;
  }

  /** The failure's text arrives as a message, read only once this thread is idle again: usually none yet. */
  protected failureText(): string | undefined {
    return this.failure;
  }

  async close(): Promise<void> {
    this.exited = true;
    this.worker.terminate();
  }
}

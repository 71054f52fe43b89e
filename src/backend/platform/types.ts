/**
 * What the backend needs from the place it runs in, and nothing more: settings, threads
 * and gpu.js. Node and the browser each implement it (node.ts, browser.ts); the public
 * entries install theirs (src/index.ts, src/browser.ts), so everything under tensor,
 * autograd, optim, model and backend imports no `node:` module.
 */
import type { GpujsMode } from '../types.ts';
import type { KernelHost } from '../gpujs/host.ts';
import type { PostedJob } from '../js/thread-pool.ts';

/** The platforms seedgrad knows. 'portable' is the fallback: one thread, no settings. */
export type PlatformName = 'node' | 'browser' | 'portable';

/** A kernel thread of the js backend (it runs backend/js/kernel-thread.ts from its platform's entry: node-kernel-thread.ts, browser-kernel-thread.ts). */
export interface KernelThread {
  /** Posts a job; the thread picks it up when it wakes on the pool's control words. */
  post(job: PostedJob): void;
  /** Whether the thread reads a slot job (js/job-slot.ts) from the pool's slot, so that the pool posts it none. */
  readonly readsJobSlot: boolean;
  /** The next message the thread sent (a failure), without waiting; undefined when none. */
  takeMessage(): unknown;
  /** Settles when the thread is set up and takes jobs. */
  readonly ready: Promise<void>;
  /** Whether the thread has exited (it died, or was terminated). */
  readonly exited: boolean;
  terminate(): Promise<void>;
}

/** What a kernel thread is started with (the pool's shared memory and control words). */
export interface KernelThreadData {
  readonly control: SharedArrayBuffer;
  /** The pool's job slot (js/job-slot.ts), for the threads that read it. */
  readonly jobSlot: SharedArrayBuffer;
  readonly module: WebAssembly.Module | null;
  readonly memory: WebAssembly.Memory | null;
  readonly index: number;
}

/**
 * The `gpu.js` module, as much of it as the backend uses: written out here so that users
 * without gpu.js installed still type-check against seedgrad's types.
 */
export interface GpujsModule {
  readonly GPU: new (settings: { mode: string }) => GpujsRunner;
  readonly input: (value: Float32Array, size: number[]) => unknown;
}

/** A gpu.js `GPU` instance. */
export interface GpujsRunner {
  createKernel(source: string, settings: { output: number[]; constants: Record<string, number> }): GpujsKernel;
  destroy(): unknown;
}

/** A kernel gpu.js built: call it with the arguments; `kernel` is the class gpu.js chose. */
export interface GpujsKernel {
  (...args: unknown[]): unknown;
  readonly kernel: { readonly constructor: { readonly name: string } };
  destroy(): void;
}

/** Where gpu.js kernels should run, or why they will not. */
export type GpujsChoice =
  | { readonly mode: GpujsMode; readonly adapter?: string; readonly why?: string }
  | { readonly mode: null; readonly why: string };

export interface GpujsChoiceOptions {
  /** 'gpujs' insists on gpu.js (a CPU mode where no GPU mode fits); 'auto' takes gpu.js only on a GPU. */
  readonly choice: 'gpujs' | 'auto';
  /** Accept a software adapter or renderer (llvmpipe, SwiftShader, a fallback adapter). */
  readonly allowSoftwareAdapter: boolean;
  /** Fail rather than use a mode that is not a GPU one. */
  readonly requireGpu: boolean;
  /** A mode asked for by name (tests, and users who know their machine). */
  readonly mode?: GpujsMode;
}

export interface Platform {
  readonly name: PlatformName;
  /** Logical processors the js backend may use. */
  parallelism(): number;
  /** Starts a kernel thread; null where the calling thread cannot block on one (one thread then). */
  readonly startKernelThread: ((data: KernelThreadData) => KernelThread) | null;
  /** The gpu.js module; throws one line saying what to install (or load) where it is missing. */
  loadGpujs(): GpujsModule;
  /** A host that runs gpu.js in a thread of its own (needed for gpu.js's asynchronous WebGPU mode); null where there is none. */
  readonly createGpujsWorkerHost: ((mode: GpujsMode) => KernelHost) | null;
  /** Which gpu.js mode `setBackend('gpujs' | 'auto')` should use here. */
  chooseGpujsMode(options: GpujsChoiceOptions): Promise<GpujsChoice>;
}

/**
 * The browser platform: no environment; kernel threads (Web Workers over shared memory)
 * only where the engine itself runs in a Web Worker of a cross-origin isolated page (the
 * calling thread blocks on Atomics.wait, which a page's main thread may not), one thread
 * otherwise; gpu.js from useGpujs() or the global `GPU` that its browser bundle defines.
 * gpu.js's GPU modes: WebGPU in a worker host where the engine may block (and useGpujs
 * gave the bundle's URL), else WebGL2 on the engine's thread. Installed by src/browser.ts.
 */
import type { GpujsChoiceOptions, GpujsModule, KernelThread, KernelThreadData, Platform } from './types.ts';
import type { GpujsMode } from '../types.ts';
import { BrowserWorkerHost } from '../gpujs/browser-worker-host.ts';
import { judgeAdapter, type GpuLike } from '../gpujs/adapter.ts';
import { providedGpujs, providedGpujsScriptUrl } from './current.ts';
import { BackendUnavailableError } from '../errors.ts';

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|lavapipe|software|basic render/i;

function loadGpujs(): GpujsModule {
  const provided = providedGpujs();
  if (provided !== null) return provided;
  const global = (globalThis as { GPU?: Partial<GpujsModule> }).GPU;
  if (global !== undefined && typeof global.GPU === 'function' && typeof global.input === 'function') return global as GpujsModule;
  throw new BackendUnavailableError("the gpujs backend needs gpu.js: import * as gpujs from 'gpu.js' and call useGpujs(gpujs), or load gpu.js's gpu-browser.min.js before seedgrad");
}

/** The WebGL2 renderer's name ('' where it hides it), or null where there is no WebGL2. */
export function webgl2Renderer(): string | null {
  if (typeof document === 'undefined' && typeof OffscreenCanvas === 'undefined') return null;
  const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
  const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
  if (gl === null) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = debug !== null ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return String(renderer ?? '');
}

/** Whether this thread may block on kernel threads: a Web Worker with shared memory (a cross-origin isolated page's). */
function canBlockOnThreads(): boolean {
  const scope = globalThis as { crossOriginIsolated?: boolean; WorkerGlobalScope?: unknown; document?: unknown };
  return scope.crossOriginIsolated === true && scope.WorkerGlobalScope !== undefined && scope.document === undefined && typeof SharedArrayBuffer === 'function';
}

/**
 * The kernel thread's module, beside this one: browser-kernel-thread.js next to the
 * compiled browser.js, and next to dist/seedgrad.browser.js in the bundle
 * (scripts/build-browser.mjs writes it there). Bundlers that follow
 * `new Worker(new URL(…, import.meta.url))` (Vite, webpack) bundle it on their own.
 */
function startKernelThread(data: KernelThreadData): KernelThread {
  const worker = new Worker(new URL('./browser-kernel-thread.js', import.meta.url), { type: 'module' });
  let exited = false;
  let failure: string | undefined;
  let setUp: () => void = () => {};
  // A nested worker starts only while its parent's event loop runs, so the pool waits for
  // this before its first split call (setBackend does), not while it blocks on a job.
  const ready = new Promise<void>((resolve) => (setUp = resolve));
  worker.onerror = (event) => {
    exited = true;
    failure = event.message;
  };
  // A failure's text arrives as a message, read when the engine's thread is next idle; the pool says 'failed' at once.
  worker.onmessage = (event: MessageEvent<{ ready?: true; failure?: string }>) => {
    if (event.data.ready) setUp();
    else failure = event.data.failure;
  };
  worker.postMessage(data);
  return {
    ready,
    post: (message) => worker.postMessage(message),
    readsJobSlot: false, // an event-driven worker wakes on messages only
    takeMessage: () => failure,
    get exited() {
      return exited;
    },
    async terminate() {
      exited = true;
      worker.terminate();
    },
  };
}

/** Why gpu.js's WebGPU mode cannot run here, or null when it can (a worker host is possible). */
function webgpuHostUnavailable(): string | null {
  if (!canBlockOnThreads()) return "gpu.js's webgpu mode is asynchronous: it runs in a worker host, which needs the engine in a Web Worker of a cross-origin isolated page";
  if (providedGpujsScriptUrl() === null) return "gpu.js's webgpu mode runs in a worker host, which needs the URL of gpu.js's browser bundle: useGpujs(gpujs, { scriptUrl })";
  return null;
}

/** The WebGL2 choice: the renderer, or why not. */
function webgl2Choice({ choice, allowSoftwareAdapter, requireGpu }: GpujsChoiceOptions, webgpuWhy: string | null) {
  const renderer = webgl2Renderer();
  const software = renderer !== null && SOFTWARE_RENDERER.test(renderer);
  if (renderer !== null && (!software || allowSoftwareAdapter)) return { mode: 'webgl2' as GpujsMode, adapter: renderer || 'WebGL2' };
  const webgl2Why = renderer === null ? 'this browser offers no WebGL2 context' : `only a software renderer (${renderer}); pass allowSoftwareAdapter to use it`;
  const why = webgpuWhy === null ? webgl2Why : `${webgpuWhy}; ${webgl2Why}`;
  if (choice === 'auto') return { mode: null, why };
  if (requireGpu) throw new BackendUnavailableError(`setBackend: no usable GPU: ${why}`);
  return { mode: 'webasm' as GpujsMode, why };
}

export const browserPlatform: Platform = {
  name: 'browser',
  parallelism: () => (canBlockOnThreads() ? Math.max(1, navigator.hardwareConcurrency || 1) : 1),
  get startKernelThread() {
    return canBlockOnThreads() ? startKernelThread : null;
  },
  loadGpujs,
  get createGpujsWorkerHost() {
    const scriptUrl = providedGpujsScriptUrl();
    return webgpuHostUnavailable() === null && scriptUrl !== null ? (mode: GpujsMode) => new BrowserWorkerHost(mode, scriptUrl) : null;
  },
  async chooseGpujsMode(options) {
    const { allowSoftwareAdapter, mode } = options;
    const hostWhy = webgpuHostUnavailable();
    if (mode === 'webgpu' && hostWhy !== null) throw new BackendUnavailableError(`gpujs backend: ${hostWhy}`);
    if (mode !== undefined) return { mode };
    let webgpuWhy = hostWhy;
    if (hostWhy === null) {
      const gpu = (navigator as { gpu?: GpuLike }).gpu;
      const probe = gpu === undefined ? { adapter: null, reason: 'this browser offers no WebGPU (navigator.gpu)' } : await judgeAdapter(gpu, { allowSoftwareAdapter });
      if (probe.adapter !== null) return { mode: 'webgpu', adapter: probe.adapter };
      webgpuWhy = probe.reason;
    }
    return webgl2Choice(options, webgpuWhy);
  },
};

/**
 * The platform the backend runs on: installed once by the public entry (src/index.ts for
 * Node, src/browser.ts for browsers). Until one is installed the portable platform
 * answers: one thread, no environment, gpu.js only when a module is handed over.
 */
import type { GpujsModule, Platform } from './types.ts';
import { BackendUnavailableError } from '../errors.ts';

let gpujsModule: GpujsModule | null = null;
let gpujsScriptUrl: string | null = null;

export interface UseGpujsOptions {
  /**
   * Browsers: the URL of gpu.js's browser bundle (gpu-browser.min.js), for the Web Worker
   * that hosts gpu.js's asynchronous WebGPU mode (engine in a cross-origin isolated worker).
   */
  readonly scriptUrl?: string;
}

/**
 * Hands the backend a `gpu.js` module to use (in the browser: the one your bundler or page
 * loaded; the global `GPU` of its browser bundle does too), and where to load it from in a
 * worker host.
 */
export function useGpujs(module: GpujsModule, options: UseGpujsOptions = {}): void {
  if (module === null || (typeof module !== 'object' && typeof module !== 'function') || typeof module.GPU !== 'function' || typeof module.input !== 'function') {
    throw new TypeError('useGpujs: module must be the gpu.js module (an object with GPU and input), e.g. `import * as gpujs from "gpu.js"`');
  }
  if (options.scriptUrl !== undefined && (typeof options.scriptUrl !== 'string' || options.scriptUrl === '')) {
    throw new TypeError(`useGpujs: scriptUrl must be the URL of gpu.js's browser bundle, got ${JSON.stringify(options.scriptUrl)}`);
  }
  gpujsModule = module;
  gpujsScriptUrl = options.scriptUrl ?? gpujsScriptUrl;
}

/** The module given to useGpujs, if any. */
export function providedGpujs(): GpujsModule | null {
  return gpujsModule;
}

/** The URL of gpu.js's browser bundle given to useGpujs, if any. */
export function providedGpujsScriptUrl(): string | null {
  return gpujsScriptUrl;
}

const portable: Platform = {
  name: 'portable',
  parallelism: () => 1,
  startKernelThread: null,
  loadGpujs() {
    if (gpujsModule !== null) return gpujsModule;
    throw new BackendUnavailableError('the gpujs backend needs gpu.js: hand it over with useGpujs(module)');
  },
  createGpujsWorkerHost: null,
  async chooseGpujsMode(options) {
    if (options.mode !== undefined) return { mode: options.mode };
    return options.choice === 'gpujs' && !options.requireGpu ? { mode: 'webasm', why: 'no GPU probe on this platform' } : { mode: null, why: 'no GPU probe on this platform' };
  },
};

let installed: Platform = portable;

/** Makes `platform` the one the backend uses from now on. */
export function installPlatform(platform: Platform): void {
  installed = platform;
}

/** The platform the backend runs on now. */
export function currentPlatform(): Platform {
  return installed;
}

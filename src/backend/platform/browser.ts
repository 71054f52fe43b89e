/**
 * The browser platform: no environment, one kernel thread (the page's, or the Web
 * Worker's the engine runs in), gpu.js from useGpujs() or the global `GPU` that its
 * browser bundle defines, and WebGL2 as gpu.js's GPU mode. Installed by src/browser.ts.
 */
import type { GpujsModule, Platform } from './types.ts';
import { providedGpujs } from './current.ts';
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

export const browserPlatform: Platform = {
  name: 'browser',
  env: () => undefined,
  parallelism: () => 1,
  startKernelThread: null,
  loadGpujs,
  createGpujsWorkerHost: null,
  async chooseGpujsMode({ choice, allowSoftwareAdapter, requireGpu, mode }) {
    if (mode === 'webgpu') throw new BackendUnavailableError("gpujs backend: gpu.js's webgpu mode is asynchronous, and the browser build has no worker host for it yet; use webgl2");
    if (mode !== undefined) return { mode };
    const renderer = webgl2Renderer();
    const software = renderer !== null && SOFTWARE_RENDERER.test(renderer);
    if (renderer !== null && (!software || allowSoftwareAdapter)) return { mode: 'webgl2', adapter: renderer || 'WebGL2' };
    const why = renderer === null ? 'this browser offers no WebGL2 context' : `only a software renderer (${renderer}); pass allowSoftwareAdapter to use it`;
    if (choice === 'auto') return { mode: null, why };
    if (requireGpu) throw new BackendUnavailableError(`setBackend: no usable WebGL2 renderer: ${why}`);
    return { mode: 'webasm', why };
  },
};

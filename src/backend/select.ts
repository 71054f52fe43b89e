/**
 * Which backend computes: chosen once, explicitly, never silently.
 *   setBackend('js' | 'gpujs' | 'auto')   the API (async: probing a GPU is)
 *   --backend auto|js|gpujs               the CLI flag, else SEEDGRAD_BACKEND (read by src/cli only)
 * `auto` is gpujs on a hardware GPU (Node: a WebGPU adapter through Dawn; browsers: a
 * WebGL2 renderer), else js. Without setBackend the js backend runs, on the machine's
 * threads; the library reads no environment variable.
 */
import type { Accumulation, BackendCounters, BackendInfo, GpujsMode, KernelBackend, MatmulKernel } from './types.ts';
import { createJsBackend } from './js/index.ts';
import { createGpujsBackend } from './gpujs/index.ts';
import { currentPlatform } from './platform/current.ts';
import { BackendUnavailableError } from './errors.ts';

export type BackendChoice = 'auto' | 'js' | 'gpujs';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'js', 'gpujs'];

export interface SetBackendOptions {
  /** Threads for the js backend (default: the machine's cores, at most 16). */
  readonly threads?: number;
  /** The js backend's float32 matmul loop (default: WebAssembly SIMD where the engine has it). */
  readonly matmulKernel?: MatmulKernel;
  /** How the js backend's float32 matmuls sum: 'float32' (default) or 'float64', the exact path (types.ts's Accumulation); gpujs sums in float32 and refuses 'float64'. */
  readonly accumulation?: Accumulation;
  /** Accept a software adapter or renderer (llvmpipe, SwiftShader, a fallback adapter). */
  readonly allowSoftwareAdapter?: boolean;
  /** gpujs only: insist on a GPU mode (WebGPU in Node, WebGL2 in browsers) and fail rather than fall back to webasm. */
  readonly requireWebGPU?: boolean;
  /** gpujs only: gpu.js's mode by name, without probing (webasm; webgpu; webgl2 in browsers). */
  readonly gpujsMode?: GpujsMode;
}

const GPUJS_MODES: readonly GpujsMode[] = ['webasm', 'webgpu', 'webgl2'];
const OPTION_KEYS = ['threads', 'matmulKernel', 'accumulation', 'allowSoftwareAdapter', 'requireWebGPU', 'gpujsMode'];

function checkOptions(options: SetBackendOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError(`setBackend: options must be an object, got ${String(options)}`);
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw new TypeError(`setBackend: unknown option '${key}' (options: ${OPTION_KEYS.join(', ')})`);
  }
  if (options.gpujsMode !== undefined && !GPUJS_MODES.includes(options.gpujsMode)) {
    throw new TypeError(`setBackend: gpujsMode must be one of ${GPUJS_MODES.join(', ')}, got '${String(options.gpujsMode)}'`);
  }
}

let active: KernelBackend | null = null;

export function parseBackendChoice(value: string, where: string): BackendChoice {
  if (!(BACKEND_CHOICES as readonly string[]).includes(value)) {
    throw new Error(`${where}: backend must be one of ${BACKEND_CHOICES.join(', ')}, got '${value}'`);
  }
  return value as BackendChoice;
}

/** The backend kernels run on now (the js backend until setBackend chooses). */
export function activeBackend(): KernelBackend {
  return (active ??= createJsBackend());
}

/** The backend's name, gpu.js mode, adapter and threads, for manifests and logs. */
export function backendInfo(): BackendInfo {
  return activeBackend().info;
}

/** How the active backend has split its work so far (zeros for a backend that splits none). */
export function backendCounters(): BackendCounters {
  return activeBackend().counters?.() ?? { splitCalls: 0, chunksByWorkers: 0 };
}

/** Chooses the backend (closing the previous one) and returns what was chosen. */
export async function setBackend(choice: BackendChoice = 'auto', options: SetBackendOptions = {}): Promise<BackendInfo> {
  parseBackendChoice(choice, 'setBackend');
  checkOptions(options);
  let next: KernelBackend;
  if (choice === 'js') {
    next = createJsBackend(options.threads, { matmulKernel: options.matmulKernel, accumulation: options.accumulation });
  } else {
    const gpu = await currentPlatform().chooseGpujsMode({
      choice,
      allowSoftwareAdapter: options.allowSoftwareAdapter ?? false,
      requireGpu: options.requireWebGPU ?? false,
      mode: options.gpujsMode,
    });
    if (gpu.mode !== null && options.accumulation === 'float64') {
      // gpu.js sums in float32 only: asking for the exact path and getting something else would be silent garbage for a study.
      throw new BackendUnavailableError(`setBackend: accumulation 'float64' (exact sums) is the js backend's; '${choice}' gives gpujs (${gpu.mode}), which sums in float32: choose 'js' for float64 sums`);
    }
    next = gpu.mode === null ? createJsBackend(options.threads, { matmulKernel: options.matmulKernel, accumulation: options.accumulation }) : createGpujsBackend(gpu);
  }
  await next.ready?.();
  const previous = active;
  active = next;
  if (previous !== null) await previous.close();
  return next.info;
}

/** Closes the active backend (worker threads, gpu.js kernels); the next kernel call starts a fresh one. */
export async function closeBackend(): Promise<void> {
  const previous = active;
  active = null;
  if (previous !== null) await previous.close();
}

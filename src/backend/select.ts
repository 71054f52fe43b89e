/**
 * Which backend computes: chosen once, explicitly, never silently.
 *   setBackend('js' | 'gpujs' | 'auto')   the API (async: probing a WebGPU adapter is)
 *   SEEDGRAD_BACKEND=js|gpujs|auto        read by the CLI, and here when nothing was set
 *   --backend auto|js|gpujs               the CLI flag (src/cli)
 * `auto` is gpujs on a hardware WebGPU adapter, else js. Without setBackend, `auto` from
 * the environment means js (a synchronous start cannot probe an adapter), and gpujs
 * means gpu.js's webasm mode.
 */
import type { BackendInfo, KernelBackend } from './types.ts';
import { createJsBackend } from './js/index.ts';
import type { MatmulKernel } from './js/pool.ts';
import { createGpujsBackend, type GpujsOptions } from './gpujs/index.ts';
import { probeWebGPU } from './gpujs/webgpu-probe.ts';

export type BackendChoice = 'auto' | 'js' | 'gpujs';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'js', 'gpujs'];

export interface SetBackendOptions {
  /** Threads for the js backend (default: SEEDGRAD_THREADS, else the machine's cores). */
  readonly threads?: number;
  /** The js backend's float32 matmul loop (default: WebAssembly SIMD where the engine has it). */
  readonly matmulKernel?: MatmulKernel;
  /** Accept a software WebGPU adapter (llvmpipe, SwiftShader, a fallback adapter). */
  readonly allowSoftwareAdapter?: boolean;
  /** gpujs only: insist on WebGPU and fail rather than fall back to webasm. */
  readonly requireWebGPU?: boolean;
}

let active: KernelBackend | null = null;

export function parseBackendChoice(value: string, where: string): BackendChoice {
  if (!(BACKEND_CHOICES as readonly string[]).includes(value)) {
    throw new Error(`${where}: backend must be one of ${BACKEND_CHOICES.join(', ')}, got '${value}'`);
  }
  return value as BackendChoice;
}

function fromEnvironment(): KernelBackend {
  const value = process.env.SEEDGRAD_BACKEND;
  const choice = value === undefined || value === '' ? 'js' : parseBackendChoice(value, 'SEEDGRAD_BACKEND');
  return choice === 'gpujs' ? createGpujsBackend({ mode: 'webasm' }) : createJsBackend();
}

/** The backend kernels run on now. */
export function activeBackend(): KernelBackend {
  return (active ??= fromEnvironment());
}

/** The backend's name, gpu.js mode, adapter and threads, for manifests and logs. */
export function backendInfo(): BackendInfo {
  return activeBackend().info;
}

/** Chooses the backend (closing the previous one) and returns what was chosen. */
export async function setBackend(choice: BackendChoice = 'auto', options: SetBackendOptions = {}): Promise<BackendInfo> {
  parseBackendChoice(choice, 'setBackend');
  let next: KernelBackend;
  if (choice === 'js') {
    next = createJsBackend(options.threads, { matmulKernel: options.matmulKernel });
  } else {
    const probe = await probeWebGPU({ allowSoftwareAdapter: options.allowSoftwareAdapter ?? false });
    if (probe.adapter !== null) {
      const gpuOptions: GpujsOptions = { mode: 'webgpu', adapter: probe.adapter };
      next = createGpujsBackend(gpuOptions);
    } else if (choice === 'gpujs') {
      if (options.requireWebGPU) throw new Error(`setBackend: no usable WebGPU adapter: ${probe.reason}`);
      next = createGpujsBackend({ mode: 'webasm', why: probe.reason });
    } else {
      next = createJsBackend(options.threads, { matmulKernel: options.matmulKernel });
    }
  }
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

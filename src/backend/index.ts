/** The kernel backends and the choice between them. */
export type { BackendCounters, BackendInfo, BackendName, GpujsMode, KernelBackend, FloatArray } from './types.ts';
export { activeBackend, backendInfo, backendCounters, setBackend, closeBackend, parseBackendChoice, BACKEND_CHOICES, type BackendChoice, type SetBackendOptions } from './select.ts';
export { createJsBackend, type JsBackendOptions } from './js/index.ts';
export type { MatmulKernel, Accumulation } from './types.ts';
export { ACCUMULATIONS } from './types.ts';
export { defaultThreadCount, platformMaxThreads } from './js/pool-setup.ts';
export { createGpujsBackend, type GpujsOptions } from './gpujs/index.ts';
export { useGpujs, currentPlatform, type UseGpujsOptions } from './platform/current.ts';
export { BackendUnavailableError } from './errors.ts';
export type { GpujsModule, Platform, PlatformName } from './platform/types.ts';

/**
 * What the js backend's pool is set up with: how many threads (the machine's, within the
 * platform's limit, unless the caller says) and the WebAssembly memory its kernels share.
 * The library reads no environment variable: the CLI reads SEEDGRAD_THREADS and passes it.
 */
import { currentPlatform } from '../platform/current.ts';
import { HAS_SHARED_MEMORY } from '../shared-memory.ts';
import { WASM_MAX_PAGES } from './wasm-memory.ts';

const MAX_THREADS = 16;

/** The most threads the platform can run kernels on: 1 where it cannot start kernel threads. */
export function platformMaxThreads(): number {
  return currentPlatform().startKernelThread === null ? 1 : MAX_THREADS;
}

/** The default thread count: the machine's parallelism (at most 16; 1 where the platform has no kernel threads). */
export function defaultThreadCount(): number {
  return Math.max(1, Math.min(platformMaxThreads(), currentPlatform().parallelism()));
}

/**
 * The kernel's memory (1 page, up to 1 GiB reserved): shared where the engine allows it,
 * else unshared (one thread, and no arrays kept inside it, since growing an unshared
 * memory detaches every view of it). Null where the system refuses the reservation.
 */
export function reserveMemory(): { memory: WebAssembly.Memory; shared: boolean } | null {
  for (const shared of HAS_SHARED_MEMORY ? [true, false] : [false]) {
    try {
      return { memory: new WebAssembly.Memory({ initial: 1, maximum: WASM_MAX_PAGES, shared }), shared };
    } catch {
      // try the next kind
    }
  }
  return null;
}

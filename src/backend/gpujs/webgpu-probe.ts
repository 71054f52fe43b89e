/**
 * An explicit look for a hardware WebGPU adapter through Dawn (the pinned `webgpu`
 * package, an optional dependency), done once at start-up; adapter.ts judges what it finds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { judgeAdapter, type GpuLike, type ProbeOptions, type WebGPUProbe } from './adapter.ts';

export type { WebGPUProbe, ProbeOptions };

interface WebGPUModule {
  create(flags: string[]): GpuLike;
}

const probes = new Map<boolean, Promise<WebGPUProbe>>();

/** Probes once per process (and per allowSoftwareAdapter): Dawn's instance start is not free. */
export function probeWebGPU(options: ProbeOptions): Promise<WebGPUProbe> {
  let probe = probes.get(options.allowSoftwareAdapter);
  if (probe === undefined) probes.set(options.allowSoftwareAdapter, (probe = probeOnce(options)));
  return probe;
}

/**
 * Linux: whether the Vulkan loader Dawn dlopens is installed (in ld.so's cache or on
 * LD_LIBRARY_PATH). Without it Dawn can find no adapter, and only prints a warning.
 */
export function hasVulkanLoader(): boolean {
  if (process.platform !== 'linux') return true;
  const dirs = (process.env.LD_LIBRARY_PATH ?? '').split(':').filter((d) => d !== '');
  if (dirs.some((d) => existsSync(join(d, 'libvulkan.so.1')))) return true;
  try {
    return readFileSync('/etc/ld.so.cache').includes('libvulkan.so.1');
  } catch {
    return true; // no cache to read: let Dawn look for itself
  }
}

async function probeOnce(options: ProbeOptions): Promise<WebGPUProbe> {
  if (!hasVulkanLoader()) return { adapter: null, reason: 'no Vulkan loader (libvulkan.so.1) is installed, so Dawn can reach no GPU' };
  let mod: WebGPUModule;
  try {
    mod = (await import('webgpu')) as unknown as WebGPUModule;
  } catch (error) {
    return { adapter: null, reason: `the webgpu package did not load: ${(error as Error).message.split('\n')[0]}` };
  }
  return judgeAdapter(mod.create([]), options);
}

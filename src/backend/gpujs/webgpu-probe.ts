/**
 * An explicit look for a hardware WebGPU adapter through Dawn (the pinned `webgpu`
 * package), done once at start-up. gpu.js's own checks say yes with no GPU at all
 * (../shared/GPUJS.md §5, pitfall 6), so the engine asks Dawn itself and rejects
 * software adapters (llvmpipe, lavapipe, SwiftShader, a fallback adapter) unless asked.
 */
export interface WebGPUProbe {
  /** The adapter's vendor, architecture, device and description; null when none fits. */
  readonly adapter: string | null;
  /** Why there is no adapter (or 'ok'). */
  readonly reason: string;
}

export interface ProbeOptions {
  readonly allowSoftwareAdapter: boolean;
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|swiftshader|software/i;

interface AdapterInfoLike {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}
interface AdapterLike {
  readonly info?: AdapterInfoLike;
  readonly isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}
interface WebGPUModule {
  create(flags: string[]): GpuLike;
}

export function describeAdapter(info: AdapterInfoLike | undefined): string {
  if (info === undefined) return 'unknown adapter';
  return [info.vendor, info.architecture, info.device, info.description].filter((s) => s !== undefined && s !== '').join(' / ') || 'unnamed adapter';
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
  let adapter: AdapterLike | null;
  try {
    adapter = await mod.create([]).requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { adapter: null, reason: `requestAdapter failed: ${(error as Error).message.split('\n')[0]}` };
  }
  if (adapter === null) return { adapter: null, reason: 'Dawn found no WebGPU adapter (no Vulkan driver or GPU)' };
  const name = describeAdapter(adapter.info);
  const software = adapter.isFallbackAdapter === true || adapter.info?.isFallbackAdapter === true || SOFTWARE_ADAPTER.test(name);
  if (software && !options.allowSoftwareAdapter) return { adapter: null, reason: `only a software adapter (${name}); pass allowSoftwareAdapter to use it` };
  return { adapter: name, reason: 'ok' };
}

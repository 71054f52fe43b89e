/**
 * Judging a WebGPU adapter, wherever `navigator.gpu` comes from (Dawn in Node, the
 * browser's own): gpu.js's checks say yes with no GPU at all (docs/gpujs.md §5, pitfall 6),
 * so the engine asks for the adapter itself and rejects software adapters (llvmpipe,
 * lavapipe, SwiftShader, a fallback adapter) unless asked to accept them.
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
/** `navigator.gpu`, as much of it as the probe uses. */
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|swiftshader|software/i;

export function describeAdapter(info: AdapterInfoLike | undefined): string {
  if (info === undefined) return 'unknown adapter';
  return [info.vendor, info.architecture, info.device, info.description].filter((s) => s !== undefined && s !== '').join(' / ') || 'unnamed adapter';
}

/** Asks `gpu` for a high-performance adapter and says whether it fits. */
export async function judgeAdapter(gpu: GpuLike, options: ProbeOptions): Promise<WebGPUProbe> {
  let adapter: AdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { adapter: null, reason: `requestAdapter failed: ${(error as Error).message.split('\n')[0]}` };
  }
  if (adapter === null) return { adapter: null, reason: 'no WebGPU adapter (no driver or GPU)' };
  const name = describeAdapter(adapter.info);
  const software = adapter.isFallbackAdapter === true || adapter.info?.isFallbackAdapter === true || SOFTWARE_ADAPTER.test(name);
  if (software && !options.allowSoftwareAdapter) return { adapter: null, reason: `only a software adapter (${name}); pass allowSoftwareAdapter to use it` };
  return { adapter: name, reason: 'ok' };
}

/** Choosing the backend: explicit, recorded, and refusing what it cannot honour. */
import { afterAll, describe, expect, it } from 'vitest';
import { backendInfo, closeBackend, parseBackendChoice, setBackend } from '../../src/backend/select.ts';
import { probeWebGPU } from '../../src/backend/gpujs/webgpu-probe.ts';

afterAll(async () => {
  await setBackend('js');
});

describe('setBackend', () => {
  it('js: records the name and thread count', async () => {
    const info = await setBackend('js', { threads: 2 });
    expect(info).toEqual({ name: 'js', threads: 2, matmul: 'wasm-simd', accumulation: 'float32' });
    expect(backendInfo()).toEqual(info);
  });

  it('js: takes the exact path (float64 accumulation) when asked, and refuses an unknown one', async () => {
    expect(await setBackend('js', { threads: 1, accumulation: 'float64' })).toEqual({ name: 'js', threads: 1, matmul: 'wasm-simd', accumulation: 'float64' });
    await expect(setBackend('js', { accumulation: 'double' as never })).rejects.toThrow("js backend: accumulation must be 'float32' or 'float64', got 'double'");
    // gpujs sums in float32 only: the exact path is refused by name, float32 is what it does.
    await expect(setBackend('gpujs', { gpujsMode: 'webasm', accumulation: 'float64' })).rejects.toThrow("setBackend: accumulation 'float64' (exact sums) is the js backend's; 'gpujs' gives gpujs (webasm), which sums in float32: choose 'js' for float64 sums");
    expect((await setBackend('gpujs', { gpujsMode: 'webasm', accumulation: 'float32' })).mode).toBe('webasm');
  });

  it('gpujs without a hardware WebGPU adapter runs webasm, and says so; auto picks js there', async () => {
    const probe = await probeWebGPU({ allowSoftwareAdapter: false });
    const gpujs = await setBackend('gpujs');
    const auto = await setBackend('auto');
    if (probe.adapter === null) {
      expect(gpujs).toEqual({ name: 'gpujs', mode: 'webasm', threads: 1 });
      expect(auto.name).toBe('js');
      await expect(setBackend('gpujs', { requireWebGPU: true })).rejects.toThrow(/no usable WebGPU adapter/);
    } else {
      expect(gpujs).toMatchObject({ name: 'gpujs', mode: 'webgpu', adapter: probe.adapter });
      expect(auto).toMatchObject({ name: 'gpujs', mode: 'webgpu' });
    }
    await closeBackend();
  });

  it('rejects an unknown name, naming the choices', () => {
    expect(() => parseBackendChoice('cuda', 'SEEDGRAD_BACKEND')).toThrow("SEEDGRAD_BACKEND: backend must be one of auto, js, gpujs, got 'cuda'");
  });
});

/**
 * The platform seam: what the backend does where it cannot start threads or has no
 * shared memory (a browser page that is not cross-origin isolated), checked in Node by
 * installing the other platforms for a moment.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { currentPlatform, installPlatform, useGpujs } from '../../../src/backend/platform/current.ts';
import { nodePlatform } from '../../../src/backend/platform/node.ts';
import { browserPlatform } from '../../../src/backend/platform/browser.ts';
import { defaultThreadCount } from '../../../src/backend/js/pool-setup.ts';
import { JsBackend } from '../../../src/backend/js/index.ts';
import { ThreadPool } from '../../../src/backend/js/thread-pool.ts';
import { matmul, matmulInto, MatmulLoopScratch } from '../../../src/backend/js/kernels/matmul.ts';
import { kernelModule } from '../../../src/backend/js/wasm-module.ts';
import { WASM_MAX_PAGES, WasmMemory } from '../../../src/backend/js/wasm-memory.ts';
import type { KernelContext } from '../../../src/backend/js/context.ts';
import { setBackend } from '../../../src/backend/select.ts';
import { BackendUnavailableError } from '../../../src/backend/errors.ts';
import { randomFloats } from '../reference.ts';

afterEach(() => installPlatform(nodePlatform));

describe('platforms', () => {
  it('the test files run on the Node platform (test/setup/node-platform.ts)', () => {
    expect(currentPlatform().name).toBe('node');
  });

  it('without kernel threads: one thread by default, more refused in one line naming the platform', () => {
    installPlatform(browserPlatform);
    const previous = process.env.SEEDGRAD_THREADS;
    process.env.SEEDGRAD_THREADS = '2'; // the library reads no environment (the CLI does): ignored
    try {
      expect(defaultThreadCount()).toBe(1);
    } finally {
      if (previous === undefined) delete process.env.SEEDGRAD_THREADS;
      else process.env.SEEDGRAD_THREADS = previous;
    }
    expect(() => new JsBackend(2)).toThrow('js backend: threads must be an integer from 1 to 1 (the browser platform runs kernels on one thread), got 2');
    expect(new JsBackend(1).info.matmul).toBe('wasm-simd');
  });

  it('on Node too the library reads no environment: SEEDGRAD_THREADS is the CLI\'s (src/cli/backend-flag.ts)', () => {
    const previous = process.env.SEEDGRAD_THREADS;
    const expected = defaultThreadCount();
    process.env.SEEDGRAD_THREADS = expected === 1 ? '2' : '1';
    try {
      expect(defaultThreadCount()).toBe(expected);
    } finally {
      if (previous === undefined) delete process.env.SEEDGRAD_THREADS;
      else process.env.SEEDGRAD_THREADS = previous;
    }
  });

  it("the browser platform, with no worker host and no WebGL2 here, runs gpujs as webasm when asked and js for auto, and says why", async () => {
    installPlatform(browserPlatform);
    const why = "gpu.js's webgpu mode is asynchronous: it runs in a worker host, which needs the engine in a Web Worker of a cross-origin isolated page; this browser offers no WebGL2 context";
    await expect(browserPlatform.chooseGpujsMode({ choice: 'auto', allowSoftwareAdapter: false, requireGpu: false })).resolves.toEqual({ mode: null, why });
    await expect(browserPlatform.chooseGpujsMode({ choice: 'gpujs', allowSoftwareAdapter: false, requireGpu: false })).resolves.toEqual({ mode: 'webasm', why });
    await expect(browserPlatform.chooseGpujsMode({ choice: 'gpujs', allowSoftwareAdapter: false, requireGpu: true })).rejects.toThrow(BackendUnavailableError);
    await expect(browserPlatform.chooseGpujsMode({ choice: 'gpujs', allowSoftwareAdapter: false, requireGpu: false, mode: 'webgpu' })).rejects.toThrow(/webgpu mode is asynchronous: it runs in a worker host/);
    expect(browserPlatform.createGpujsWorkerHost).toBeNull();
  });

  it('gpu.js handed over with useGpujs is the one the gpujs backend runs, on a platform that cannot load it itself', async () => {
    installPlatform(browserPlatform);
    expect(() => browserPlatform.loadGpujs()).toThrow(/needs gpu\.js: import \* as gpujs from 'gpu\.js' and call useGpujs/);
    expect(() => useGpujs({} as never)).toThrow(/useGpujs: module must be the gpu\.js module/);
    useGpujs(nodePlatform.loadGpujs());
    const info = await setBackend('gpujs', { gpujsMode: 'webasm' });
    expect(info).toMatchObject({ name: 'gpujs', mode: 'webasm' });
    await setBackend('js');
  });

  it('setBackend names an unknown option or mode', async () => {
    await expect(setBackend('js', { thread: 2 } as never)).rejects.toThrow("setBackend: unknown option 'thread' (options: threads, matmulKernel, accumulation, allowSoftwareAdapter, requireWebGPU, gpujsMode)");
    await expect(setBackend('gpujs', { gpujsMode: 'cuda' } as never)).rejects.toThrow("setBackend: gpujsMode must be one of webasm, webgpu, webgl2, got 'cuda'");
    await expect(setBackend('gpujs', { gpujsMode: 'webgl2' })).rejects.toThrow(/webgl2 mode needs a browser/);
  });
});

describe('the WebAssembly kernels on an unshared memory (no SharedArrayBuffer)', () => {
  it('give the TypeScript loop bits and keep no array inside the memory (growing it would detach them)', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: WASM_MAX_PAGES });
    const module = kernelModule(false);
    expect(module).not.toBeNull();
    const wasm = new WasmMemory(module!, memory, false);
    expect(wasm.allocateResident(16)).toBeNull();
    for (const accumulation of ['float32', 'float64'] as const) {
      const ctx: KernelContext = { pool: new ThreadPool(1, wasm), wasm, minParallelWork: undefined, accumulation, wasmCalls: { adam: 0 }, matmul: () => {
        throw new Error('the module runs these products');
      } };
      for (const [m, k, n, seed] of [[7, 13, 5, 1], [64, 48, 33, 2], [300, 90, 70, 3]] as const) {
        const a = randomFloats(m * k, seed);
        const b = randomFloats(k * n, seed + 100);
        const viaWasm = new Float32Array(m * n);
        const viaLoop = new Float32Array(m * n);
        matmul(ctx, new MatmulLoopScratch(), a, b, viaWasm, m, k, n, false, false);
        matmulInto(a, b, viaLoop, m, k, n, false, false, accumulation === 'float32');
        expect(viaWasm).toEqual(viaLoop);
      }
    }
    expect(memory.buffer.byteLength).toBeGreaterThan(65536); // it grew for the calls: they ran in the module
    expect(() => new WebAssembly.Instance(kernelModule(true)!, { env: { memory } })).toThrow(); // a shared import refuses an unshared memory
  });
});

/**
 * The entry of Node's gpu.js host thread (worker-host.ts starts it through
 * platform/module-worker.ts): workerData at start, then one call per message. In webgpu
 * mode it gives gpu.js the `navigator.gpu` that Node 20 lacks (docs/gpujs.md §6.2.3), from
 * the pinned `webgpu` package.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { workerData, type MessagePort } from 'node:worker_threads';
import type { GpujsModule } from '../platform/types.ts';
import { HostThread, type HostCall, type HostThreadSetup } from './host-thread.ts';

const data = workerData as HostThreadSetup & { readonly port: MessagePort; readonly gpujsPath: string; readonly webgpuPath: string | null };
const require = createRequire(import.meta.url);

async function setUp(): Promise<HostThread> {
  const gpujs = require(data.gpujsPath) as GpujsModule;
  if (data.mode === 'webgpu') {
    const webgpu = (await import(pathToFileURL(data.webgpuPath!).href)) as { globals: object; create(options: string[]): unknown };
    Object.assign(globalThis, webgpu.globals);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: webgpu.create([]) }, configurable: true });
  }
  return new HostThread(data, gpujs, new gpujs.GPU({ mode: data.mode }), (text) => data.port.postMessage(text));
}

const ready = setUp();
data.port.on('message', async (message: HostCall) => {
  const host = await ready;
  await host.run(message);
});

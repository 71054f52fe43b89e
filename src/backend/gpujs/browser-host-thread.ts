/**
 * The entry of the browser's gpu.js host thread (a module Web Worker that
 * browser-worker-host.ts starts): its first message carries the setup and the URL of
 * gpu.js's browser bundle, whose UMD wrapper defines the global `GPU` when imported; it
 * answers { ready: true } once gpu.js is loaded, then every message is a call.
 */
import type { GpujsModule } from '../platform/types.ts';
import { HostThread, type HostCall, type HostThreadSetup } from './host-thread.ts';

let host: HostThread | null = null;

self.onmessage = async (event: MessageEvent<HostCall | (HostThreadSetup & { readonly scriptUrl: string })>) => {
  if (host !== null) return host.run(event.data as HostCall);
  const setup = event.data as HostThreadSetup & { readonly scriptUrl: string };
  try {
    await import(/* @vite-ignore */ setup.scriptUrl);
    const gpujs = (globalThis as unknown as { GPU: GpujsModule }).GPU;
    host = new HostThread(setup, gpujs, new gpujs.GPU({ mode: setup.mode }), (text) => postMessage({ failure: text }));
    postMessage({ ready: true });
  } catch (error) {
    postMessage({ ready: false, failure: `gpu.js did not load in its worker from ${setup.scriptUrl}: ${(error as Error | undefined)?.message ?? error}` });
  }
};

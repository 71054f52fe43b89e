/**
 * The entry of a browser kernel thread of the js backend (a module Web Worker that
 * browser.ts starts): its first message sets it up, each later one is a job. A browser's
 * worker is event-driven, so the engine must run in a Web Worker of a cross-origin
 * isolated page, where the calling thread may block while this one computes.
 */
import { KernelThreadRunner } from '../js/kernel-thread.ts';
import type { PostedJob } from '../js/thread-pool.ts';
import type { KernelThreadData } from './types.ts';

let runner: KernelThreadRunner | null = null;
const report = (text: string) => postMessage({ failure: text });

self.onmessage = (event: MessageEvent<KernelThreadData | PostedJob>) => {
  if (runner !== null) return runner.runJob(event.data as PostedJob, report);
  runner = new KernelThreadRunner(event.data as KernelThreadData);
  postMessage({ ready: true });
};

/**
 * The entry of a Node kernel thread of the js backend (started by node.ts through
 * module-worker.ts): workerData at start, 'ready' to its parent once set up, then jobs on
 * its port; it polls [SEQ] briefly, then sleeps on it, and takes the newest job from its port
 * synchronously.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { KernelThreadRunner } from '../js/kernel-thread.ts';
import { SEQ, SPIN_POLLS } from '../js/control-words.ts';
import type { PostedJob } from '../js/thread-pool.ts';
import type { KernelThreadData } from './types.ts';

const data = workerData as KernelThreadData & { readonly port: MessagePort };
const runner = new KernelThreadRunner(data);
const report = (text: string) => data.port.postMessage(text);
parentPort!.postMessage('ready');
let seen = 0;
for (;;) {
  for (let poll = 0; poll < SPIN_POLLS && Atomics.load(runner.control, SEQ) === seen; poll++);
  Atomics.wait(runner.control, SEQ, seen);
  let job: PostedJob | null = null;
  for (let message = receiveMessageOnPort(data.port); message !== undefined; message = receiveMessageOnPort(data.port)) job = message.message as PostedJob;
  if (job === null) continue;
  seen = job.seq;
  runner.runJob(job, report);
}

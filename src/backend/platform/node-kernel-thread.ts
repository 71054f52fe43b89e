/**
 * The entry of a Node kernel thread of the js backend (started by node.ts through
 * module-worker.ts): workerData at start, 'ready' to its parent once set up, then jobs: it
 * polls [SEQ] briefly, then sleeps on it, and takes the newest job, from the pool's job
 * slot (js/job-slot.ts) or from its port, whichever is newer.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { KernelThreadRunner } from '../js/kernel-thread.ts';
import { JobSlot } from '../js/job-slot.ts';
import { SEQ, SEQ_SLEEPERS, SPIN_POLLS } from '../js/control-words.ts';
import type { PostedJob } from '../js/thread-pool.ts';
import type { KernelThreadData } from './types.ts';

const data = workerData as KernelThreadData & { readonly port: MessagePort };
const runner = new KernelThreadRunner(data);
const slot = new JobSlot(data.jobSlot);
const report = (text: string) => data.port.postMessage(text);
parentPort!.postMessage('ready');
let seen = 0;
for (;;) {
  for (let poll = 0; poll < SPIN_POLLS && Atomics.load(runner.control, SEQ) === seen; poll++);
  Atomics.add(runner.control, SEQ_SLEEPERS, 1);
  Atomics.wait(runner.control, SEQ, seen);
  Atomics.sub(runner.control, SEQ_SLEEPERS, 1);
  seen = Atomics.load(runner.control, SEQ);
  let job: PostedJob | null = null;
  for (let message = receiveMessageOnPort(data.port); message !== undefined; message = receiveMessageOnPort(data.port)) job = message.message as PostedJob;
  // null while the pool writes a newer job there: then job `seen` is done, and the newer one's [SEQ] wakes this thread again.
  const inSlot = slot.read();
  if (inSlot !== null && (job === null || inSlot.seq > job.seq)) job = inSlot;
  if (job !== null) runner.runJob(job, report);
}

/**
 * The words the js backend's threads share to split a job (one SharedArrayBuffer, held by
 * thread-pool.ts, read by kernel-thread.ts), and how a chunk is claimed.
 *
 * Protocol (control words in one SharedArrayBuffer, see thread-pool.ts):
 *   [SEQ]   job number; Node's threads sleep on it with Atomics.wait
 *   [CLAIM] (job tag << 16) | next chunk; a chunk is claimed with compareExchange, so a
 *           thread that wakes late for an old job can never claim a chunk of a new one
 *   [DONE]  chunks finished; the calling thread sleeps on it until all are done
 *   [FAIL]  set when a thread hit an exception (its message follows on its port)
 *   [WORKER_CHUNKS] chunks computed by kernel threads, a running count
 *   [SEQ_SLEEPERS], [DONE_SLEEPERS] threads asleep (or about to sleep) on [SEQ], on [DONE]:
 *           a thread adds 1 before Atomics.wait and takes it back after; the other side
 *           calls Atomics.notify (8.5 µs a job on average where it was always called)
 *           only when it is above 0. With sequentially consistent atomics no sleeper is
 *           missed: either the storer's load of the count follows the sleeper's add, or
 *           the sleeper's wait follows the store, sees the new value and does not sleep.
 */
export const SEQ = 0;
export const CLAIM = 1;
export const DONE = 2;
export const FAIL = 3;
/** Chunks the kernel threads (not the calling thread) have computed, ever: the tests check that they take part. */
export const WORKER_CHUNKS = 4;
export const SEQ_SLEEPERS = 5;
export const DONE_SLEEPERS = 6;
export const CONTROL_WORDS = 7;

/**
 * Polls of a control word before a thread sleeps on it (Atomics.wait): a step's jobs come
 * tens of microseconds apart and a sleeping thread takes about as long to wake, so a
 * thread spins for roughly that long first (a few tens of microseconds of one core).
 */
export const SPIN_POLLS = 20_000;

/** Takes the next chunk of the job tagged `tag`, or −1 when none is left (or a newer job has begun). */
export function claimChunk(control: Int32Array, tag: number, chunks: number): number {
  for (;;) {
    const v = Atomics.load(control, CLAIM);
    if (v >>> 16 !== tag || (v & 0xffff) >= chunks) return -1;
    if (Atomics.compareExchange(control, CLAIM, v, v + 1) === v) return v & 0xffff;
  }
}

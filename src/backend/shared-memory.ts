/** Memory the js backend's kernel threads can share, where the engine has it (a browser page only when cross-origin isolated). */

export const HAS_SHARED_MEMORY = typeof SharedArrayBuffer === 'function';

/** A SharedArrayBuffer where the engine has them, else an ordinary ArrayBuffer (one thread then). */
export function sharedBuffer(bytes: number): ArrayBufferLike {
  return HAS_SHARED_MEMORY ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** Whether `buffer` can be handed to kernel threads. */
export function isSharedBuffer(buffer: ArrayBufferLike): boolean {
  return HAS_SHARED_MEMORY && buffer instanceof SharedArrayBuffer;
}

/**
 * A buffer arena for a loop that makes the same tensors again and again (a training
 * step): while an arena is active, `allocate` hands out its buffers in call order, and
 * `reset()` rewinds so the next pass reuses them. A pass that asks for the same sizes in
 * the same order allocates nothing; a slot whose size or dtype changes (the last, smaller
 * batch of an epoch) gets a new buffer, and the one it replaces goes back to the backend at
 * once (it served an earlier pass). The active backend places the buffers as it does
 * parameters (KernelBackend.allocateParameter): the js backend puts float32 ones inside its
 * WebAssembly memory, where its kernels read and write them in place, with no copies in or
 * out, and the others in SharedArrayBuffers, where its worker threads reach them. They go
 * back to the backend on `release()`, or when the arena is garbage-collected.
 *
 * Only code that drops every tensor of a pass before `reset()` may use an arena: a
 * tensor kept past it would be overwritten by the next pass. So each pass has a
 * generation number, a tensor made on an arena's buffer remembers the pass it was made
 * in, and reading its data in a later pass throws (src/tensor/tensor.ts).
 */
import type { Dtype, FloatArray } from './dtype.ts';
import { parameterArray, releaseParameterArray } from './parameter.ts';
import { activeBackend } from '../backend/select.ts';

/** Gives an arena's buffers back to the backend that placed them once nothing can reach the arena (nor, so, its tensors). */
const releaseWhenCollected = new FinalizationRegistry<FloatArray[]>((buffers) => {
  for (const buffer of buffers) releaseParameterArray(buffer);
});

export class BufferArena {
  private readonly slots: FloatArray[] = [];
  /** Every buffer the backend placed for this arena and not yet given back, to give back when it is collected. */
  private readonly placed: FloatArray[] = [];
  /** Whether releaseWhenCollected holds this arena (from its first buffer to release()). */
  private registered = false;
  /** Every buffer this arena has handed out, current or replaced. */
  private readonly handedOut = new WeakSet<FloatArray>();
  private cursor = 0;
  /** Buffers created (not reused) since the arena was made: 0 per pass once warm. */
  created = 0;
  /** Passes begun (resets): a tensor made on this arena's buffers is stale once the next pass begins. */
  generation = 0;

  /** Whether `data` is one of this arena's buffers. */
  holds(data: FloatArray): boolean {
    return this.handedOut.has(data);
  }

  take(dtype: Dtype, length: number, zero: boolean): FloatArray {
    const slot = this.slots[this.cursor];
    const fits = slot !== undefined && slot.length === length && (dtype === 'float64') === slot instanceof Float64Array;
    let buffer: FloatArray;
    if (fits) {
      buffer = slot;
      if (zero && activeBackend().zero?.(buffer) !== true) buffer.fill(0);
    } else {
      // The slot's old buffer served an earlier pass, whose tensors may no longer be read.
      if (slot !== undefined) this.giveBack(slot);
      buffer = parameterArray(dtype, length); // zeroed
      if (!this.registered) releaseWhenCollected.register(this, this.placed, this);
      this.registered = true;
      this.placed.push(buffer);
      this.slots[this.cursor] = buffer;
      this.handedOut.add(buffer);
      this.created++;
    }
    this.cursor++;
    return buffer;
  }

  /**
   * Gives every buffer back to the backend now (a run that ends: its memory serves the
   * next); the arena starts empty. Only when no tensor of its passes will be read again.
   */
  release(): void {
    releaseWhenCollected.unregister(this);
    this.registered = false;
    for (const buffer of this.placed.splice(0)) releaseParameterArray(buffer);
    this.slots.length = 0;
    this.cursor = 0;
    this.generation++;
  }

  private giveBack(buffer: FloatArray): void {
    const at = this.placed.indexOf(buffer);
    if (at >= 0) this.placed.splice(at, 1);
    releaseParameterArray(buffer);
  }

  reset(): void {
    this.cursor = 0;
    this.generation++;
  }
}

let active: BufferArena | null = null;

export function activeArena(): BufferArena | null {
  return active;
}

/** Runs `fn` with `arena` serving every `allocate`; the arena is rewound first. */
export function withArena<T>(arena: BufferArena, fn: () => T): T {
  const previous = active;
  arena.reset();
  active = arena;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/**
 * The ops' dropout mask (src/tensor/keep-mask.ts): in an arena under the js backend the
 * backend draws it (in its memory, split on two threads), elsewhere random.ts does; the
 * cells and the stream after them are the same either way.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { keepMask } from '../../src/tensor/keep-mask.ts';
import { BufferArena, withArena } from '../../src/tensor/arena.ts';
import { activeBackend, closeBackend, setBackend } from '../../src/backend/index.ts';
import type { JsBackend } from '../../src/backend/js/index.ts';
import { createRng } from '../../src/random.ts';

afterAll(() => closeBackend());

describe('keepMask', () => {
  it.each([1, 2])('on %s thread(s), in an arena: drawn by the backend, the same cells and stream as random.ts alone', async (threads) => {
    await setBackend('js', { threads });
    const js = activeBackend() as JsBackend;
    const arena = new BufferArena();
    const [viaBackend, alone] = [createRng(3).fork('dropout'), createRng(3).fork('dropout')];
    const splitBefore = js.counters().splitCalls;
    for (const length of [2048 * 64, 2048 * 32, 100]) {
      const mask = withArena(arena, () => keepMask(viaBackend, 'float32', length, 0.4, 1 / 0.6));
      expect(js.isResident(mask)).toBe(true);
      expect(Array.from(mask)).toEqual(Array.from(alone.fillKeepMask(new Float32Array(length), 0.4, 1 / 0.6)));
    }
    expect(viaBackend.state()).toEqual(alone.state());
    // The two large masks split on two threads (PARALLEL_MIN_DRAWS), none on one.
    expect(js.counters().splitCalls - splitBefore).toBe(threads === 2 ? 2 : 0);
    arena.release();
  });

  it('leaves float64 masks and masks outside an arena to random.ts', async () => {
    await setBackend('js', { threads: 2 });
    const [a, b] = [createRng(5), createRng(5)];
    const f64 = withArena(new BufferArena(), () => keepMask(a, 'float64', 5000, 0.25, 2));
    expect(f64).toBeInstanceOf(Float64Array);
    expect(Array.from(f64)).toEqual(Array.from(b.fillKeepMask(new Float64Array(5000), 0.25, 2)));
    const plain = keepMask(a, 'float32', 5000, 0.25, 2);
    expect(Array.from(plain)).toEqual(Array.from(b.fillKeepMask(new Float32Array(5000), 0.25, 2)));
    expect(a.state()).toEqual(b.state());
  });
});

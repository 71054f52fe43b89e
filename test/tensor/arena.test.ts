import { describe, expect, it } from 'vitest';
import { BufferArena, withArena } from '../../src/tensor/arena.ts';
import { allocate, allocateUninitialized } from '../../src/tensor/dtype.ts';
import { tensor, zeros } from '../../src/tensor/create.ts';
import { mul } from '../../src/autograd/index.ts';
import { activeBackend, setBackend } from '../../src/backend/index.ts';
import { JsBackend } from '../../src/backend/js/index.ts';

describe('BufferArena', () => {
  it('hands out the same buffers on every pass that asks for the same sizes', () => {
    const arena = new BufferArena();
    const pass = () => withArena(arena, () => [allocate('float32', 10), allocateUninitialized('float64', 3)]);
    const first = pass();
    const second = pass();
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(arena.created).toBe(2);
    expect(first[0].buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('zeroes what allocate hands out again, replaces a slot whose size changes', () => {
    const arena = new BufferArena();
    withArena(arena, () => allocate('float32', 4).fill(7));
    const again = withArena(arena, () => allocate('float32', 4));
    expect([...again]).toEqual([0, 0, 0, 0]);
    const resized = withArena(arena, () => allocate('float32', 5));
    expect(resized.length).toBe(5);
    expect(arena.created).toBe(2);
  });

  it('takes its float32 buffers from the js backend\'s memory (its kernels work on them in place) and gives them back on release', async () => {
    await setBackend('js', { threads: 1 });
    const js = activeBackend() as JsBackend;
    const arena = new BufferArena();
    const [f32, f64] = withArena(arena, () => [allocate('float32', 6), allocate('float64', 6)]);
    expect(js.isResident(f32)).toBe(true);
    expect(js.isResident(f64)).toBe(false);
    expect(f64.buffer).toBeInstanceOf(SharedArrayBuffer);
    arena.release();
    expect(js.isResident(f32)).toBe(false); // given back: the memory may hand it out again
    const fresh = withArena(arena, () => allocate('float32', 6));
    expect(js.isResident(fresh)).toBe(true);
    expect([...fresh]).toEqual([0, 0, 0, 0, 0, 0]);
    arena.release();
  });

  it('gives a replaced buffer back at once: a slot whose size keeps changing holds one buffer, not one per change', async () => {
    await setBackend('js', { threads: 1 });
    const js = activeBackend() as JsBackend;
    const arena = new BufferArena();
    const first = withArena(arena, () => allocate('float32', 8));
    const second = withArena(arena, () => allocate('float32', 12));
    expect(js.isResident(first)).toBe(false); // replaced, so given back
    expect(js.isResident(second)).toBe(true);
    let latest = second;
    for (let pass = 0; pass < 20; pass++) latest = withArena(arena, () => allocate('float32', pass % 2 === 0 ? 8 : 12));
    expect(js.isResident(second)).toBe(false);
    expect(js.isResident(latest)).toBe(true);
    expect(arena.created).toBe(22);
    arena.release();
    expect(js.isResident(latest)).toBe(false);
  });

  it('is active only inside withArena', () => {
    const arena = new BufferArena();
    withArena(arena, () => undefined);
    expect(allocate('float32', 3).buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });

  it('makes a tensor kept past its pass throw when read, naming it; tensors outside the arena are unaffected', () => {
    const arena = new BufferArena();
    const outside = tensor([1, 2, 3]);
    const kept = withArena(arena, () => {
      const t = mul(zeros([2, 2], { name: 'h' }), 2);
      t.name = 'h';
      expect(t.data.length).toBe(4); // readable in its own pass
      return t;
    });
    expect(kept.data.length).toBe(4); // and after it, until the next pass begins
    withArena(arena, () => mul(zeros([2, 2]), 3));
    expect(() => kept.data).toThrow(/^tensor 'h' of shape \[2, 2\] was made inside withArena and its buffer has been reused 1 pass\(es\) later/);
    expect([...outside.data]).toEqual([1, 2, 3]);
  });
});

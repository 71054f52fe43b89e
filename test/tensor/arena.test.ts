import { describe, expect, it } from 'vitest';
import { BufferArena, withArena } from '../../src/tensor/arena.ts';
import { allocate, allocateUninitialized } from '../../src/tensor/dtype.ts';

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

  it('is active only inside withArena', () => {
    const arena = new BufferArena();
    withArena(arena, () => undefined);
    expect(allocate('float32', 3).buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });
});

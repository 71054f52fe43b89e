/** The WebAssembly writer's integer encodings, against values worked from the LEB128 definition (Core spec §5.2.2). */
import { describe, expect, it } from 'vitest';
import { FunctionBuilder, I32, encodeModule, sleb, uleb } from '../../../src/backend/js/wasm-writer.ts';

describe('LEB128', () => {
  it('encodes unsigned integers 7 bits at a time, low group first', () => {
    expect(uleb(0)).toEqual([0x00]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    // 624485 = 0b100110_0001110_1100101 → e5 8e 26
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(uleb(0xffffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
  });

  it('encodes signed integers with the sign in bit 6 of the last byte', () => {
    expect(sleb(0)).toEqual([0x00]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(-64)).toEqual([0x40]);
    expect(sleb(-65)).toEqual([0xbf, 0x7f]);
    // -123456 → c0 bb 78
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });
});

describe('encodeModule', () => {
  it('writes a module the engine validates and runs: a loop widening float32 to float64', () => {
    // widen(src, dst, n): dst[i] = f64(src[i]) for i < n (byte addresses, n >= 1).
    const f = new FunctionBuilder([I32, I32, I32]);
    const [src, dst, n] = [0, 1, 2];
    const i = f.local(I32);
    f.i32(0).set(i);
    f.loop(() => {
      f.get(dst).get(i).i32(8).i32Mul().i32Add();
      f.get(src).get(i).i32(4).i32Mul().i32Add().f32LoadAsF64();
      f.f64Store();
      f.get(i).i32(1).i32Add().tee(i).get(n).i32LtS().brIf(0);
    });
    const bytes = encodeModule([{ name: 'widen', body: f }], { minPages: 1, maxPages: 2 });
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const { widen } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as { widen(src: number, dst: number, n: number): void };
    const values = [1.5, -0.1, 3e38, Number.MIN_VALUE, 7];
    new Float32Array(memory.buffer, 0, 5).set(values);
    widen(0, 64, 5);
    expect([...new Float64Array(memory.buffer, 64, 6)]).toEqual([...values.map(Math.fround), 0]);
  });
});

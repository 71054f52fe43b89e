/** The WebAssembly writer's integer encodings, against values worked from the LEB128 definition (Core spec §5.2.2). */
import { describe, expect, it } from 'vitest';
import { I32, defineFunction, encodeModule, sleb, uleb } from '../../../src/backend/js/wasm-writer.ts';
import { functionText } from '../../../src/backend/js/wasm-text.ts';

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
    const widen = defineFunction('widen', { src: I32, dst: I32, n: I32 }, (f, { src, dst, n }) => {
      const i = f.local(I32, 'i');
      f.i32(0).set(i);
      f.loop(() => {
        f.get(dst).get(i).i32(8).i32Mul().i32Add();
        f.get(src).get(i).i32(4).i32Mul().i32Add().f32LoadAsF64();
        f.f64Store();
        f.get(i).i32(1).i32Add().tee(i).get(n).i32LtS().brIf(0);
      });
    });
    const bytes = encodeModule([widen], { minPages: 1, maxPages: 2 });
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as { widen(src: number, dst: number, n: number): void };
    const values = [1.5, -0.1, 3e38, Number.MIN_VALUE, 7];
    new Float32Array(memory.buffer, 0, 5).set(values);
    exports.widen(0, 64, 5);
    expect([...new Float64Array(memory.buffer, 64, 6)]).toEqual([...values.map(Math.fround), 0]);
    // Its text, as the WebAssembly text format writes these instructions (Core spec §6.5).
    expect(functionText(widen)).toBe(
      [
        '(func $widen (export "widen") (param $src i32) (param $dst i32) (param $n i32)',
        '  (local $i i32)',
        '  i32.const 0', '  local.set $i', '  loop',
        '    local.get $dst', '    local.get $i', '    i32.const 8', '    i32.mul', '    i32.add',
        '    local.get $src', '    local.get $i', '    i32.const 4', '    i32.mul', '    i32.add', '    f32.load', '    f64.promote_f32',
        '    f64.store',
        '    local.get $i', '    i32.const 1', '    i32.add', '    local.tee $i', '    local.get $n', '    i32.lt_s', '    br_if 0',
        '  end',
        ')',
      ].join('\n'),
    );
  });

  it('appends a name section naming the function, its parameters and its locals when asked', () => {
    const f = defineFunction('id', { x: I32 }, (b, { x }) => {
      const y = b.local(I32, 'y');
      b.get(x).set(y);
    });
    const plain = encodeModule([f], { minPages: 1, maxPages: 1 });
    const named = encodeModule([f], { minPages: 1, maxPages: 1 }, { names: true });
    expect(named.subarray(0, plain.length)).toEqual(plain);
    // id 0, size 23: "name" (5 bytes); subsection 1, size 5: 1 function, index 0, "id";
    // subsection 2, size 9: 1 function, index 0, 2 names: 0 "x", 1 "y".
    const section = [0, 23, 4, 0x6e, 0x61, 0x6d, 0x65, 1, 5, 1, 0, 2, 0x69, 0x64, 2, 9, 1, 0, 2, 0, 1, 0x78, 1, 1, 0x79];
    expect([...named.subarray(plain.length)]).toEqual(section);
    expect(WebAssembly.Module.customSections(new WebAssembly.Module(named), 'name')).toHaveLength(1);
  });
});

/**
 * A minimal writer of WebAssembly binary modules (WebAssembly Core Specification 2.0, §5
 * "Binary Format", with the fixed-width SIMD instructions of §5.4.8): just enough to emit
 * the js backend's kernels from TypeScript at start-up, so no compiled binary and no
 * toolchain is part of the project. Each kernel is written against `FunctionBuilder`,
 * one instruction per method call; `WebAssembly.validate` checks the result.
 */

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F64 | typeof V128;

/** Unsigned LEB128 (§5.2.2). */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (§5.2.2). */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

/** The body of one function: its locals, then its instructions in order. */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly localTypes: ValueType[] = [];

  constructor(readonly params: readonly ValueType[]) {}

  /** A new local of the given type; returns its index. */
  local(type: ValueType): number {
    this.localTypes.push(type);
    return this.params.length + this.localTypes.length - 1;
  }

  get(index: number): this { return this.emit(0x20, ...uleb(index)); }
  set(index: number): this { return this.emit(0x21, ...uleb(index)); }
  tee(index: number): this { return this.emit(0x22, ...uleb(index)); }
  i32(value: number): this { return this.emit(0x41, ...sleb(value)); }
  f64Zero(): this { return this.emit(0x44, 0, 0, 0, 0, 0, 0, 0, 0); }
  f64Const(value: number): this { return this.emit(0x44, ...new Uint8Array(new Float64Array([value]).buffer)); }
  f64Sub(): this { return this.emit(0xa1); }
  f64Neg(): this { return this.emit(0x9a); }
  /** f64x2.splat of the f64 on the stack. */
  f64x2Splat(): this { return this.emit(0xfd, ...uleb(0x14)); }
  /** f32.const then f32x4.splat: `value` (rounded to float32) in all four lanes. */
  f32x4Splat(value: number): this {
    const bytes = new Uint8Array(new Float32Array([value]).buffer);
    return this.emit(0x43, ...bytes, 0xfd, ...uleb(0x13));
  }
  i32Add(): this { return this.emit(0x6a); }
  i32Sub(): this { return this.emit(0x6b); }
  i32Mul(): this { return this.emit(0x6c); }
  i32LtS(): this { return this.emit(0x48); }
  i32LtU(): this { return this.emit(0x49); }
  i32Eq(): this { return this.emit(0x46); }
  i32And(): this { return this.emit(0x71); }
  /** f32.load at address + offset, widened exactly to f64 (f64.promote_f32). */
  f32LoadAsF64(offset = 0): this { return this.emit(0x2a, 2, ...uleb(offset), 0xbb); }
  f64Store(offset = 0): this { return this.emit(0x39, 3, ...uleb(offset)); }

  v128Zero(): this { return this.emit(0xfd, ...uleb(0x0c), ...new Array<number>(16).fill(0)); }
  v128Load(offset = 0): this { return this.simd(0x00, 4, offset); }
  /** One f64 at address + offset, in both lanes. */
  v128Load64Splat(offset = 0): this { return this.simd(0x0a, 3, offset); }
  f64x2Add(): this { return this.emit(0xfd, ...uleb(0xf0)); }
  f64x2Mul(): this { return this.emit(0xfd, ...uleb(0xf2)); }
  f64x2Sub(): this { return this.emit(0xfd, ...uleb(0xf1)); }
  f64x2Div(): this { return this.emit(0xfd, ...uleb(0xf3)); }
  f64x2Sqrt(): this { return this.emit(0xfd, ...uleb(0xef)); }

  /** Two f32 at address + offset into lanes 0–1, lanes 2–3 zero. */
  v128Load64Zero(offset = 0): this { return this.simd(0x5d, 3, offset); }
  /** f32 lanes 0–1 widened exactly to two f64 lanes. */
  f64x2PromoteLowF32x4(): this { return this.emit(0xfd, ...uleb(0x5f)); }
  v128Store(offset = 0): this { return this.simd(0x0b, 4, offset); }
  f32x4Add(): this { return this.emit(0xfd, ...uleb(0xe4)); }
  f32x4Mul(): this { return this.emit(0xfd, ...uleb(0xe6)); }
  /** Per f32 lane: all ones where a > b (false for NaN), else zero. */
  f32x4Gt(): this { return this.emit(0xfd, ...uleb(0x44)); }
  /** Per f32 lane: all ones where a != b (true for NaN), else zero. */
  f32x4Ne(): this { return this.emit(0xfd, ...uleb(0x42)); }
  /** (a & c) | (b & ~c) for operands a, b, c. */
  v128Bitselect(): this { return this.emit(0xfd, ...uleb(0x52)); }
  /** Per f32 lane: all ones where a <= b (false for NaN), else zero. */
  f32x4Le(): this { return this.emit(0xfd, ...uleb(0x45)); }
  /** a & ~b. */
  v128AndNot(): this { return this.emit(0xfd, ...uleb(0x4f)); }
  /** Both f64 lanes rounded to f32 into lanes 0–1, lanes 2–3 zero. */
  f32x4DemoteF64x2Zero(): this { return this.emit(0xfd, ...uleb(0x5e)); }
  /** Stores lane `lane` of an i64x2 view (here: two f32 values) at address + offset. */
  v128Store64Lane(offset: number, lane: number): this { return this.emit(0xfd, ...uleb(0x5b), 3, ...uleb(offset), lane); }

  /** `loop` … `end` with an empty block type; inside, `brIf(0)` jumps back to the top. */
  loop(body: () => void): this {
    this.emit(0x03, 0x40);
    body();
    return this.emit(0x0b);
  }

  /** `if` … `else` … `end` on the i32 on the stack, with an empty block type. */
  ifElse(then: () => void, otherwise?: () => void): this {
    this.emit(0x04, 0x40);
    then();
    if (otherwise !== undefined) {
      this.emit(0x05);
      otherwise();
    }
    return this.emit(0x0b);
  }

  brIf(depth: number): this { return this.emit(0x0d, ...uleb(depth)); }

  /** The code section's entry: size, locals (run-length grouped), instructions, end. */
  encode(): number[] {
    const groups: [number, ValueType][] = [];
    for (const type of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[1] === type) last[0]++;
      else groups.push([1, type]);
    }
    const body = [...vector(groups.map(([count, type]) => [...uleb(count), type])), ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }

  private simd(opcode: number, alignLog2: number, offset: number): this {
    return this.emit(0xfd, ...uleb(opcode), alignLog2, ...uleb(offset));
  }

  private emit(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }
}

export interface ExportedFunction {
  readonly name: string;
  readonly body: FunctionBuilder;
}

/**
 * A module that imports one memory as `env.memory` (with the given page limits, shared
 * unless asked otherwise) and exports functions of type (params) → (), in the order given.
 */
export function encodeModule(functions: readonly ExportedFunction[], memory: { minPages: number; maxPages: number; shared?: boolean }): Uint8Array<ArrayBuffer> {
  const types = section(1, vector(functions.map((f) => [0x60, ...vector(f.body.params.map((t) => [t])), 0])));
  // Import kind 0x02 = memory; limits flag 0x03 = shared, with a maximum (threads proposal); 0x01 = unshared, with a maximum.
  const limits = memory.shared === false ? 0x01 : 0x03;
  const imports = section(2, vector([[...name('env'), ...name('memory'), 0x02, limits, ...uleb(memory.minPages), ...uleb(memory.maxPages)]]));
  const declarations = section(3, vector(functions.map((_, i) => uleb(i))));
  const exports = section(7, vector(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])));
  const code = section(10, vector(functions.map((f) => f.body.encode())));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...declarations, ...exports, ...code]);
}

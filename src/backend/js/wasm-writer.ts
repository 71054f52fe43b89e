/**
 * A minimal writer of WebAssembly binary modules (WebAssembly Core Specification 2.0, §5
 * "Binary Format", with the fixed-width SIMD instructions of §5.4.8): just enough to emit
 * the js backend's kernels from TypeScript at start-up, so no compiled binary and no
 * toolchain is part of the project. A kernel is a `defineFunction` with named parameters;
 * its body gets them, and the locals it declares, as value handles, and writes one
 * instruction per method call. Each call also records the instruction's text form, so a
 * function can be read back as WAT (wasm-text.ts); `WebAssembly.validate` checks the bytes.
 */

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof I64 | typeof F32 | typeof F64 | typeof V128;

/** A parameter or local of a function: its index, type and name (for the name section and the text). */
export interface Value {
  readonly index: number;
  readonly type: ValueType;
  readonly name: string;
}

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

const offsetText = (offset: number) => (offset === 0 ? '' : ` offset=${offset}`);

/** The body of one function: its locals, then its instructions in order (bytes, and their text a line each). */
export class FunctionBuilder {
  readonly code: number[] = [];
  /** The instructions as WAT text, indented by block depth. */
  readonly text: string[] = [];
  readonly locals: Value[] = [];
  private depth = 1;

  constructor(readonly params: readonly Value[]) {}

  /** A new local of the given type, named for the text and the name section. */
  local(type: ValueType, name: string): Value {
    const value = { index: this.params.length + this.locals.length, type, name };
    this.locals.push(value);
    return value;
  }

  get(value: Value): this { return this.op(`local.get $${value.name}`, 0x20, ...uleb(value.index)); }
  set(value: Value): this { return this.op(`local.set $${value.name}`, 0x21, ...uleb(value.index)); }
  tee(value: Value): this { return this.op(`local.tee $${value.name}`, 0x22, ...uleb(value.index)); }
  i32(value: number): this { return this.op(`i32.const ${value}`, 0x41, ...sleb(value)); }
  f64Zero(): this { return this.op('f64.const 0', 0x44, 0, 0, 0, 0, 0, 0, 0, 0); }
  f64Const(value: number): this { return this.op(`f64.const ${value}`, 0x44, ...new Uint8Array(new Float64Array([value]).buffer)); }
  f64Sub(): this { return this.op('f64.sub', 0xa1); }
  f64Neg(): this { return this.op('f64.neg', 0x9a); }
  /** f64x2.splat of the f64 on the stack. */
  f64x2Splat(): this { return this.op('f64x2.splat', 0xfd, ...uleb(0x14)); }
  /** f32.const then f32x4.splat: `value` (rounded to float32) in all four lanes. */
  f32x4Splat(value: number): this {
    this.op(`f32.const ${Number.isNaN(value) ? 'nan' : value}`, 0x43, ...new Uint8Array(new Float32Array([value]).buffer));
    return this.op('f32x4.splat', 0xfd, ...uleb(0x13));
  }
  i32Add(): this { return this.op('i32.add', 0x6a); }
  i32Sub(): this { return this.op('i32.sub', 0x6b); }
  i32Mul(): this { return this.op('i32.mul', 0x6c); }
  i32LtS(): this { return this.op('i32.lt_s', 0x48); }
  i32LtU(): this { return this.op('i32.lt_u', 0x49); }
  i32Eq(): this { return this.op('i32.eq', 0x46); }
  i32And(): this { return this.op('i32.and', 0x71); }
  /** f32.load at address + offset, widened exactly to f64 (f64.promote_f32). */
  f32LoadAsF64(offset = 0): this {
    this.op(`f32.load${offsetText(offset)}`, 0x2a, 2, ...uleb(offset));
    return this.op('f64.promote_f32', 0xbb);
  }
  f64Store(offset = 0): this { return this.op(`f64.store${offsetText(offset)}`, 0x39, 3, ...uleb(offset)); }
  i32Load(offset = 0): this { return this.op(`i32.load${offsetText(offset)}`, 0x28, 2, ...uleb(offset)); }
  i32Store(offset = 0): this { return this.op(`i32.store${offsetText(offset)}`, 0x36, 2, ...uleb(offset)); }
  i64(value: number): this { return this.op(`i64.const ${value}`, 0x42, ...sleb(value)); }
  /** The i32 on the stack as an unsigned 64-bit integer. */
  i64ExtendI32U(): this { return this.op('i64.extend_i32_u', 0xad); }
  i64Add(): this { return this.op('i64.add', 0x7c); }
  i64Mul(): this { return this.op('i64.mul', 0x7e); }
  i64ShrU(): this { return this.op('i64.shr_u', 0x88); }
  i64GeU(): this { return this.op('i64.ge_u', 0x5a); }
  /** The low 32 bits of the i64 on the stack. */
  i32WrapI64(): this { return this.op('i32.wrap_i64', 0xa7); }
  /** The f64 on the stack, truncated to an unsigned i64 (traps outside [0, 2^64)). */
  i64TruncF64U(): this { return this.op('i64.trunc_f64_u', 0xb1); }
  f32Load(offset = 0): this { return this.op(`f32.load${offsetText(offset)}`, 0x2a, 2, ...uleb(offset)); }
  f32Store(offset = 0): this { return this.op(`f32.store${offsetText(offset)}`, 0x38, 2, ...uleb(offset)); }
  f32Zero(): this { return this.op('f32.const 0', 0x43, 0, 0, 0, 0); }
  f32Add(): this { return this.op('f32.add', 0x92); }
  f32Mul(): this { return this.op('f32.mul', 0x94); }

  v128Zero(): this { return this.op('v128.const i64x2 0 0', 0xfd, ...uleb(0x0c), ...new Array<number>(16).fill(0)); }
  v128Load(offset = 0): this { return this.memory('v128.load', 0x00, 4, offset); }
  /** One f64 at address + offset, in both lanes. */
  v128Load64Splat(offset = 0): this { return this.memory('v128.load64_splat', 0x0a, 3, offset); }
  /** One f32 at address + offset, in all four lanes. */
  v128Load32Splat(offset = 0): this { return this.memory('v128.load32_splat', 0x09, 2, offset); }
  f64x2Add(): this { return this.simd('f64x2.add', 0xf0); }
  f64x2Mul(): this { return this.simd('f64x2.mul', 0xf2); }
  f64x2Sub(): this { return this.simd('f64x2.sub', 0xf1); }
  f64x2Div(): this { return this.simd('f64x2.div', 0xf3); }
  f64x2Sqrt(): this { return this.simd('f64x2.sqrt', 0xef); }

  /** Two f32 at address + offset into lanes 0–1, lanes 2–3 zero. */
  v128Load64Zero(offset = 0): this { return this.memory('v128.load64_zero', 0x5d, 3, offset); }
  /** f32 lanes 0–1 widened exactly to two f64 lanes. */
  f64x2PromoteLowF32x4(): this { return this.simd('f64x2.promote_low_f32x4', 0x5f); }
  v128Store(offset = 0): this { return this.memory('v128.store', 0x0b, 4, offset); }
  f32x4Add(): this { return this.simd('f32x4.add', 0xe4); }
  f32x4Mul(): this { return this.simd('f32x4.mul', 0xe6); }
  /** Per f32 lane: all ones where a > b (false for NaN), else zero. */
  f32x4Gt(): this { return this.simd('f32x4.gt', 0x44); }
  /** Per f32 lane: all ones where a != b (true for NaN), else zero. */
  f32x4Ne(): this { return this.simd('f32x4.ne', 0x42); }
  /** (a & c) | (b & ~c) for operands a, b, c. */
  v128Bitselect(): this { return this.simd('v128.bitselect', 0x52); }
  /** Per f32 lane: all ones where a <= b (false for NaN), else zero. */
  f32x4Le(): this { return this.simd('f32x4.le', 0x45); }
  /** a & ~b. */
  v128AndNot(): this { return this.simd('v128.andnot', 0x4f); }
  /** Both f64 lanes rounded to f32 into lanes 0–1, lanes 2–3 zero. */
  f32x4DemoteF64x2Zero(): this { return this.simd('f32x4.demote_f64x2_zero', 0x5e); }
  /** Stores lane `lane` of an i64x2 view (here: two f32 values) at address + offset. */
  v128Store64Lane(offset: number, lane: number): this {
    return this.op(`v128.store64_lane${offsetText(offset)} ${lane}`, 0xfd, ...uleb(0x5b), 3, ...uleb(offset), lane);
  }

  /** `loop` … `end` with an empty block type; inside, `brIf(0)` jumps back to the top. */
  loop(body: () => void): this {
    this.op('loop', 0x03, 0x40);
    this.block(body);
    return this.op('end', 0x0b);
  }

  /** `if` … `else` … `end` on the i32 on the stack, with an empty block type. */
  ifElse(then: () => void, otherwise?: () => void): this {
    this.op('if', 0x04, 0x40);
    this.block(then);
    if (otherwise !== undefined) {
      this.op('else', 0x05);
      this.block(otherwise);
    }
    return this.op('end', 0x0b);
  }

  brIf(depth: number): this { return this.op(`br_if ${depth}`, 0x0d, ...uleb(depth)); }

  /** The code section's entry: size, locals (run-length grouped), instructions, end. */
  encode(): number[] {
    const groups: [number, ValueType][] = [];
    for (const { type } of this.locals) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[1] === type) last[0]++;
      else groups.push([1, type]);
    }
    const body = [...vector(groups.map(([count, type]) => [...uleb(count), type])), ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }

  private block(body: () => void): void {
    this.depth++;
    body();
    this.depth--;
  }

  private simd(text: string, opcode: number): this {
    return this.op(text, 0xfd, ...uleb(opcode));
  }

  private memory(text: string, opcode: number, alignLog2: number, offset: number): this {
    return this.op(`${text}${offsetText(offset)}`, 0xfd, ...uleb(opcode), alignLog2, ...uleb(offset));
  }

  private op(text: string, ...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    this.text.push('  '.repeat(this.depth) + text);
    return this;
  }
}

/** A function of type (params) → (), exported under its name. */
export interface WasmFunction {
  readonly name: string;
  readonly body: FunctionBuilder;
}

/**
 * A function with named parameters, in the order written: `body` gets the builder and a
 * handle per parameter, e.g. defineFunction('scale', { at: I32, factor: F64 }, (f, { at, factor }) => …).
 */
export function defineFunction<P extends Record<string, ValueType>>(name: string, params: P, body: (f: FunctionBuilder, params: { readonly [K in keyof P]: Value }) => void): WasmFunction {
  const handles = Object.entries(params).map(([paramName, type], index) => ({ index, type, name: paramName }));
  const f = new FunctionBuilder(handles);
  body(f, Object.fromEntries(handles.map((h) => [h.name, h])) as { [K in keyof P]: Value });
  return { name, body: f };
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

/**
 * The custom "name" section (§7.4.1 of the Core spec's appendix): function names (subsection 1)
 * and every function's parameter and local names (subsection 2), so that stack traces and
 * debuggers show `rows` or `adam` instead of a function index.
 */
function nameSection(functions: readonly WasmFunction[]): number[] {
  const functionNames = vector(functions.map((f, i) => [...uleb(i), ...name(f.name)]));
  const localNames = vector(functions.map((f, i) => [...uleb(i), ...vector([...f.body.params, ...f.body.locals].map((v) => [...uleb(v.index), ...name(v.name)]))]));
  return section(0, [...name('name'), ...section(1, functionNames), ...section(2, localNames)]);
}

/**
 * A module that imports one memory as `env.memory` (with the given page limits, shared
 * unless asked otherwise) and exports functions of type (params) → (), in the order given;
 * with `names`, the name section follows the code.
 */
export function encodeModule(functions: readonly WasmFunction[], memory: { minPages: number; maxPages: number; shared?: boolean }, options: { names?: boolean } = {}): Uint8Array<ArrayBuffer> {
  const types = section(1, vector(functions.map((f) => [0x60, ...vector(f.body.params.map((p) => [p.type])), 0])));
  // Import kind 0x02 = memory; limits flag 0x03 = shared, with a maximum (threads proposal); 0x01 = unshared, with a maximum.
  const limits = memory.shared === false ? 0x01 : 0x03;
  const imports = section(2, vector([[...name('env'), ...name('memory'), 0x02, limits, ...uleb(memory.minPages), ...uleb(memory.maxPages)]]));
  const declarations = section(3, vector(functions.map((_, i) => uleb(i))));
  const exports = section(7, vector(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])));
  const code = section(10, vector(functions.map((f) => f.body.encode())));
  const names = options.names === true ? nameSection(functions) : [];
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...declarations, ...exports, ...code, ...names]);
}

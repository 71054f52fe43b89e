/**
 * The js backend's WebAssembly memory and the module instance over it: resident arrays
 * (parameters, Adam's moments) at the bottom, each call's scratch above them, from byte
 * `scratchBase` on. A kernel lays its call out from there, asks `reserve` for the bytes
 * (the memory grows, up to WASM_MAX_PAGES), copies its arguments in, runs the module's
 * functions and copies the results out.
 */
import type { KernelExports } from './wasm-module.ts';

export const WASM_PAGE_BYTES = 65536;
/** 1 GiB: calls that need more memory run the TypeScript loops (same bits). */
export const WASM_MAX_PAGES = 16384;

/** Resident arrays may fill at most half the memory; the rest is each call's scratch. */
const RESIDENT_LIMIT_BYTES = (WASM_MAX_PAGES * WASM_PAGE_BYTES) / 2;

export const align16 = (x: number) => Math.ceil(x / 16) * 16;
/** To a cache line (64 bytes on the x64 and ARM cores measured): where threads write side by side, a line each. */
export const align64 = (x: number) => Math.ceil(x / 64) * 64;
export const up4 = (x: number) => Math.ceil(x / 4) * 4;
export const up8 = (x: number) => Math.ceil(x / 8) * 8;

export class WasmMemory {
  /** The module's functions on this thread. */
  readonly exports: KernelExports;
  private view = new Float32Array(0) as Float32Array<ArrayBufferLike>;
  /** An int32 view of the same bytes as `view`, remade when `view` is. */
  private intView = new Int32Array(0) as Int32Array<ArrayBufferLike>;
  /**
   * Bytes [0, residentBytes) hold arrays that live as long as the memory (parameters and
   * optimizer state, see allocateResident); each call's scratch starts after them.
   */
  private residentBytes = 0;
  /** The resident arrays handed out and not released, with the bytes each one holds. */
  private readonly handedOut = new WeakMap<Float32Array, number>();
  /** Released resident blocks by size in bytes: their offsets, to hand out again. */
  private readonly freeBlocks = new Map<number, number[]>();

  constructor(
    readonly module: WebAssembly.Module,
    readonly memory: WebAssembly.Memory,
    /** Whether the memory is shared: only then may arrays live in it (growing an unshared memory detaches every view). */
    readonly shared: boolean,
  ) {
    this.exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  }

  /** Where a call's scratch starts (16-byte aligned): just above the resident arrays. */
  get scratchBase(): number {
    return this.residentBytes;
  }

  /** A float32 view of the whole memory, valid until the next `reserve`. */
  get floats(): Float32Array {
    return this.view as Float32Array;
  }

  /**
   * Grows the memory to `bytes` if needed; false when that is past the memory's maximum
   * or the system will not give the pages (the caller then runs its TypeScript loop).
   */
  reserve(bytes: number): boolean {
    const memory = this.memory;
    if (bytes > WASM_MAX_PAGES * WASM_PAGE_BYTES) return false;
    if (memory.buffer.byteLength < bytes) {
      try {
        memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / WASM_PAGE_BYTES));
      } catch {
        return false;
      }
    }
    if (this.view.byteLength !== memory.buffer.byteLength) this.view = new Float32Array(memory.buffer);
    return true;
  }

  /** The first `length` values of `source` into the memory at byte offset `at` (a longer view must not spill into the next region). */
  copyIn(source: Float32Array, at: number, length: number): void {
    this.floats.set(source.length === length ? source : source.subarray(0, length), at / 4);
  }

  /** `source` (int32) into the memory at byte offset `at` (a multiple of 4). */
  copyInInt32(source: Int32Array, at: number): void {
    if (this.intView.buffer !== this.view.buffer) this.intView = new Int32Array(this.view.buffer);
    this.intView.set(source, at / 4);
  }

  /** The m×n cells of a result stored at byte `at` with row stride `stride` (default: n rounded up to 4). */
  copyOut(out: Float32Array, at: number, m: number, n: number, stride = up4(n)): void {
    const c0 = at / 4;
    const floats = this.floats;
    if (n === stride) out.set(floats.subarray(c0, c0 + m * n));
    else if (n >= 16) for (let i = 0; i < m; i++) out.set(floats.subarray(c0 + i * stride, c0 + i * stride + n), i * n);
    // Narrow rows (the output layer's one column): a view and a set per row cost ~50 ns each, the loop ~1.
    else for (let i = 0, o = 0; i < m; i++) for (let j = 0, from = c0 + i * stride; j < n; j++, o++) out[o] = floats[from + j]!;
  }

  /** Zeroes the float32 cells of byte range [from, to). */
  zero(from: number, to: number): void {
    this.floats.fill(0, from / 4, to / 4);
  }

  /**
   * A zeroed float32 array of `length` inside this memory, kept until `releaseResident`, so
   * that kernels such as Adam work on it in place; null when the memory cannot hold it or
   * resident arrays already fill half of it. Its length is padded to a multiple of 4 so
   * that kernels may read and write whole pairs. A released block of the same size is
   * handed out again (a training run asks for the same sizes as the one before it).
   */
  allocateResident(length: number): Float32Array | null {
    if (!this.shared) return null;
    const bytes = align16(4 * up4(length));
    let at = this.freeBlocks.get(bytes)?.pop();
    if (at === undefined) {
      if (this.residentBytes + bytes > RESIDENT_LIMIT_BYTES) return null;
      if (!this.reserve(this.residentBytes + bytes)) return null;
      at = this.residentBytes;
      this.residentBytes += bytes;
    }
    // Earlier calls' scratch or a released array may have used these bytes: zero them, pad included.
    this.zero(at, at + bytes);
    const view = new Float32Array(this.floats.buffer, at, length);
    this.handedOut.set(view, bytes);
    return view;
  }

  /** Takes back a resident array that will not be used again; false if it is not one. */
  releaseResident(a: Float32Array): boolean {
    const bytes = this.handedOut.get(a);
    if (bytes === undefined) return false;
    this.handedOut.delete(a);
    const blocks = this.freeBlocks.get(bytes) ?? [];
    blocks.push(a.byteOffset);
    this.freeBlocks.set(bytes, blocks);
    return true;
  }

  /** The byte offset of `a` in this memory when it is a resident array (see isResident), else null: kernels then read and write it in place. */
  residentOffset(a: FloatArrayLike): number | null {
    return this.isResident(a) ? a.byteOffset : null;
  }

  /** Whether `a` is an array allocateResident handed out (not a view into one) and not released. */
  isResident(a: FloatArrayLike): boolean {
    return a instanceof Float32Array && this.handedOut.has(a);
  }
}

type FloatArrayLike = Float32Array | Float64Array;

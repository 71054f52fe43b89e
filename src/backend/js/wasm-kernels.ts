/**
 * The float32 calls of the js backend that run in the WebAssembly module (wasm-matmul.ts):
 * it owns the shared memory — resident arrays (parameters, Adam's moments) at the bottom,
 * each call's scratch above them — copies a call's arguments in, runs the kernels (handing
 * row ranges to the pool's threads through `parallelRows`), and copies the results out.
 * Every result has the bits of the TypeScript loops it replaces.
 */
import { EPILOGUE_NONE, MASK_DROPOUT, MASK_RELU, WASM_MAX_PAGES, WASM_PAGE_BYTES, align16, matmulLayout, up4, type MatmulExports } from './wasm-matmul.ts';
import type { AdamStepScalars } from '../types.ts';

/** Resident arrays may fill at most half the memory; the rest is each call's scratch. */
const RESIDENT_LIMIT_BYTES = (WASM_MAX_PAGES * WASM_PAGE_BYTES) / 2;

/** Runs compute(from, to) over chunks of [0, rows) on every thread; the job describes the work to the workers. */
export type ParallelRows = (job: Record<string, unknown>, rows: number, compute: (from: number, to: number) => void) => void;


export class WasmKernels {
  private exports: MatmulExports | null = null;
  private floats = new Float32Array(0) as Float32Array<ArrayBufferLike>;
  /**
   * Bytes [0, residentBytes) hold arrays that live as long as the memory (parameters and
   * optimizer state, see allocateResident); each call's scratch starts after them.
   */
  private residentBytes = 0;
  /** The resident arrays handed out and not released, with the bytes each one holds. */
  private readonly handedOut = new WeakMap<Float32Array, number>();
  /** Released resident blocks by size in bytes: their offsets, to hand out again. */
  private readonly freeBlocks = new Map<number, number[]>();
  private wasmAdamCalls = 0;

  /** Adam steps run in the module so far (the tests check that it ran). */
  get adamCalls(): number {
    return this.wasmAdamCalls;
  }

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
    /** Whether the memory is shared: only then may arrays live in it (growing an unshared memory detaches every view). */
    private readonly shared: boolean,
    private readonly threads: number,
    /** Multiply-adds from which a product is split across threads. */
    private readonly minParallelWork: number,
    /** Elements from which Adam's update is split across threads. */
    private readonly minParallelElements: number,
    private readonly parallelRows: ParallelRows,
  ) {}

  /**
   * C = op(A)·op(B), with the dense epilogue (bias, ReLU, a dropout mask [m×n]) when asked;
   * with a mask, n must be a multiple of 4. Returns false, having done nothing, when the
   * memory cannot hold the call (the caller then runs the TypeScript loops).
   */
  matmul(A: Float32Array, B: Float32Array, C: Float32Array, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, epilogue: number, bias: Float32Array | null, mask: Float32Array | null = null): boolean {
    if (mask !== null && n % 4 !== 0) throw new Error(`WasmKernels.matmul: a mask needs n to be a multiple of 4, got ${n}`);
    const L = matmulLayout(m, k, n, this.threads, mask !== null, this.residentBytes);
    const floats = this.reserve(L.bytes);
    if (floats === null) return false;
    copyIn(floats, A, L.a, m * k);
    copyIn(floats, B, L.b, k * n);
    if (bias !== null) {
      copyIn(floats, bias, L.bias, n);
      floats.fill(0, L.bias / 4 + n, L.bias / 4 + up4(n));
    }
    if (mask !== null) copyIn(floats, mask, L.mask, m * n);
    // op(A)[i, p] = A[i·ai + p·ap], op(B)[p, j] = B[p·bp + j·bj]
    const [ai, ap] = transposeA ? [1, m] : [k, 1];
    const [bp, bj] = transposeB ? [1, k] : [n, 1];
    this.exports!.packB(L.b, bp, bj, k, n, L.pb);
    this.rows(L.a, ai, ap, m, k, L.pb, n, L.c, epilogue, L.bias, L.mask, L.pa, L.paStride);
    this.copyOut(C, L.c, m, n);
    return true;
  }

  /**
   * The dense layer's backward: gz = (g·dropoutMask)·act'(y) (ReLU or the identity; the
   * mask when given), db = column sums of gz, dx = gz·wᵀ, dw = xᵀ·gz — the bits of
   * dense-backward.ts's loops and two matmuls, with gz kept in this memory for both
   * products. n must be a multiple of 4; returns false (having done nothing) when the call
   * does not fit.
   */
  denseBackward(x: Float32Array, w: Float32Array, g: Float32Array, y: Float32Array, dx: Float32Array, dw: Float32Array, db: Float32Array, m: number, k: number, n: number, relu: boolean, dropoutMask: Float32Array | null = null): boolean {
    if (n % 4 !== 0 || m === 0 || k === 0 || n === 0) return false;
    const [m4, k4] = [up4(m), up4(k)];
    const at = { x: 0, w: 0, gz: 0, y: 0, mask: 0, db: 0, pb: 0, dx: 0, dw: 0, pa: 0 };
    let next = this.residentBytes;
    const place = (key: keyof typeof at, bytes: number) => {
      at[key] = next;
      next = align16(next + bytes);
    };
    place('x', 4 * m * k);
    place('w', 4 * k * n);
    place('gz', 4 * m * n);
    place('y', 4 * m * n);
    place('mask', dropoutMask === null ? 0 : 4 * m * n);
    place('db', 4 * n);
    place('pb', 8 * Math.max(k4 * n, n * m)); // packed wᵀ (n × k, k columns) or gz (m × n)
    place('dx', 4 * m4 * k4);
    place('dw', 4 * k4 * n);
    const paStride = 32 * Math.max(n, m);
    place('pa', this.threads * paStride);
    const floats = this.reserve(next);
    if (floats === null) return false;
    const wasm = this.exports!;
    copyIn(floats, x, at.x, m * k);
    copyIn(floats, w, at.w, k * n);
    copyIn(floats, g, at.gz, m * n);
    copyIn(floats, y, at.y, m * n);
    if (dropoutMask !== null) copyIn(floats, dropoutMask, at.mask, m * n);
    floats.fill(0, at.db / 4, at.db / 4 + n);
    wasm.maskColumnSums(at.gz, at.y, at.db, m, n, (relu ? MASK_RELU : 0) | (dropoutMask !== null ? MASK_DROPOUT : 0), at.mask);
    // dx[m×k] = gz·wᵀ: op(B)[p, j] = w[j, p], so bp = 1, bj = n.
    wasm.packB(at.w, 1, n, n, k, at.pb);
    this.rows(at.gz, n, 1, m, n, at.pb, k, at.dx, EPILOGUE_NONE, 0, 0, at.pa, paStride);
    // dw[k×n] = xᵀ·gz: op(A)[i, p] = x[p, i], so ai = 1, ap = k.
    wasm.packB(at.gz, n, 1, m, n, at.pb);
    this.rows(at.x, 1, k, k, m, at.pb, n, at.dw, EPILOGUE_NONE, 0, 0, at.pa, paStride);
    this.copyOut(dx, at.dx, m, k);
    this.copyOut(dw, at.dw, k, n);
    db.set(floats.subarray(at.db / 4, at.db / 4 + n));
    return true;
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
      if (this.reserve(this.residentBytes + bytes) === null) return null;
      at = this.residentBytes;
      this.residentBytes += bytes;
    }
    // Earlier calls' scratch or a released array may have used these bytes: zero them, pad included.
    const floats = this.floats as Float32Array;
    floats.fill(0, at / 4, (at + bytes) / 4);
    const view = new Float32Array(floats.buffer, at, length);
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

  /** One Adam step (no AMSGrad) in the module, when p, m and v are resident arrays of this memory; false (nothing done) otherwise. */
  adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, step: AdamStepScalars): boolean {
    if (!(this.isResident(p) && this.isResident(m) && this.isResident(v))) return false;
    const n = p.length;
    if (g.length !== n || m.length !== n || v.length !== n) return false;
    const gAt = this.residentBytes;
    const floats = this.reserve(gAt + 4 * up4(n));
    if (floats === null) return false;
    copyIn(floats, g, gAt, n);
    floats.fill(0, gAt / 4 + n, gAt / 4 + up4(n)); // the pad the last pair reads
    const wasm = this.exports!;
    this.wasmAdamCalls++;
    const torch = step.form === 'torch' ? 1 : 0;
    const { beta1, beta2, epsilon, alpha, stepSize, sqrtBiasCorrection2 } = step;
    const [pAt, mAt, vAt] = [p.byteOffset, m.byteOffset, v.byteOffset];
    const run = (from: number, to: number) => wasm.adam(pAt, gAt, mAt, vAt, 4 * from, 4 * to, torch, beta1, beta2, epsilon, alpha, stepSize, sqrtBiasCorrection2);
    const elements = up4(n);
    if (this.threads > 1 && elements >= this.minParallelElements) {
      this.parallelRows({ kind: 'wasm-adam', p: pAt, g: gAt, m: mAt, v: vAt, torch, beta1, beta2, epsilon, alpha, stepSize, sqrtBiasCorrection2 }, elements, run);
    } else {
      run(0, elements);
    }
    return true;
  }

  /** Whether `a` is an array allocateResident handed out (not a view into one) and not released. */
  isResident(a: Float32Array): boolean {
    return this.handedOut.has(a);
  }

  /** Rows of C = op(A)·(packed op(B)) into c (row stride n rounded up to 4), split across threads when large. */
  private rows(a: number, ai: number, ap: number, m: number, k: number, pb: number, n: number, c: number, epilogue: number, bias: number, mask: number, pa: number, paStride: number): void {
    const [m4, n4] = [up4(m), up4(n)];
    const wasm = this.exports!;
    if (this.threads > 1 && m > 4 && m * n * k >= this.minParallelWork) {
      const job = { kind: 'wasm', a, ai, ap, m, k, pb, n4, c, pa, paStride, epilogue, bias, mask };
      this.parallelRows(job, m4, (from, to) => wasm.rows(a, ai, ap, m, k, pb, n4, c, from, to, pa, epilogue, bias, mask));
    } else {
      wasm.rows(a, ai, ap, m, k, pb, n4, c, 0, m4, pa, epilogue, bias, mask);
    }
  }

  /** The m×n cells of a result stored with row stride n rounded up to 4. */
  private copyOut(out: Float32Array, at: number, m: number, n: number): void {
    const c0 = at / 4;
    const n4 = up4(n);
    if (n === n4) out.set(this.floats.subarray(c0, c0 + m * n));
    else for (let i = 0; i < m; i++) out.set(this.floats.subarray(c0 + i * n4, c0 + i * n4 + n), i * n);
  }

  /**
   * Grows the memory to `bytes` if needed; returns a float view of all of it, or null when
   * the call is past the memory's maximum or the system will not give the pages.
   */
  private reserve(bytes: number): Float32Array | null {
    const memory = this.memory;
    if (bytes > WASM_MAX_PAGES * WASM_PAGE_BYTES) return null;
    if (memory.buffer.byteLength < bytes) {
      try {
        memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / WASM_PAGE_BYTES));
      } catch {
        return null;
      }
    }
    this.exports ??= new WebAssembly.Instance(this.module, { env: { memory } }).exports as unknown as MatmulExports;
    if (this.floats.byteLength !== memory.buffer.byteLength) this.floats = new Float32Array(memory.buffer);
    return this.floats as Float32Array;
  }
}

/** The first `length` values of `source` into the memory at byte offset `at` (a longer view must not spill into the next region). */
function copyIn(floats: Float32Array, source: Float32Array, at: number, length: number): void {
  floats.set(source.length === length ? source : source.subarray(0, length), at / 4);
}

/**
 * A split job's description in shared memory, for the kernel threads that poll the pool's
 * control words (Node's): the calling thread writes a job whose fields are all numbers
 * (the module's kernels: byte offsets, sizes, scalars) into one slot, and a thread that
 * wakes on [SEQ] reads it there instead of receiving a message. With messages the kernel
 * thread had a job 36 µs after it was posted on average (21 µs when it was spinning, not
 * asleep; timestamps on both threads), and joined a ~150 µs matmul with a fifth of its
 * chunks gone; the slot costs a few dozen plain stores and loads.
 *
 * Layout (one SharedArrayBuffer): Int32 word 0 holds the job's seq, 0 while the slot is
 * being written; word 1 its kind's code; Float64 words from byte 8: rows, rowsPerChunk,
 * chunks, then the kind's fields in the order write() stores them.
 *
 * A seqlock: the writer stores seq 0, the fields, then the seq (Atomics.store); a reader
 * loads the seq (Atomics.load), reads the fields, and loads the seq again; the two equal
 * and non-zero mean the fields are one job's. seqs only grow, so a reread that matches is
 * the same job. V8 keeps plain typed-array loads in order with Atomics on either side, as
 * a seqlock needs. The writer rewrites the slot only once every chunk of the job in it is
 * done, so a reader still holding the old job finds nothing left to claim, and one that
 * reads during the rewrite gets null and waits for the next [SEQ].
 */
import type { AdamWasmJob, CopyBlocksWasmJob, GatherWasmJob, KernelJob, MatmulWasmJob, MultiplyWasmJob, PackB32WasmJob, SparseAdamWasmJob, ZeroWasmJob } from './jobs.ts';
import type { PostedJob } from './thread-pool.ts';

/** The jobs a slot carries: the module's kernels, whose every field is a number. */
export type SlotJob = MatmulWasmJob | AdamWasmJob | GatherWasmJob | CopyBlocksWasmJob | MultiplyWasmJob | PackB32WasmJob | SparseAdamWasmJob | ZeroWasmJob;

const CODES: { readonly [K in SlotJob['kind']]: number } = { 'matmul-wasm': 1, 'adam-wasm': 2, 'gather-wasm': 3, 'copy-blocks-wasm': 4, 'multiply-wasm': 5, 'pack-b32-wasm': 6, 'sparse-adam-wasm': 7, 'zero-wasm': 8 };
const HEADER = 3; // rows, rowsPerChunk, chunks
const MAX_FIELDS = 14; // matmul-wasm's

/** The bytes of a slot. */
export const JOB_SLOT_BYTES = 8 + 8 * (HEADER + MAX_FIELDS);

export function isSlotJob(job: KernelJob): job is SlotJob {
  return job.kind in CODES;
}

/**
 * The slot's two views: the seq and kind words, and the numbers. Each kind is written and
 * read field by field (monomorphic code: a generic copy by key cost the calling thread
 * ~10 µs a job).
 */
export class JobSlot {
  private readonly words: Int32Array;
  private readonly x: Float64Array;

  constructor(buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer, 0, 2);
    this.x = new Float64Array(buffer, 8, HEADER + MAX_FIELDS);
  }

  /** Writes `job` as job `seq` (> 0); call only once every chunk of the slot's previous job is done. */
  write(job: SlotJob, seq: number, rows: number, rowsPerChunk: number, chunks: number): void {
    const { words, x } = this;
    Atomics.store(words, 0, 0);
    x[0] = rows;
    x[1] = rowsPerChunk;
    x[2] = chunks;
    words[1] = CODES[job.kind];
    switch (job.kind) {
      case 'matmul-wasm':
        x[3] = job.float32 ? 1 : 0;
        x[4] = job.a;
        x[5] = job.ai;
        x[6] = job.ap;
        x[7] = job.m;
        x[8] = job.k;
        x[9] = job.pb;
        x[10] = job.stride;
        x[11] = job.c;
        x[12] = job.pa;
        x[13] = job.paStride;
        x[14] = job.epilogue;
        x[15] = job.bias;
        x[16] = job.mask;
        break;
      case 'adam-wasm':
        x[3] = job.p;
        x[4] = job.g;
        x[5] = job.m;
        x[6] = job.v;
        x[7] = job.torch;
        x[8] = job.beta1;
        x[9] = job.beta2;
        x[10] = job.epsilon;
        x[11] = job.alpha;
        x[12] = job.stepSize;
        x[13] = job.sqrtBiasCorrection2;
        break;
      case 'gather-wasm':
        x[3] = job.table;
        x[4] = job.indices;
        x[5] = job.rowBytes;
        x[6] = job.out;
        break;
      case 'copy-blocks-wasm':
        x[3] = job.src;
        x[4] = job.srcStride;
        x[5] = job.out;
        x[6] = job.outStride;
        x[7] = job.blockBytes;
        break;
      case 'multiply-wasm':
        x[3] = job.a;
        x[4] = job.b;
        x[5] = job.out;
        break;
      case 'pack-b32-wasm':
        x[3] = job.b;
        x[4] = job.bp;
        x[5] = job.bj;
        x[6] = job.k;
        x[7] = job.n;
        x[8] = job.pb;
        break;
      case 'zero-wasm':
        x[3] = job.out;
        break;
      case 'sparse-adam-wasm':
        x[3] = job.p;
        x[4] = job.g;
        x[5] = job.m;
        x[6] = job.v;
        x[7] = job.touched;
        x[8] = job.rowBytes;
        x[9] = job.beta1;
        x[10] = job.beta2;
        x[11] = job.epsilon;
        x[12] = job.stepSize;
        break;
    }
    Atomics.store(words, 0, seq);
  }

  /** The slot's job, or null while it is being written or has never been. */
  read(): PostedJob | null {
    const { words, x } = this;
    const seq = Atomics.load(words, 0);
    if (seq === 0) return null;
    const header = { seq, rows: x[0]!, rowsPerChunk: x[1]!, chunks: x[2]! };
    let job: PostedJob | null;
    switch (words[1]) {
      case CODES['matmul-wasm']:
        job = { kind: 'matmul-wasm', ...header, float32: x[3] === 1, a: x[4]!, ai: x[5]!, ap: x[6]!, m: x[7]!, k: x[8]!, pb: x[9]!, stride: x[10]!, c: x[11]!, pa: x[12]!, paStride: x[13]!, epilogue: x[14]!, bias: x[15]!, mask: x[16]! };
        break;
      case CODES['adam-wasm']:
        job = { kind: 'adam-wasm', ...header, p: x[3]!, g: x[4]!, m: x[5]!, v: x[6]!, torch: x[7]!, beta1: x[8]!, beta2: x[9]!, epsilon: x[10]!, alpha: x[11]!, stepSize: x[12]!, sqrtBiasCorrection2: x[13]! };
        break;
      case CODES['gather-wasm']:
        job = { kind: 'gather-wasm', ...header, table: x[3]!, indices: x[4]!, rowBytes: x[5]!, out: x[6]! };
        break;
      case CODES['copy-blocks-wasm']:
        job = { kind: 'copy-blocks-wasm', ...header, src: x[3]!, srcStride: x[4]!, out: x[5]!, outStride: x[6]!, blockBytes: x[7]! };
        break;
      case CODES['multiply-wasm']:
        job = { kind: 'multiply-wasm', ...header, a: x[3]!, b: x[4]!, out: x[5]! };
        break;
      case CODES['pack-b32-wasm']:
        job = { kind: 'pack-b32-wasm', ...header, b: x[3]!, bp: x[4]!, bj: x[5]!, k: x[6]!, n: x[7]!, pb: x[8]! };
        break;
      case CODES['zero-wasm']:
        job = { kind: 'zero-wasm', ...header, out: x[3]! };
        break;
      case CODES['sparse-adam-wasm']:
        job = { kind: 'sparse-adam-wasm', ...header, p: x[3]!, g: x[4]!, m: x[5]!, v: x[6]!, touched: x[7]!, rowBytes: x[8]!, beta1: x[9]!, beta2: x[10]!, epsilon: x[11]!, stepSize: x[12]! };
        break;
      default:
        job = null; // a kind word from a write under way
    }
    return Atomics.load(words, 0) === seq ? job : null;
  }
}

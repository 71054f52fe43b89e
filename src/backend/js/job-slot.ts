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
 * being written; word 1 its kind's place in SLOT_KINDS, from 1; Float64 words from byte 8:
 * rows, rowsPerChunk, chunks, then the kind's fields in SLOT_FIELDS's order (float32 as 0
 * or 1).
 *
 * A seqlock: the writer stores seq 0, the fields, then the seq (Atomics.store); a reader
 * loads the seq (Atomics.load), reads the fields, and loads the seq again; the two equal
 * and non-zero mean the fields are one job's. seqs only grow, so a reread that matches is
 * the same job. V8 keeps plain typed-array loads in order with Atomics on either side, as
 * a seqlock needs. The writer rewrites the slot only once every chunk of the job in it is
 * done, so a reader still holding the old job finds nothing left to claim, and one that
 * reads during the rewrite gets null and waits for the next [SEQ].
 */
import type { AdamWasmJob, CopyBlocksWasmJob, GatherWasmJob, KeepMaskWasmJob, KernelJob, MatmulWasmJob, MultiplyWasmJob, PackB32WasmJob, SparseAdamWasmJob, ZeroWasmJob } from './jobs.ts';
import type { PostedJob } from './thread-pool.ts';

/** The jobs a slot carries: the module's kernels, whose every field is a number (or matmul's float32 flag). */
export type SlotJob = MatmulWasmJob | AdamWasmJob | GatherWasmJob | CopyBlocksWasmJob | MultiplyWasmJob | PackB32WasmJob | SparseAdamWasmJob | ZeroWasmJob | KeepMaskWasmJob;
type SlotKind = SlotJob['kind'];
type FieldsOf<K extends SlotKind> = Exclude<keyof Extract<SlotJob, { kind: K }>, 'kind'>;

/** Each kind's fields in the order they are stored. */
const SLOT_FIELDS = {
  'matmul-wasm': ['float32', 'a', 'ai', 'ap', 'm', 'k', 'pb', 'stride', 'c', 'pa', 'paStride', 'epilogue', 'bias', 'mask'],
  'adam-wasm': ['p', 'g', 'm', 'v', 'torch', 'beta1', 'beta2', 'epsilon', 'alpha', 'stepSize', 'sqrtBiasCorrection2'],
  'gather-wasm': ['table', 'indices', 'rowBytes', 'out'],
  'copy-blocks-wasm': ['src', 'srcStride', 'out', 'outStride', 'blockBytes'],
  'multiply-wasm': ['a', 'b', 'out'],
  'pack-b32-wasm': ['b', 'bp', 'bj', 'k', 'n', 'pb'],
  'sparse-adam-wasm': ['p', 'g', 'm', 'v', 'touched', 'rowBytes', 'beta1', 'beta2', 'epsilon', 'stepSize'],
  'zero-wasm': ['out'],
  'keep-mask-wasm': ['states', 'statesEvery', 'threshold', 'keepBits', 'out'],
} as const satisfies { readonly [K in SlotKind]: readonly FieldsOf<K>[] };

/** A kind's field that SLOT_FIELDS leaves out would not reach the kernel threads: this fails to compile if one does. */
export const SLOT_FIELDS_COMPLETE: { [K in SlotKind]: Exclude<FieldsOf<K>, (typeof SLOT_FIELDS)[K][number]> }[SlotKind] extends never ? true : never = true;

const SLOT_KINDS = Object.keys(SLOT_FIELDS) as SlotKind[];
const HEADER = 3; // rows, rowsPerChunk, chunks
const MAX_FIELDS = Math.max(...SLOT_KINDS.map((kind) => SLOT_FIELDS[kind].length));

/** The bytes of a slot. */
export const JOB_SLOT_BYTES = 8 + 8 * (HEADER + MAX_FIELDS);

export function isSlotJob(job: KernelJob): job is SlotJob {
  return job.kind in SLOT_FIELDS;
}

/**
 * The slot's two views: the seq and kind words, and the numbers. Field by field through
 * SLOT_FIELDS: ~0.1 µs to write a job and ~0.15 µs to read one (a million jobs of every kind
 * timed on this VM; code written out per kind saved ~0.05 µs a job).
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
    words[1] = SLOT_KINDS.indexOf(job.kind) + 1;
    const fields: readonly string[] = SLOT_FIELDS[job.kind];
    const values = job as unknown as Readonly<Record<string, number | boolean>>;
    for (let i = 0; i < fields.length; i++) x[HEADER + i] = Number(values[fields[i]!]);
    Atomics.store(words, 0, seq);
  }

  /** The slot's job, or null while it is being written or has never been. */
  read(): PostedJob | null {
    const { words, x } = this;
    const seq = Atomics.load(words, 0);
    const kind = SLOT_KINDS[words[1]! - 1];
    if (seq === 0 || kind === undefined) return null; // never written, or a kind word from a write under way
    const job: Record<string, unknown> = { kind, seq, rows: x[0], rowsPerChunk: x[1], chunks: x[2] };
    const fields: readonly string[] = SLOT_FIELDS[kind];
    for (let i = 0; i < fields.length; i++) job[fields[i]!] = x[HEADER + i];
    if (kind === 'matmul-wasm') job.float32 = job.float32 === 1;
    return Atomics.load(words, 0) === seq ? (job as unknown as PostedJob) : null;
  }
}

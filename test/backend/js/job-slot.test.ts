/**
 * The job slot (src/backend/js/job-slot.ts): a job written is read back field for field,
 * a slot being written reads as no job, and a thread reading while another writes job
 * after job never gets a mix of two jobs' fields.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JOB_SLOT_BYTES, JobSlot, isSlotJob } from '../../../src/backend/js/job-slot.ts';
import { startModuleWorker } from '../../../src/backend/platform/module-worker.ts';
import { SLOT_KINDS, slotJobFields, type HeadedSlotJob } from './fixtures/job-slot-fields.ts';

const slotOf = () => {
  const buffer = new SharedArrayBuffer(JOB_SLOT_BYTES);
  return { buffer, slot: new JobSlot(buffer) };
};
const write = (slot: JobSlot, job: HeadedSlotJob, seq: number) => slot.write(job, seq, job.rows, job.rowsPerChunk, job.chunks);

describe('the job slot', () => {
  it('reads back the job written, every field, for every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SLOT_KINDS), fc.integer({ min: 1, max: 0x7fffffff }), (kind, seq) => {
        const { slot } = slotOf();
        const job = slotJobFields(kind, seq);
        write(slot, job, seq);
        expect(slot.read()).toEqual({ ...job, seq });
      }),
    );
  });

  it('reads as no job before the first write and while a write is under way', () => {
    const { buffer, slot } = slotOf();
    expect(slot.read()).toBeNull();
    write(slot, slotJobFields('adam-wasm', 5), 5);
    new Int32Array(buffer)[0] = 0; // what write() stores first
    expect(slot.read()).toBeNull();
  });

  it('carries only the jobs whose fields are all numbers', () => {
    for (const kind of SLOT_KINDS) expect(isSlotJob(slotJobFields(kind, 1))).toBe(true);
    const loop = { kind: 'adam-loop', form: 'keras', p: new Float32Array(1), g: new Float32Array(1), m: new Float32Array(1), v: new Float32Array(1), beta1: 0.9, beta2: 0.999, epsilon: 1e-7, alpha: 1e-3, stepSize: 1e-3, sqrtBiasCorrection2: 1 } as const;
    expect(isSlotJob(loop)).toBe(false);
  });

  it('never hands a reading thread a mix of two jobs while another writes job after job', async () => {
    const { buffer, slot } = slotOf();
    const control = new SharedArrayBuffer(8);
    const words = new Int32Array(control);
    const reader = startModuleWorker(new URL('./fixtures/job-slot-reader.ts', import.meta.url), { workerData: { buffer, control } });
    const result = new Promise<{ reads: number; torn: number }>((resolve, reject) => {
      reader.once('message', resolve);
      reader.once('error', reject);
    });
    while (Atomics.load(words, 1) === 0) await new Promise((resolve) => setTimeout(resolve, 5)); // it reads from now on
    const until = performance.now() + 300;
    let seq = 0;
    while (performance.now() < until) for (let i = 0; i < 1000; i++, seq++) write(slot, slotJobFields(SLOT_KINDS[seq % SLOT_KINDS.length]!, seq + 1), seq + 1);
    Atomics.store(words, 0, 1);
    const { reads, torn } = await result;
    await reader.terminate();
    expect(reads).toBeGreaterThan(1000);
    expect(torn).toBe(0);
  });
});

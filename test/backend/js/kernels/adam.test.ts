/**
 * The js backend's Adam (kernels/adam.ts through the backend) gives src/optim's adamUpdate bits,
 * in both forms, on one thread, split across threads, and on ordinary (unshared) memory.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsBackend } from '../../../../src/backend/js/index.ts';
import { adamStep, adamUpdate } from '../../../../src/optim/adam.ts';
import { randomFloats, shared } from '../../reference.ts';

const pools = [new JsBackend(1), new JsBackend(2, { minParallelWork: 0 }), new JsBackend(3, { minParallelWork: 0 })];
afterAll(async () => {
  for (const p of pools) await p.close();
});

const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** β1, β2, ε, lr and the first step t, drawn at random: the fused update must give the rule's bits for any of them. */
const adamSettings = fc.record({
  beta1: fc.double({ min: 0, max: 0.999, noNaN: true }),
  beta2: fc.double({ min: 0, max: 0.99999, noNaN: true }),
  epsilon: fc.double({ min: 0, max: 1e-3, noNaN: true }),
  learningRate: fc.double({ min: 1e-6, max: 1, noNaN: true }),
  firstStep: fc.integer({ min: 1, max: 100_000 }),
});

describe('the js backend Adam update', () => {
  it('equals adamUpdate bit for bit over several steps, Keras and torch forms, any thread count, any β1, β2, ε, lr and t', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }), fc.boolean(), fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.integer({ min: 1, max: 1e6 }),
        adamSettings,
        (n, epsilonHat, which, inSharedMemory, seed, { firstStep, ...settings }) => {
          const hp = { ...settings, amsgrad: false, epsilonHat };
          const start = randomFloats(n, seed);
          const reference = { p: start.slice(), m: new Float32Array(n), v: new Float32Array(n) };
          const place = (a: Float32Array) => (inSharedMemory ? shared(a) : a.slice());
          const fused = { p: place(start), m: place(new Float32Array(n)), v: place(new Float32Array(n)) };
          for (let t = firstStep; t < firstStep + 4; t++) {
            const g = randomFloats(n, seed + t);
            adamUpdate(reference.p, g, { m: reference.m, v: reference.v }, hp, t);
            pools[which].adamUpdate(fused.p, place(g), fused.m, fused.v, adamStep(hp, t));
          }
          return bits(fused.p).equals(bits(reference.p)) && bits(fused.m).equals(bits(reference.m)) && bits(fused.v).equals(bits(reference.v));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('splits a large parameter in shared memory across the threads and still gives the same bits', async () => {
    const n = 100_003;
    const hp = { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false, epsilonHat: true };
    const p0 = randomFloats(n, 1);
    const g = shared(randomFloats(n, 2));
    const reference = { p: p0.slice(), m: new Float32Array(n), v: new Float32Array(n) };
    const fused = { p: shared(p0), m: shared(new Float32Array(n)), v: shared(new Float32Array(n)) };
    const pool = new JsBackend(2); // default threshold: a parameter this size is split
    for (let t = 1; t <= 3; t++) {
      adamUpdate(reference.p, g, { m: reference.m, v: reference.v }, hp, t);
      pool.adamUpdate(fused.p, g, fused.m, fused.v, adamStep(hp, t));
    }
    expect(pool.counters().splitCalls).toBe(3);
    await pool.close();
    expect(bits(fused.p).equals(bits(reference.p))).toBe(true);
    expect(bits(fused.v).equals(bits(reference.v))).toBe(true);
  });
});

describe('Adam in the WebAssembly module, on parameters resident in its memory', () => {
  it('places float32 parameters in the memory and float64 ones outside it', async () => {
    const pool = new JsBackend(1);
    const p = pool.allocateParameter('float32', 7);
    expect(p).toBeInstanceOf(Float32Array);
    expect([p.length, ...p]).toEqual([7, 0, 0, 0, 0, 0, 0, 0]);
    expect(pool.isResident(p)).toBe(true);
    expect(pool.isResident(new Float32Array(7))).toBe(false);
    const q = pool.allocateParameter('float64', 3);
    expect(q).toBeInstanceOf(Float64Array);
    expect(pool.isResident(q)).toBe(false);
    // A call's scratch sits where the next resident array goes: that array still starts at zero.
    pool.matmul(randomFloats(64, 1), randomFloats(64, 2), new Float32Array(64), 8, 8, 8, false, false);
    const r = pool.allocateParameter('float32', 200) as Float32Array;
    expect([...r].every((x) => Object.is(x, 0))).toBe(true);
    // A view into a resident array is not one; a released array's block is handed out again, zeroed.
    expect(pool.isResident(r.subarray(1))).toBe(false);
    r.fill(5);
    pool.releaseParameter(r);
    expect(pool.isResident(r)).toBe(false);
    const again = pool.allocateParameter('float32', 199) as Float32Array; // the same padded size
    expect(again.byteOffset).toBe(r.byteOffset);
    expect([...again].every((x) => Object.is(x, 0))).toBe(true);
    expect(pool.isResident(again)).toBe(true);
    await pool.close();
  });

  it('equals adamUpdate bit for bit (odd sizes, both forms, 1 and 2 threads), and leaves its neighbours alone', () => {
    const residentPools = [new JsBackend(1), new JsBackend(2, { minParallelWork: 0 })];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 301 }), fc.boolean(), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 1e6 }), adamSettings, (n, epsilonHat, which, seed, { firstStep, ...settings }) => {
        const pool = residentPools[which];
        const hp = { ...settings, amsgrad: false, epsilonHat };
        const start = randomFloats(n, seed);
        const reference = { p: start.slice(), m: new Float32Array(n), v: new Float32Array(n) };
        const [p, m, v] = [0, 1, 2].map(() => pool.allocateParameter('float32', n) as Float32Array);
        const after = pool.allocateParameter('float32', 4) as Float32Array; // right after v: must not change
        after.set([1, 2, 3, 4]);
        p.set(start);
        if (![p, m, v].every((a) => pool.isResident(a))) return false;
        const calls = pool.wasmAdamCalls;
        for (let t = firstStep; t < firstStep + 4; t++) {
          const g = randomFloats(n, seed + t);
          adamUpdate(reference.p, g, { m: reference.m, v: reference.v }, hp, t);
          pool.adamUpdate(p, g, m, v, adamStep(hp, t));
        }
        if (pool.wasmAdamCalls !== calls + 4) return false; // the module ran, not the loop
        return bits(p).equals(bits(reference.p)) && bits(m).equals(bits(reference.m)) && bits(v).equals(bits(reference.v)) && [...after].join() === '1,2,3,4';
      }),
      { numRuns: 50 },
    );
    return Promise.all(residentPools.map((p) => p.close()));
  });
});

describe('Adam in the module split across threads', () => {
  it('lets the worker threads take chunks of a large resident parameter, with the same bits', async () => {
    const pool = new JsBackend(2, { minParallelWork: 0 });
    await pool.ready(); // the kernel thread is up (as setBackend waits for it), so it takes part from the first step
    const n = 400_003;
    const hp = { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false, epsilonHat: false };
    const start = randomFloats(n, 9);
    const reference = { p: start.slice(), m: new Float32Array(n), v: new Float32Array(n) };
    const [p, m, v] = [0, 1, 2].map(() => pool.allocateParameter('float32', n) as Float32Array);
    p.set(start);
    for (let t = 1; t <= 20; t++) {
      const g = randomFloats(n, 100 + t);
      adamUpdate(reference.p, g, { m: reference.m, v: reference.v }, hp, t);
      pool.adamUpdate(p, g, m, v, adamStep(hp, t));
    }
    expect(pool.wasmAdamCalls).toBe(20);
    expect(pool.counters().chunksByWorkers).toBeGreaterThan(0);
    expect(bits(p).equals(bits(reference.p)) && bits(m).equals(bits(reference.m)) && bits(v).equals(bits(reference.v))).toBe(true);
    await pool.close();
  });
});

/**
 * The module's row gather, scatter-add, block copy and elementwise product give the
 * TypeScript loops' bits on resident arrays, duplicates and NaN included, and leave other
 * arrays to the loops: on one thread, and on two with every call split across them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsBackend } from '../../../../src/backend/js/index.ts';
import { randomFloats } from '../../reference.ts';

const backends = { 'one thread': new JsBackend(1), 'two threads, every call split': new JsBackend(2, { minParallelWork: 0 }) };
const loops = new JsBackend(1, { matmulKernel: 'typescript' });
beforeAll(() => backends['two threads, every call split'].ready()); // the kernel thread is up, so it takes part from the first call
afterAll(async () => {
  for (const backend of Object.values(backends)) await backend.close();
  await loops.close();
});

const sameBits = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe.each(Object.entries(backends))('the module\'s row kernels, %s', (_, wasm) => {
  function resident(values: Float32Array): Float32Array {
    const array = wasm.allocateParameter('float32', values.length) as Float32Array;
    array.set(values);
    return array;
  }

  it('gather and scatter-add resident rows with the loops\' bits, duplicate indices adding in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 1e6 }), (rows, width4, raw, seed) => {
        const width = 4 * width4;
        const indices = Int32Array.from(raw, (r) => r % rows);
        const table = randomFloats(rows * width, seed);
        table[0] = NaN;
        const values = randomFloats(indices.length * width, seed + 1);
        const start = randomFloats(rows * width, seed + 2); // scatter-add adds onto what is there
        const want = { gathered: new Float32Array(indices.length * width), added: start.slice() };
        loops.gatherRows(table, indices, width, want.gathered);
        loops.scatterAddRows(values, indices, width, want.added);
        const got = { table: resident(table), gathered: resident(new Float32Array(indices.length * width).fill(7)), values: resident(values), added: resident(start) };
        wasm.gatherRows(got.table, indices, width, got.gathered);
        wasm.scatterAddRows(got.values, indices, width, got.added);
        const ok = sameBits(got.gathered, want.gathered) && sameBits(got.added, want.added);
        for (const array of Object.values(got)) wasm.releaseParameter(array);
        return ok;
      }),
      { numRuns: 80 },
    );
  });

  it('leaves an index outside the table, or a batch array too short, to the loop, which writes nothing outside the arrays', () => {
    const table = resident(Float32Array.from({ length: 8 }, (_, i) => i));
    const out = resident(new Float32Array(8).fill(-1));
    const neighbour = resident(new Float32Array(8).fill(5)); // placed after out: must not change
    wasm.gatherRows(table, Int32Array.from([1, 2]), 4, out); // row 2 is past the table's 2 rows: read as undefined, NaN
    expect([...out.subarray(0, 4)]).toEqual([4, 5, 6, 7]);
    expect([...out.subarray(4)].every(Number.isNaN)).toBe(true);
    wasm.scatterAddRows(out, Int32Array.from([0, 2]), 4, table); // the write to row 2 falls outside the table: dropped
    expect([...table]).toEqual([4, 6, 8, 10, 4, 5, 6, 7]);
    expect([...neighbour]).toEqual(new Array(8).fill(5));
    wasm.gatherRows(table, Int32Array.from([0, 1, 0]), 4, out); // three rows asked into two: the loop, which stops at out's end
    expect([...neighbour]).toEqual(new Array(8).fill(5));
    wasm.scatterAddRows(out, Int32Array.from([0, 1]), 0, table); // rows of width 0: nothing to add, nothing written
    expect([...neighbour]).toEqual(new Array(8).fill(5));
    expect([...table]).toEqual([4, 6, 8, 10, 4, 5, 6, 7]);
    for (const array of [table, out, neighbour]) wasm.releaseParameter(array);
  });

  it('copies strided blocks (concat and slice along columns) as the loop does, and declines what it cannot copy in place', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 1e6 }), (blocks, block4, gap4, offset4, seed) => {
        const [block, stride, offset] = [4 * block4, 4 * (block4 + gap4), 4 * offset4];
        const src = randomFloats(offset + blocks * stride, seed);
        src[offset] = NaN;
        const want = new Float32Array(blocks * block);
        for (let o = 0; o < blocks; o++) for (let c = 0; c < block; c++) want[o * block + c] = src[offset + o * stride + c]!;
        const [rsrc, rout] = [resident(src), resident(new Float32Array(blocks * block).fill(3))];
        const copied = wasm.copyBlocks(rsrc, offset, stride, rout, 0, block, blocks, block);
        const ok = copied && sameBits(rout, want);
        wasm.releaseParameter(rsrc);
        wasm.releaseParameter(rout);
        return ok;
      }),
      { numRuns: 60 },
    );
    const src = resident(new Float32Array(16));
    const out = resident(new Float32Array(16));
    expect(wasm.copyBlocks(src, 0, 8, out, 0, 8, 3, 8)).toBe(false); // the third block is past both arrays
    expect(wasm.copyBlocks(src, 2, 8, out, 0, 8, 1, 8)).toBe(false); // not on a 16-byte boundary
    expect(wasm.copyBlocks(new Float32Array(16), 0, 8, out, 0, 8, 2, 8)).toBe(false); // not resident
    for (const array of [src, out]) wasm.releaseParameter(array);
  });

  it('multiplies resident arrays elementwise with the loop\'s float32 products, any length, and declines others', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 1e6 }), (length, seed) => {
        const a = randomFloats(length, seed);
        const b = randomFloats(length, seed + 1);
        a[0] = NaN;
        const want = new Float32Array(length);
        for (let i = 0; i < length; i++) want[i] = a[i]! * b[i]!;
        const [ra, rb, rout] = [a, b, new Float32Array(length).fill(9)].map(resident);
        const ok = wasm.multiply(ra!, rb!, rout!) && sameBits(rout!, want);
        for (const array of [ra, rb, rout]) wasm.releaseParameter(array!);
        return ok;
      }),
      { numRuns: 60 },
    );
    const a = resident(new Float32Array(8));
    expect(wasm.multiply(a, new Float32Array(8), resident(new Float32Array(8)))).toBe(false);
  });

  it('zeroes resident arrays, -0 and NaN included, to +0 in every float, and leaves small or foreign arrays to the caller', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 1e6 }), (length, seed) => {
        const values = randomFloats(length, seed);
        values[0] = -0;
        values[length - 1] = NaN;
        const array = resident(values);
        const small = array.length < (wasm.minParallelWork ?? Infinity);
        const zeroed = wasm.zero(array);
        const ok = small ? !zeroed : zeroed && new Uint32Array(array.buffer, array.byteOffset, length).every((word) => word === 0);
        wasm.releaseParameter(array);
        return ok;
      }),
      { numRuns: 60 },
    );
    const large = resident(new Float32Array((1 << 16) + 3).fill(-0)); // past ZERO_MIN_FLOATS on any backend, with a tail of 3
    expect(wasm.zero(large)).toBe(true);
    expect(new Uint32Array(large.buffer, large.byteOffset, large.length).every((word) => word === 0)).toBe(true);
    wasm.releaseParameter(large);
    expect(wasm.zero(new Float32Array(1 << 17).fill(1))).toBe(false); // not resident
  });
});

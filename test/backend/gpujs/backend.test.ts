/** The gpujs backend's guards: the 2²⁴ limit, float64 handed to the js loops, the kernel cache, the host-side sort. */
import { afterAll, describe, expect, it } from 'vitest';
import { GPUJS_MAX_ELEMENTS, createGpujsBackend } from '../../../src/backend/gpujs/index.ts';
import { InThreadHost } from '../../../src/backend/gpujs/host.ts';
import { nodePlatform } from '../../../src/backend/platform/node.ts';
import { sortRowsByIndex } from '../../../src/backend/gpujs/sort-rows.ts';
import { createJsBackend } from '../../../src/backend/js/index.ts';
import { randomFloats } from '../reference.ts';

const gpujs = createGpujsBackend({ mode: 'webasm' });
const js = createJsBackend(1);
afterAll(async () => {
  await gpujs.close();
  await js.close();
});

describe('gpujs backend', () => {
  it('names its mode explicitly in its info', () => {
    expect(gpujs.info).toEqual({ name: 'gpujs', mode: 'webasm', threads: 1 });
  });

  it('refuses a table past 2^24 elements with a message that says why', () => {
    const table = new Float32Array(GPUJS_MAX_ELEMENTS + 16);
    expect(() => gpujs.gatherRows(table, Int32Array.of(0), 16, new Float32Array(16))).toThrow(/16777232 elements, past gpu.js's limit of 2\^24 = 16777216.*--backend js/);
  });

  it('hands float64 to the js loops (gpu.js computes in float32 only): same bits as js', () => {
    const a = Float64Array.from(randomFloats(35, 1));
    const b = Float64Array.from(randomFloats(35, 2));
    const viaGpujs = new Float64Array(49);
    const viaJs = new Float64Array(49);
    gpujs.matmul(a, b, viaGpujs, 7, 5, 7, false, false);
    js.matmul(a, b, viaJs, 7, 5, 7, false, false);
    expect(viaGpujs).toEqual(viaJs);
  });

  it('scatter-adds in the same float32 order as the js loop: the same bits', () => {
    const count = 400;
    const values = randomFloats(count * 16, 9);
    const indices = Int32Array.from({ length: count }, (_, i) => (i * 7) % 3);
    const viaGpujs = new Float32Array(10 * 16);
    const viaJs = new Float32Array(10 * 16);
    gpujs.scatterAddRows(values, indices, 16, viaGpujs);
    js.scatterAddRows(values, indices, 16, viaJs);
    expect(viaGpujs).toEqual(viaJs);
  });

  it('keeps a bounded kernel cache, destroying the kernels it evicts', async () => {
    const host = new InThreadHost('webasm', nodePlatform.loadGpujs());
    for (let n = 1; n <= 30; n++) host.run({ name: 'matmulNN', output: [n, 1], constants: { K: 1 }, args: [{ data: new Float32Array(1), size: [1, 1] }, { data: new Float32Array(n), size: [n, 1] }] }, new Float32Array(n));
    expect(host.cachedKernels).toBe(24);
    await host.close();
  });
});

describe('sortRowsByIndex', () => {
  it('groups batch rows by table row, ascending within a group', () => {
    const { order, start } = sortRowsByIndex(Int32Array.of(2, 0, 2, 1, 0, 2), 4);
    expect([...start]).toEqual([0, 2, 3, 6, 6]);
    expect([...order]).toEqual([1, 4, 3, 0, 2, 5]);
  });
});

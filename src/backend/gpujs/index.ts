/**
 * The `gpujs` backend: the same kernels as gpu.js kernels (kernel-sources.ts), in gpu.js's
 * WebGPU mode on a hardware adapter and in its webasm mode otherwise; the mode is always
 * named, never left to gpu.js's auto modes. gpu.js computes in float32 only: float64
 * tensors are computed by the js backend's loops, which this backend says in its info.
 *
 * Limits checked here rather than left to fail silently (docs/gpujs.md §8):
 *   - webasm computes some indices in float32, so no argument or output may pass 2²⁴
 *     elements (pitfall 2): such a call is refused with a message saying so;
 *   - loops are bounded by constants only (kernel-sources.ts), never by `loopMaxIterations`.
 */
import type { BackendInfo, FloatArray, GpujsMode, KernelBackend } from '../types.ts';
import { createJsBackend } from '../js/index.ts';
import { denseBackwardByParts, multiplyInPlace, scratchArrays } from '../dense-backward.ts';
import { InThreadHost, type KernelArg, type KernelHost } from './host.ts';
import { currentPlatform } from '../platform/current.ts';
import { BackendUnavailableError } from '../errors.ts';
import { sortRowsByIndex, type SortedRows } from './sort-rows.ts';

/** 2²⁴: past this many elements webasm reads wrong elements (docs/gpujs.md pitfall 2). */
export const GPUJS_MAX_ELEMENTS = 1 << 24;

export interface GpujsOptions {
  readonly mode: GpujsMode;
  /** The adapter or renderer the probe found (a GPU mode). */
  readonly adapter?: string;
  /** Why WebGPU was not used, when it was asked for (logged by the CLI). */
  readonly why?: string;
  /** Run gpu.js in a worker thread (always so for webgpu; for webasm, to test that path). */
  readonly inWorker?: boolean;
}

function checkSize(what: string, elements: number, mode: GpujsMode): void {
  if (elements > GPUJS_MAX_ELEMENTS) {
    throw new Error(
      `gpujs backend (${mode}): ${what} has ${elements} elements, past gpu.js's limit of 2^24 = ${GPUJS_MAX_ELEMENTS} ` +
        `(webasm computes indices in float32 and would read wrong elements); use --backend js for tables this large`,
    );
  }
}

/** gpu.js on this thread where its mode is synchronous, else in the platform's worker host. */
function createHost(mode: GpujsMode, inWorker: boolean): KernelHost {
  const platform = currentPlatform();
  if (mode !== 'webgpu' && !inWorker) return new InThreadHost(mode, platform.loadGpujs());
  // gpu.js's webgpu mode is asynchronous: it runs in a host thread the engine blocks on.
  if (platform.createGpujsWorkerHost === null) throw new BackendUnavailableError(`gpujs backend: gpu.js's ${mode} mode in a worker host is not available on the ${platform.name} platform`);
  return platform.createGpujsWorkerHost(mode);
}

export function createGpujsBackend(options: GpujsOptions): KernelBackend & { readonly host: KernelHost } {
  const { mode } = options;
  const host = createHost(mode, options.inWorker ?? false);
  const float64 = createJsBackend(1);
  const scratch = scratchArrays();
  const info: BackendInfo = { name: 'gpujs', mode, threads: 1, ...(options.adapter !== undefined ? { adapter: options.adapter } : {}) };
  let indexScratch = new Float32Array(0);
  let sorted: SortedRows | null = null;
  let sums = new Float32Array(0);

  const arg = (data: Float32Array, width?: number, height?: number): KernelArg => {
    checkSize('an argument', data.length, mode);
    return width === undefined ? { data } : { data: data.subarray(0, width * height!), size: [width, height!] };
  };
  const indicesAsFloats = (indices: Int32Array): Float32Array => {
    if (indexScratch.length < indices.length) indexScratch = new Float32Array(indices.length);
    const f = indexScratch.subarray(0, indices.length);
    f.set(indices);
    return f;
  };

  return {
    info,
    host,
    matmul(a, b, c, m, k, n, tA, tB) {
      if (!(a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array)) return float64.matmul(a, b, c, m, k, n, tA, tB);
      if (m === 0 || n === 0) return;
      if (k === 0) return void c.fill(0);
      checkSize('the output', m * n, mode);
      const name = tA ? (tB ? 'matmulTT' : 'matmulTN') : tB ? 'matmulNT' : 'matmulNN';
      const argA = tA ? arg(a, m, k) : arg(a, k, m);
      const argB = tB ? arg(b, k, n) : arg(b, n, k);
      host.run({ name, output: [n, m], constants: { K: k }, args: [argA, argB] }, c);
    },
    gatherRows(table, indices, width, out) {
      if (!(table instanceof Float32Array && out instanceof Float32Array)) return float64.gatherRows(table, indices, width, out);
      if (indices.length === 0 || width === 0) return;
      const rows = table.length / width;
      host.run({ name: 'gatherRows', output: [width, indices.length], constants: {}, args: [arg(table, width, rows), arg(indicesAsFloats(indices))] }, out);
    },
    scatterAddRows(values, indices, width, out) {
      if (!(values instanceof Float32Array && out instanceof Float32Array)) return float64.scatterAddRows(values, indices, width, out);
      if (indices.length === 0 || width === 0) return;
      const rows = out.length / width;
      sorted = sortRowsByIndex(indices, rows, sorted);
      if (sums.length < out.length) sums = new Float32Array(out.length);
      const result = sums.subarray(0, out.length);
      host.run(
        { name: 'scatterAddSorted', output: [width, rows], constants: { B: indices.length }, args: [arg(values, width, indices.length), arg(sorted.order), arg(sorted.start)] },
        result,
      );
      for (let i = 0; i < out.length; i++) out[i] += result[i];
    },
    denseForward(x, w, bias, out, m, k, n, relu, dropoutMask) {
      if (!(x instanceof Float32Array && w instanceof Float32Array && bias instanceof Float32Array && out instanceof Float32Array)) {
        return float64.denseForward(x, w, bias, out, m, k, n, relu, dropoutMask);
      }
      if (m === 0 || n === 0) return;
      checkSize('the output', m * n, mode);
      host.run({ name: 'denseForward', output: [n, m], constants: { K: k, RELU: relu ? 1 : 0 }, args: [arg(x, k, m), arg(w, n, k), arg(bias)] }, out);
      if (dropoutMask !== undefined) multiplyInPlace(out, dropoutMask);
    },
    async ready() {
      await host.ready;
    },
    denseBackward(x, w, g, y, dx, dw, db, m, k, n, relu, dropoutMask) {
      denseBackwardByParts(this, scratch, x, w, g, y, dx, dw, db, m, k, n, relu, dropoutMask);
    },
    // gpu.js would round every operation to float32 and upload and read back four arrays per
    // parameter (docs/gpujs.md §6.2.4); the js loop keeps the rule's bits and costs less at these sizes.
    adamUpdate: (p, g, m, v, step) => float64.adamUpdate(p, g, m, v, step),
    allocateParameter: (dtype, length) => float64.allocateParameter(dtype, length),
    releaseParameter: (array) => float64.releaseParameter(array),
    async close() {
      await host.close();
      await float64.close();
    },
  } satisfies KernelBackend & { host: KernelHost };
}

export type { FloatArray };

/**
 * The `js` backend: tuned TypeScript loops; float32 matmuls in a WebAssembly SIMD kernel
 * emitted from TypeScript (same bits as the TypeScript loop), split across worker threads.
 */
import type { KernelBackend } from '../types.ts';
import { MatmulPool, defaultThreadCount, type MatmulKernel } from './pool.ts';
import { gatherRows, scatterAddRows } from './rows.ts';

export interface JsBackendOptions {
  /** 'typescript' runs every kernel in its TypeScript loop, no WebAssembly (for comparison; same bits). */
  readonly matmulKernel?: MatmulKernel;
}

export function createJsBackend(threads = defaultThreadCount(), options: JsBackendOptions = {}): KernelBackend {
  const pool = new MatmulPool(threads, { kernel: options.matmulKernel });
  return {
    info: { name: 'js', threads, matmul: pool.kernel },
    ready: () => pool.warmUp(),
    counters: () => ({ splitCalls: pool.splitCalls, chunksByWorkers: pool.chunksByWorkers }),
    matmul: (a, b, c, m, k, n, tA, tB) => pool.matmul(a, b, c, m, k, n, tA, tB),
    gatherRows,
    scatterAddRows,
    denseForward: (x, w, bias, out, m, k, n, relu, dropoutMask) => pool.denseForward(x, w, bias, out, m, k, n, relu, dropoutMask),
    denseBackward: (x, w, g, y, dx, dw, db, m, k, n, relu, dropoutMask) => pool.denseBackward(x, w, g, y, dx, dw, db, m, k, n, relu, dropoutMask),
    adamUpdate: (p, g, m, v, step) => pool.adamUpdate(p, g, m, v, step),
    allocateParameter: (dtype, length) => pool.allocateParameter(dtype === 'float64', length),
    releaseParameter: (array) => pool.releaseParameter(array),
    close: () => pool.close(),
  };
}

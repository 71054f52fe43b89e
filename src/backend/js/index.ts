/** The `js` backend: tuned TypeScript loops, matmul split across worker threads. */
import type { KernelBackend } from '../types.ts';
import { MatmulPool, defaultThreadCount } from './pool.ts';
import { addBiasActivation, gatherRows, scatterAddRows } from './rows.ts';

export function createJsBackend(threads = defaultThreadCount()): KernelBackend {
  const pool = new MatmulPool(threads);
  return {
    info: { name: 'js', threads },
    matmul: (a, b, c, m, k, n, tA, tB) => pool.matmul(a, b, c, m, k, n, tA, tB),
    gatherRows,
    scatterAddRows,
    denseForward(x, w, bias, out, m, k, n, relu) {
      pool.matmul(x, w, out, m, k, n, false, false);
      addBiasActivation(out, bias, m, n, relu);
    },
    close: () => pool.close(),
  };
}

/**
 * C = op(A)·op(B) over flat row-major arrays, as a packed 4×4 register-blocked loop (the
 * BLIS scheme, Van Zee & van de Geijn 2015, reduced to one level): op(B) is packed once
 * into float64 column panels of width 4, each block of 4 rows of op(A) is packed into a
 * float64 row panel, and the micro-kernel keeps a 4×4 block of C in 16 local doubles,
 * reading both panels contiguously. Packing turns every transpose mix (A·B, Aᵀ·B, A·Bᵀ,
 * Aᵀ·Bᵀ) into the same inner loop and takes the float32→float64 conversions out of it.
 *
 * Numerics: every product is exact in float64 and each cell is summed in float64 in
 * ascending k, then rounded once when stored. A cell's value depends only on its row of
 * op(A) and column of op(B), never on which block or thread computed it, so any row
 * partition across workers gives the same bits as one thread.
 *
 * `packB` and `matmulRows` are self-contained (no imports, no outer names): the worker
 * pool ships their source text to worker threads (src/backend/js/worker-source.ts).
 */
import type { FloatArray } from '../../floats.ts';

export type Floats = FloatArray;

/** Length of the float64 panel buffer `packB` fills for an n-column op(B) of depth k. */
export function packedBLength(k: number, n: number): number {
  return Math.ceil(n / 4) * 4 * k;
}

/** op(B)[p, j] goes to PB[(j >> 2)·4k + 4p + (j & 3)]; columns past n are zero. */
export function packB(B: Floats, PB: Float64Array, k: number, n: number, transposeB: boolean): void {
  const bp = transposeB ? 1 : n;
  const bj = transposeB ? k : 1;
  for (let j0 = 0; j0 < n; j0 += 4) {
    const base = j0 * k;
    const cols = Math.min(4, n - j0);
    for (let p = 0; p < k; p++) {
      const o = base + 4 * p;
      const src = p * bp + j0 * bj;
      for (let c = 0; c < 4; c++) PB[o + c] = c < cols ? B[src + c * bj] : 0;
    }
  }
}

/**
 * Rows [rowFrom, rowTo) of C[m×n] = op(A)·op(B), with op(B) already packed by `packB`.
 * rowFrom must be a multiple of 4. PA is float64 scratch of at least 4k.
 */
export function matmulRows(A: Floats, PB: Float64Array, C: Floats, m: number, k: number, n: number, transposeA: boolean, rowFrom: number, rowTo: number, PA: Float64Array): void {
  const ai = transposeA ? 1 : k; // op(A)[i, p] = A[i·ai + p·ap]
  const ap = transposeA ? m : 1;
  for (let i = rowFrom; i < rowTo; i += 4) {
    const rows = Math.min(4, rowTo - i);
    for (let p = 0; p < k; p++) {
      const o = 4 * p;
      const src = i * ai + p * ap;
      for (let r = 0; r < 4; r++) PA[o + r] = r < rows ? A[src + r * ai] : 0;
    }
    for (let j = 0; j < n; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, pa = 0, pb = j * k; p < k; p++, pa += 4, pb += 4) {
        const x0 = PA[pa], x1 = PA[pa + 1], x2 = PA[pa + 2], x3 = PA[pa + 3];
        const y0 = PB[pb], y1 = PB[pb + 1], y2 = PB[pb + 2], y3 = PB[pb + 3];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      let o = i * n + j;
      if (rows === 4 && j + 4 <= n) {
        C[o] = c00; C[o + 1] = c01; C[o + 2] = c02; C[o + 3] = c03; o += n;
        C[o] = c10; C[o + 1] = c11; C[o + 2] = c12; C[o + 3] = c13; o += n;
        C[o] = c20; C[o + 1] = c21; C[o + 2] = c22; C[o + 3] = c23; o += n;
        C[o] = c30; C[o + 1] = c31; C[o + 2] = c32; C[o + 3] = c33;
      } else {
        // A block on the bottom or right edge: store only the cells inside C.
        const cols = Math.min(4, n - j);
        C[o] = c00; if (cols > 1) C[o + 1] = c01; if (cols > 2) C[o + 2] = c02; if (cols > 3) C[o + 3] = c03;
        if (rows > 1) { o += n; C[o] = c10; if (cols > 1) C[o + 1] = c11; if (cols > 2) C[o + 2] = c12; if (cols > 3) C[o + 3] = c13; }
        if (rows > 2) { o += n; C[o] = c20; if (cols > 1) C[o + 1] = c21; if (cols > 2) C[o + 2] = c22; if (cols > 3) C[o + 3] = c23; }
        if (rows > 3) { o += n; C[o] = c30; if (cols > 1) C[o + 1] = c31; if (cols > 2) C[o + 2] = c32; if (cols > 3) C[o + 3] = c33; }
      }
    }
  }
}

let panelB = new Float64Array(0);
let panelA = new Float64Array(0);

/** C = op(A)·op(B) on the calling thread, with scratch panels kept across calls. */
export function matmulInto(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    C.fill(0);
    return;
  }
  const need = packedBLength(k, n);
  if (panelB.length < need) panelB = new Float64Array(need);
  if (panelA.length < 4 * k) panelA = new Float64Array(4 * k);
  packB(B, panelB, k, n, transposeB);
  matmulRows(A, panelB, C, m, k, n, transposeA, 0, m, panelA);
}

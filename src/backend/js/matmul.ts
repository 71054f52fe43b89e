/**
 * C = op(A)·op(B) over flat row-major arrays, as a 4×4 register-blocked loop: each pass
 * keeps a 4×4 block of C in 16 local doubles, loads 4 values of op(A) and 4 of op(B) per
 * step along k, and rounds once when it stores. One strided loop serves A·B, Aᵀ·B, A·Bᵀ
 * and Aᵀ·Bᵀ. The summation order is fixed (k ascending), so results are bit-reproducible.
 * ../shared/GPUJS.md §2 measured this form at 2.2–4.4 GFLOP/s on one core, 2–6× a naive
 * loop.
 */
export type Floats = Float32Array | Float64Array;

export function matmulInto(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean): void {
  // op(A)[i, p] = A[i·ai + p·ap];  op(B)[p, j] = B[p·bp + j·bj]
  const ai = transposeA ? 1 : k;
  const ap = transposeA ? m : 1;
  const bp = transposeB ? 1 : n;
  const bj = transposeB ? k : 1;
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    const a0 = i * ai;
    const a1 = a0 + ai;
    const a2 = a1 + ai;
    const a3 = a2 + ai;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      const b0 = j * bj;
      const b1 = b0 + bj;
      const b2 = b1 + bj;
      const b3 = b2 + bj;
      for (let p = 0; p < k; p++) {
        const pa = p * ap;
        const pb = p * bp;
        const x0 = A[a0 + pa], x1 = A[a1 + pa], x2 = A[a2 + pa], x3 = A[a3 + pa];
        const y0 = B[b0 + pb], y1 = B[b1 + pb], y2 = B[b2 + pb], y3 = B[b3 + pb];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      let o = i * n + j;
      C[o] = c00; C[o + 1] = c01; C[o + 2] = c02; C[o + 3] = c03;
      o += n;
      C[o] = c10; C[o + 1] = c11; C[o + 2] = c12; C[o + 3] = c13;
      o += n;
      C[o] = c20; C[o + 1] = c21; C[o + 2] = c22; C[o + 3] = c23;
      o += n;
      C[o] = c30; C[o + 1] = c31; C[o + 2] = c32; C[o + 3] = c33;
    }
    for (let r = i; r < i + 4; r++) edgeCells(A, B, C, r, n4, n, k, ai, ap, bp, bj);
  }
  for (let r = m4; r < m; r++) edgeCells(A, B, C, r, 0, n, k, ai, ap, bp, bj);
}

/** Cells (row, fromCol..toCol-1) one dot product each: the rows and columns left over by the 4×4 blocks. */
function edgeCells(A: Floats, B: Floats, C: Floats, row: number, fromCol: number, toCol: number, k: number, ai: number, ap: number, bp: number, bj: number): void {
  const a = row * ai;
  for (let j = fromCol; j < toCol; j++) {
    const b = j * bj;
    let sum = 0;
    for (let p = 0; p < k; p++) sum += A[a + p * ap] * B[b + p * bp];
    C[row * toCol + j] = sum;
  }
}

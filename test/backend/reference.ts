/** Plain float64 reference loops for the kernel tests, and the tolerance they are held to. */
export function referenceMatmul(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number, tA: boolean, tB: boolean): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let abs = 0;
      for (let p = 0; p < k; p++) {
        const x = tA ? a[p * m + i] : a[i * k + p];
        const y = tB ? b[j * k + p] : b[p * n + j];
        s += x * y;
        abs += Math.abs(x * y);
      }
      value[i * n + j] = s;
      scale[i * n + j] = abs;
    }
  }
  return { value, scale };
}

/**
 * The largest |got − want| / scale over the cells, where scale is the sum of the absolute
 * terms of each cell (Higham 2002, §3.1: the natural relative measure of a computed sum).
 */
export function worstRelativeError(got: ArrayLike<number>, want: ArrayLike<number>, scale: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]) / Math.max(scale[i], 1e-30);
    if (!(err <= worst)) worst = Number.isNaN(err) ? Infinity : Math.max(worst, err);
  }
  return worst;
}

export function randomFloats(length: number, seed: number): Float32Array {
  // A small LCG: deterministic test data without touching the engine's RNG.
  const out = new Float32Array(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}

export function shared(values: Float32Array): Float32Array {
  const out = new Float32Array(new SharedArrayBuffer(values.length * 4 || 4), 0, values.length);
  out.set(values);
  return out;
}

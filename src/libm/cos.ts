/**
 * cos(x) and sin(x) with the same bits on every JavaScript engine. Math.cos is not one function
 * across engines: V8 in Node 20 runs fdlibm's cos (its ieee754::cos), while later V8s
 * (Chromium's) run cosine derived from glibc, which differs in the last bit on some
 * inputs. Box–Muller normals and the cosine learning-rate schedule go through cos, so
 * a seeded run would not give the same bits in Node and in a browser. This is fdlibm's
 * algorithm (Sun Microsystems, 1993; e_rem_pio2.c, k_cos.c, k_sin.c, s_cos.c) for
 * |x| < 2^19·π/2, in float64 arithmetic only, so it equals Node 20's Math.cos bit for bit
 * (test/libm/cos.test.ts checks millions of inputs) and runs the same everywhere.
 */
import { fromWords, highWord } from './words.ts';

// π/2 in pieces, for Cody–Waite argument reduction (e_rem_pio2.c).
const INV_PIO2 = fromWords(0x3fe45f30, 0x6dc9c883);
const PIO2_1 = fromWords(0x3ff921fb, 0x54400000); // first 33 bits of π/2
const PIO2_1T = fromWords(0x3dd0b461, 0x1a626331); // π/2 − PIO2_1
const PIO2_2 = fromWords(0x3dd0b461, 0x1a600000); // second 33 bits
const PIO2_2T = fromWords(0x3ba3198a, 0x2e037073); // π/2 − (PIO2_1 + PIO2_2)
const PIO2_3 = fromWords(0x3ba3198a, 0x2e000000); // third 33 bits
const PIO2_3T = fromWords(0x397b839a, 0x252049c1); // π/2 − (PIO2_1 + PIO2_2 + PIO2_3)

/** High words of n·π/2 for n = 1..32: where the quick reduction may cancel (e_rem_pio2.c's npio2_hw). */
const NPIO2_HW = Int32Array.from({ length: 32 }, (_, k) => highWord(((k + 1) * Math.PI) / 2));

// Polynomial coefficients of cos and sin on [−π/4, π/4] (k_cos.c, k_sin.c).
const C1 = fromWords(0x3fa55555, 0x5555554c);
const C2 = fromWords(0xbf56c16c, 0x16c15177);
const C3 = fromWords(0x3efa01a0, 0x19cb1590);
const C4 = fromWords(0xbe927e4f, 0x809c52ad);
const C5 = fromWords(0x3e21ee9e, 0xbdb4b1c4);
const C6 = fromWords(0xbda8fae9, 0xbe8838d4);
const S1 = fromWords(0xbfc55555, 0x55555549);
const S2 = fromWords(0x3f811111, 0x1110f8a6);
const S3 = fromWords(0xbf2a01a0, 0x19c161d5);
const S4 = fromWords(0x3ec71de3, 0x57b1fe7d);
const S5 = fromWords(0xbe5ae5e6, 0x8a2b9ceb);
const S6 = fromWords(0x3de5d93a, 0x5acfd57c);

/** cos(x + y) for |x| ≤ π/4, y the tail of x (k_cos.c). */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0); // x/4, or 0.28125 past 0.78125
  const iz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (iz - (z * r - x * y));
}

/** sin(x + y) for |x| ≤ π/4, y the tail of x (k_sin.c with iy = 1). */
function kernelSin(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return x; // |x| < 2^-27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/** sin(x) for |x| ≤ π/4 with no tail (k_sin.c with iy = 0, which rounds differently from iy = 1). */
function kernelSinExact(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return x; // |x| < 2^-27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x + v * (S1 + z * r);
}

/** x = n·π/2 + (y0 + y1) with |y0 + y1| ≤ π/4, for |x| ≤ 2^19·π/2 (e_rem_pio2.c's small and medium cases); returns n. */
function remPio2(x: number, y: Float64Array): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    const sign = hx > 0 ? 1 : -1;
    let z = x - sign * PIO2_1;
    if (ix !== 0x3ff921fb) {
      y[0] = z - sign * PIO2_1T;
      y[1] = z - y[0] - sign * PIO2_1T;
    } else {
      // near π/2: 33 + 33 + 53 bits of π/2
      z -= sign * PIO2_2;
      y[0] = z - sign * PIO2_2T;
      y[1] = z - y[0] - sign * PIO2_2T;
    }
    return sign;
  }
  const t0 = Math.abs(x);
  const n = Math.trunc(t0 * INV_PIO2 + 0.5);
  const fn = n;
  let r = t0 - fn * PIO2_1;
  let w = fn * PIO2_1T; // good to 85 bits
  if (n < 32 && ix !== NPIO2_HW[n - 1]) {
    y[0] = r - w; // no cancellation
  } else {
    const j = ix >> 20;
    y[0] = r - w;
    let i = j - ((highWord(y[0]) >> 20) & 0x7ff);
    if (i > 16) {
      // second iteration, good to 118 bits
      let t = r;
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      y[0] = r - w;
      i = j - ((highWord(y[0]) >> 20) & 0x7ff);
      if (i > 49) {
        // third iteration, 151 bits
        t = r;
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        y[0] = r - w;
      }
    }
  }
  y[1] = r - y[0] - w;
  if (hx < 0) {
    y[0] = -y[0];
    y[1] = -y[1];
    return -n;
  }
  return n;
}

const reduced = new Float64Array(2);
/** 2^19·π/2: past it fdlibm needs its large-argument reduction, which this file leaves out. */
const MEDIUM_LIMIT_HW = 0x413921fb;

/** cos(x), the same bits on every engine, for |x| ≤ 2^19·π/2 ≈ 823,550 (a RangeError past it). */
export function cosine(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0); // |x| ≤ π/4
  if (ix >= 0x7ff00000) return NaN; // ±∞ or NaN
  if (ix > MEDIUM_LIMIT_HW) throw new RangeError(`cosine: |x| must be at most 2^19·π/2, got ${x}`);
  const n = remPio2(x, reduced);
  switch (n & 3) {
    case 0:
      return kernelCos(reduced[0]!, reduced[1]!);
    case 1:
      return -kernelSin(reduced[0]!, reduced[1]!);
    case 2:
      return -kernelCos(reduced[0]!, reduced[1]!);
    default:
      return kernelSin(reduced[0]!, reduced[1]!);
  }
}

/** sin(x), the same bits on every engine, for |x| ≤ 2^19·π/2 ≈ 823,550 (a RangeError past it); s_sin.c. */
export function sine(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSinExact(x); // |x| ≤ π/4
  if (ix >= 0x7ff00000) return NaN; // ±∞ or NaN
  if (ix > MEDIUM_LIMIT_HW) throw new RangeError(`sine: |x| must be at most 2^19·π/2, got ${x}`);
  const n = remPio2(x, reduced);
  switch (n & 3) {
    case 0:
      return kernelSin(reduced[0]!, reduced[1]!);
    case 1:
      return kernelCos(reduced[0]!, reduced[1]!);
    case 2:
      return -kernelSin(reduced[0]!, reduced[1]!);
    default:
      return -kernelCos(reduced[0]!, reduced[1]!);
  }
}

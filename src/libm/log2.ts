/**
 * log2(x) with the same bits on every JavaScript engine. V8 in Node 20 runs its port of
 * FreeBSD's e_log2.c (fdlibm's reduction and kernel, k_log.h) for Math.log2; later V8s
 * (Chromium's) differ in the last bit on some inputs (103 of the integers 1..300000, the
 * first at 1375), so NDCG's 1/log2(rank + 2) would not give the same bits in Node and in a
 * browser. This is that algorithm (Sun Microsystems, 1993: freely distributable with its
 * notice), in float64 arithmetic only: it equals Node 20's Math.log2 bit for bit
 * (test/libm/log2.test.ts) and runs the same everywhere.
 */
import { fromWords, highWord, lowWord, withHighWord, withLowWord } from './words.ts';
import { LG1, LG2, LG3, LG4, LG5, LG6, LG7, TWO54 } from './log.ts';

const IVLN2HI = fromWords(0x3ff71547, 0x65200000); // 1/ln 2 to 33 bits: hi·IVLN2HI is exact
const IVLN2LO = fromWords(0x3de705fc, 0x2eefa200); // 1/ln 2 − IVLN2HI

// log(1 + f) = f − f²/2 + s·(f²/2 + R(s²)), s = f/(2 + f), R(z) ≈ Lg1·z + … + Lg7·z⁷ (k_log.h), with log.ts's coefficients.

/** log₂ x, the same bits on every engine (FreeBSD's e_log2.c as V8 11 ports it). */
export function log2(x: number): number {
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^−1022: zero, subnormal or negative
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log2(±0)
    if (hx < 0) return NaN; // log2(negative)
    k -= 54;
    x *= TWO54; // subnormal: scale up
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
  if (hx === 0x3ff00000 && lx === 0) return 0; // log2(1) = +0
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // x = 2^k·(1 + f) with √2/2 < 1 + f < √2: i is 0x100000 where the fraction is past √2, and then x/2 is taken.
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const y = k;
  const f = x - 1;
  const hfsq = 0.5 * f * f;
  // k_log1p(f): log(1 + f) − f + f²/2
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = s * (hfsq + (t2 + t1));
  // (f − f²/2 + r)/ln 2 + k in extra precision: hi is f − f²/2 to 21 bits, so hi·IVLN2HI is exact.
  const hi = withLowWord(f - hfsq, 0);
  const lo = f - hi - hfsq + r;
  let valHi = hi * IVLN2HI;
  let valLo = (lo + hi) * IVLN2LO + lo * IVLN2HI;
  const sum = y + valHi;
  valLo += y - sum + valHi;
  valHi = sum;
  return valLo + valHi;
}

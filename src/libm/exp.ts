/**
 * exp(x) and expm1(x) = eˣ − 1 with the same bits on every JavaScript engine. V8 in
 * Node 20 runs its ports of fdlibm's e_exp.c and s_expm1.c for Math.exp and Math.expm1;
 * later V8s (Chromium's) compute them otherwise and differ in the last bit on many
 * inputs, so a seeded run (sigmoid, BCE, the synthetic data) would not give the same bits
 * in Node and in a browser. These are fdlibm's algorithms (Sun Microsystems, 1993: freely
 * distributable with its notice), with V8's two changes to exp (exp(1) is e, and k = 1024
 * scales in two steps), in float64 arithmetic only: they equal Node 20's Math.exp and
 * Math.expm1 bit for bit (test/libm/exp.test.ts) and run the same everywhere.
 */
import { fromWords, highWord, lowWord } from './words.ts';

const O_THRESHOLD = fromWords(0x40862e42, 0xfefa39ef); // ln(MAX_VALUE) ≈ 709.78: above, overflow
const U_THRESHOLD = fromWords(0xc0874910, 0xd52d3051); // ≈ −745.13: below, underflow to 0
const LN2_HI = fromWords(0x3fe62e42, 0xfee00000); // ln 2 to 32 bits: k·LN2_HI is exact for |k| < 2^21
const LN2_LO = fromWords(0x3dea39ef, 0x35793c76); // ln 2 − LN2_HI
const INV_LN2 = fromWords(0x3ff71547, 0x652b82fe);
const E = fromWords(0x4005bf0a, 0x8b145769);
const TWO_M1000 = fromWords(0x01700000, 0); // 2^−1000
const TWO_1023 = fromWords(0x7fe00000, 0); // 2^1023
const HUGE = 1e300;

// R(z) ≈ 2 + P1·z + … + P5·z⁵ approximates r·(eʳ + 1)/(eʳ − 1), z = r², on [0, ln2/2] (e_exp.c).
const P1 = fromWords(0x3fc55555, 0x5555553e);
const P2 = fromWords(0xbf66c16c, 0x16bebd93);
const P3 = fromWords(0x3f11566a, 0xaf25de2c);
const P4 = fromWords(0xbebbbd41, 0xc5d26bf1);
const P5 = fromWords(0x3e663769, 0x72bea4d0);

/** eˣ, the same bits on every engine (fdlibm's e_exp.c as V8 11 ports it). */
export function exp(x: number): number {
  const signed = highWord(x);
  const negative = signed < 0;
  const hx = signed & 0x7fffffff; // high word of |x|
  if (hx >= 0x40862e42) {
    // |x| ≥ 709.78…: ±∞, NaN, or past the thresholds
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
      return negative ? 0 : x; // e^+∞ = +∞, e^−∞ = 0
    }
    if (x > O_THRESHOLD) return HUGE * HUGE; // +∞
    if (x < U_THRESHOLD) return TWO_M1000 * TWO_M1000; // +0
  }
  // Reduce: x = k·ln2 + r with |r| ≤ ln2/2, r held as hi − lo.
  let k = 0;
  let hi = 0;
  let lo = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5·ln2: k = ±1
      if (x === 1) return E; // V8's special case: the general path is one ulp off at 1
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5)); // C's conversion to int truncates
      hi = x - k * LN2_HI; // exact
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^−28: eˣ rounds to 1 + x
    if (HUGE + x > 1) return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - ((lo - (x * c) / (2 - c)) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * TWO_1023; // 2^1024 is not a float64: scale in two steps
    return y * fromWords(0x3ff00000 + k * 0x100000, 0); // y·2^k
  }
  return y * fromWords(0x3ff00000 + (k + 1000) * 0x100000, 0) * TWO_M1000; // subnormal result: y·2^(k+1000)·2^−1000
}

// R1(z) ≈ 1 + Q1·z + … + Q5·z⁵, scaled for z = x²/2 (s_expm1.c).
const Q1 = fromWords(0xbfa11111, 0x111110f4);
const Q2 = fromWords(0x3f5a01a0, 0x19fe5585);
const Q3 = fromWords(0xbf14ce19, 0x9eaadbb7);
const Q4 = fromWords(0x3ed0cfca, 0x86e65239);
const Q5 = fromWords(0xbe8afdb7, 0x6e09c32d);
const TINY = 1e-300;

/** eˣ − 1, accurate near 0; the same bits on every engine (fdlibm's s_expm1.c as V8 11 ports it). */
export function expm1(x: number): number {
  const signed = highWord(x);
  const negative = signed < 0;
  const hx = signed & 0x7fffffff;
  if (hx >= 0x4043687a) {
    // |x| ≥ 56·ln2
    if (hx >= 0x40862e42) {
      // |x| ≥ 709.78…
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
        return negative ? -1 : x;
      }
      if (x > O_THRESHOLD) return HUGE * HUGE; // +∞
    }
    if (negative && x + TINY < 0) return TINY - 1; // x < −56·ln2: −1
  }
  // Reduce: x = k·ln2 + r, r = hi − lo, and c the rounding error of r.
  let k = 0;
  let c = 0;
  if (hx > 0x3fd62e42) {
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) {
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    // |x| < 2^−54: x itself
    const t = HUGE + x;
    return x - (t - (HUGE + x));
  }
  // expm1(r) = r + r²/2 + (r³/2)·[(3 − (R1 + R1·r/2)) / (6 − r·(3 − R1·r/2))], rearranged as r − (r·e − r²/2).
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c; // fold in the reduction's error: expm1(r + c) ≈ expm1(r) + c + r·c
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) {
    // 2^k·(1 + expm1(r)) − 1: the −1 is negligible or dominant either way
    let y = 1 - (e - x);
    y = k === 1024 ? y * 2 * TWO_1023 : y * fromWords(0x3ff00000 + k * 0x100000, 0);
    return y - 1;
  }
  const twoK = fromWords(0x3ff00000 + k * 0x100000, 0);
  if (k < 20) {
    t = fromWords(0x3ff00000 - (0x200000 >> k), 0); // 1 − 2^−k
    return (t - (e - x)) * twoK;
  }
  t = fromWords((0x3ff - k) * 0x100000, 0); // 2^−k
  return (x - (e + t) + 1) * twoK;
}

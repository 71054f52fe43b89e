/**
 * xʸ with the same bits on every JavaScript engine, and with JavaScript's special cases
 * (pow(x, ±0) = 1 even for NaN x; pow(±1, ±∞) = NaN, where C says 1). V8 in Node 20 runs
 * its port of fdlibm's e_pow.c for Math.pow and `**`; later V8s (Chromium's) use another
 * pow that differs in the last bit on some inputs, even for small integer exponents, so a
 * seeded run (Adam's bias corrections β^t, Nadam's 0.96^(k·ψ), decay schedules) would not
 * give the same bits in Node and in a browser. This is fdlibm's algorithm (Sun
 * Microsystems, 1993: freely distributable with its notice), in float64 arithmetic only:
 * it equals Node 20's Math.pow bit for bit (test/libm/pow.test.ts) and runs the same
 * everywhere.
 *
 * Method: with x = 2^n·(1 + f), log2(x) is computed in two pieces t1 + t2 (t1 with its
 * low word zero), y·log2(x) is formed in extra precision as p_h + p_l = m + y' with
 * |y'| ≤ 1/2, and xʸ = 2^m·exp(y'·ln 2) through e_exp.c's rational approximation.
 */
import { fromWords, highWord, lowWord, withHighWord, withLowWord } from './words.ts';

const TWO53 = fromWords(0x43400000, 0);
const TWO_M54 = fromWords(0x3c900000, 0);
const HUGE = 1e300;
const TINY = 1e-300;
// log2 of 1.5 in two pieces, for x's mantissa in [√(3/2), √3) (reduced against 1.5).
const DP_H = fromWords(0x3fe2b803, 0x40000000);
const DP_L = fromWords(0x3e4cfdeb, 0x43cfd006);
// (3/2)·(log(x) − 2s − (2/3)·s³) ≈ s⁴·(L1 + L2·s² + … + L6·s¹⁰), s = (x − 1)/(x + 1).
const L1 = fromWords(0x3fe33333, 0x33333303);
const L2 = fromWords(0x3fdb6db6, 0xdb6fabff);
const L3 = fromWords(0x3fd55555, 0x518f264d);
const L4 = fromWords(0x3fd17460, 0xa91d4101);
const L5 = fromWords(0x3fcd864a, 0x93c9db65);
const L6 = fromWords(0x3fca7e28, 0x4a454eef);
// e_exp.c's R(z) coefficients.
const P1 = fromWords(0x3fc55555, 0x5555553e);
const P2 = fromWords(0xbf66c16c, 0x16bebd93);
const P3 = fromWords(0x3f11566a, 0xaf25de2c);
const P4 = fromWords(0xbebbbd41, 0xc5d26bf1);
const P5 = fromWords(0x3e663769, 0x72bea4d0);
const LG2 = fromWords(0x3fe62e42, 0xfefa39ef); // ln 2
const LG2_H = fromWords(0x3fe62e43, 0); // ln 2 to 21 bits
const LG2_L = fromWords(0xbe205c61, 0x0ca86c39); // ln 2 − LG2_H
const OVT = 8.0085662595372944372e-17; // −(1024 − log2(MAX_VALUE + ½ulp)): where 2^1024 rounds to ∞
const CP = fromWords(0x3feec709, 0xdc3a03fd); // 2/(3·ln 2)
const CP_H = fromWords(0x3feec709, 0xe0000000); // CP to 24 bits
const CP_L = fromWords(0xbe3e2fe0, 0x145b01f5); // CP − CP_H
const IVLN2 = fromWords(0x3ff71547, 0x652b82fe); // 1/ln 2
const IVLN2_H = fromWords(0x3ff71547, 0x60000000); // 1/ln 2 to 24 bits
const IVLN2_L = fromWords(0x3e54ae0b, 0xf85ddf44); // 1/ln 2 − IVLN2_H

/** 2^n·z for z normal and a subnormal or zero result, rounded once (fdlibm's s_scalbn.c, the path pow takes). */
function scaleToSubnormal(z: number, n: number): number {
  const hz = highWord(z);
  const k = ((hz & 0x7ff00000) >> 20) + n; // the result's biased exponent
  if (k <= -54) return TINY * (z < 0 ? -TINY : TINY); // ±0
  return withHighWord(z, (hz & 0x800fffff) | ((k + 54) << 20)) * TWO_M54; // exact, then one rounding
}

/**
 * Whether y is an integer, seen from its words when x < 0: 0 not an integer, 1 odd, 2 even
 * (e_pow.c's yisint; |y| ≥ 2^53 is even).
 */
function integerKind(iy: number, ly: number): number {
  if (iy >= 0x43400000) return 2;
  if (iy < 0x3ff00000) return 0; // |y| < 1
  const e = (iy >> 20) - 0x3ff; // unbiased exponent
  if (e > 20) {
    const j = ly >>> (52 - e);
    return (j << (52 - e)) >>> 0 === ly ? 2 - (j & 1) : 0;
  }
  if (ly !== 0) return 0;
  const j = iy >> (20 - e);
  return j << (20 - e) === iy ? 2 - (j & 1) : 0;
}

/** xʸ as Math.pow and `**` give it in Node 20, the same bits on every engine (fdlibm's e_pow.c as V8 11 ports it). */
export function pow(x: number, y: number): number {
  const hx = highWord(x);
  const lx = lowWord(x);
  const hy = highWord(y);
  const ly = lowWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1; // x^±0 = 1, NaN too
  if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lx !== 0) || iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0)) return x + y; // NaN
  const yisint = hx < 0 ? integerKind(iy, ly) : 0;

  // Special values of y.
  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±∞
      if (((ix - 0x3ff00000) | lx) === 0) return y - y; // (±1)^±∞ = NaN (ECMAScript)
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // |x| > 1
      return hy < 0 ? -y : 0; // |x| < 1
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y = ±1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = 0.5, x ≥ +0
  }

  let ax = Math.abs(x);
  // Special values of x: ±0, ±∞, ±1.
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    let z = hy < 0 ? 1 / ax : ax;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) z = NaN; // (−1)^non-integer
      else if (yisint === 1) z = -z; // (x < 0)^odd = −(|x|^odd)
    }
    return z;
  }

  const nonNegative = (hx >> 31) + 1; // 0 for x < 0
  if ((nonNegative | yisint) === 0) return NaN; // (x < 0)^non-integer
  const s = (nonNegative | (yisint - 1)) === 0 ? -1 : 1; // the result's sign: −1 for (x < 0)^odd

  // log2(|x|) = t1 + t2, t1 with its low word zero.
  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: overflow or underflow unless x is 1, which was handled
      if (ix <= 0x3fefffff) return hy < 0 ? HUGE * HUGE : TINY * TINY;
      if (ix >= 0x3ff00000) return hy > 0 ? HUGE * HUGE : TINY * TINY;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * HUGE * HUGE : s * TINY * TINY;
    if (ix > 0x3ff00000) return hy > 0 ? s * HUGE * HUGE : s * TINY * TINY;
    // |1 − x| ≤ 2^−20: log(x) ≈ t − t²/2 + t³/3 − t⁴/4, t = x − 1 (exact, 20 trailing zeros)
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = withLowWord(u + v, 0);
    t2 = v - (t1 - u);
  } else {
    let n = 0;
    if (ix < 0x00100000) {
      // subnormal x: scale up
      ax *= TWO53;
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    // Mantissa in [1, √(3/2)): reduce against 1 (k = 0); in [√(3/2), √3): against 1.5 (k = 1); else halve it.
    let k = 0;
    ix = j | 0x3ff00000;
    if (j <= 0x3988e) k = 0;
    else if (j < 0xbb67a) k = 1;
    else {
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHighWord(ax, ix);
    const bp = k === 0 ? 1 : 1.5;
    // ss = s_h + s_l = (ax − bp)/(ax + bp), s_h with its low word zero.
    const u0 = ax - bp;
    const v0 = 1 / (ax + bp);
    const ss = u0 * v0;
    const sH = withLowWord(ss, 0);
    let tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0); // ax + bp, high part
    let tL = ax - (tH - bp);
    const sL = v0 * ((u0 - sH * tH) - sH * tL);
    // log(ax) = 2·ss + (2/3)·ss³ + ss⁴·R
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = withLowWord(3 + s2 + r, 0);
    tL = r - ((tH - 3) - s2);
    // u + v = ss·(1 + …)
    const u = sH * tH;
    const v = sL * tH + tL * ss;
    // 2/(3·ln 2)·(ss + …)
    const pH = withLowWord(u + v, 0);
    const pL = v - (pH - u);
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + (k === 0 ? 0 : DP_L);
    // log2(ax) = n + dp_h + z_h + z_l
    const dpH = k === 0 ? 0 : DP_H;
    t1 = withLowWord(zL + zH + dpH + n, 0);
    t2 = zL - (((t1 - n) - dpH) - zH);
  }

  // y·log2|x| = (y1 + y2)·(t1 + t2) = pH + pL, y1 with its low word zero.
  const y1 = withLowWord(y, 0);
  let pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  let j = highWord(z);
  let i = lowWord(z);
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i) !== 0) return s * HUGE * HUGE; // z > 1024: overflow
    if (pL + OVT > z - pH) return s * HUGE * HUGE; // rounds past MAX_VALUE
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (j !== (0xc090cc00 | 0) || i !== 0) return s * TINY * TINY; // z < −1075: underflow
    if (pL <= z - pH) return s * TINY * TINY;
  }

  // 2^(pH + pL): split off the integer m nearest z (when |z| > 1/2), then exp((pH + pL)·ln 2).
  i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  let m = 0;
  if (i > 0x3fe00000) {
    m = j + (0x00100000 >> (k + 1));
    k = ((m & 0x7fffffff) >> 20) - 0x3ff; // the exponent of z rounded
    const t = fromWords(m & ~(0x000fffff >> k), 0); // m as a float64: z rounded to an integer
    m = ((m & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) m = -m;
    pH -= t;
  }
  const t = withLowWord(pL + pH, 0);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2 + t * LG2_L;
  z = u + v; // (pH + pL)·ln 2, with its error in w
  const w = v - (z - u);
  const tt = z * z;
  const c = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const r = (z * c) / (c - 2 - (w + z * w));
  z = 1 - (r - z);
  j = (highWord(z) + (m << 20)) | 0; // the result's high word, if it is normal
  if (j >> 20 <= 0) z = scaleToSubnormal(z, m); // subnormal result
  else z = withHighWord(z, j);
  return s * z;
}

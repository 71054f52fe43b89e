/**
 * log(x) and log1p(x) = ln(1 + x) with the same bits on every JavaScript engine. V8 in
 * Node 20 runs its ports of fdlibm's e_log.c and s_log1p.c for Math.log and Math.log1p;
 * later V8s (Chromium's) use other implementations that differ in the last bit on many
 * inputs, so a seeded run (Box–Muller, BCE, the synthetic data) would not give the same
 * bits in Node and in a browser. These are fdlibm's algorithms (Sun Microsystems, 1993:
 * freely distributable with its notice), in float64 arithmetic only: they equal Node 20's
 * Math.log and Math.log1p bit for bit (test/libm/log.test.ts) and run the same everywhere.
 */
import { fromWords, highWord, lowWord, withHighWord } from './words.ts';

const LN2_HI = fromWords(0x3fe62e42, 0xfee00000); // ln 2 to 32 bits: k·LN2_HI is exact for |k| < 2000
const LN2_LO = fromWords(0x3dea39ef, 0x35793c76); // ln 2 − LN2_HI
export const TWO54 = fromWords(0x43500000, 0); // 2^54, to scale subnormals up

// log(1 + f) = 2s + s·R(s²), s = f/(2 + f), R(z) ≈ Lg1·z + … + Lg7·z⁷ on [0, 0.1716] (e_log.c, s_log1p.c).
export const LG1 = fromWords(0x3fe55555, 0x55555593);
export const LG2 = fromWords(0x3fd99999, 0x9997fa04);
export const LG3 = fromWords(0x3fd24924, 0x94229359);
export const LG4 = fromWords(0x3fcc71c5, 0x1d8e78af);
export const LG5 = fromWords(0x3fc74664, 0x96cb03de);
export const LG6 = fromWords(0x3fc39a09, 0xd078c69f);
export const LG7 = fromWords(0x3fc2f112, 0xdf3e5244);

/** ln x, the same bits on every engine (fdlibm's e_log.c as V8 11 ports it). */
export function log(x: number): number {
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^−1022: zero, subnormal or negative
    if (((hx & 0x7fffffff) | lowWord(x)) === 0) return -Infinity; // log(±0)
    if (hx < 0) return NaN; // log(negative)
    k -= 54;
    x *= TWO54; // subnormal: scale up
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // x = 2^k·(1 + f) with √2/2 < 1 + f < √2: i is 0x100000 where the fraction is past √2, and then x/2 is taken.
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // −2^−20 ≤ f < 2^−20: a short series
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - r : k * LN2_HI - ((r - k * LN2_LO) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    // x's fraction in (1.38, 1.42), near √2 (|f| largest): the more accurate form through f²/2
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - r) : k * LN2_HI - ((s * (f - r) - k * LN2_LO) - f);
}

/** ln(1 + x), accurate near 0; the same bits on every engine (fdlibm's s_log1p.c as V8 11 ports it). */
export function log1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    // 1 + x < √2 (about)
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN; // x ≤ −1
    if (ax < 0x3e200000) {
      // |x| < 2^−29
      if (TWO54 + x > 0 && ax < 0x3c900000) return x; // |x| < 2^−54
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      // −0.2929 < x < 0.41422: f = x exactly, no reduction
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
  if (k !== 0) {
    // 1 + x = 2^k·u; c corrects for the rounding of u = 1 + x
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1);
      c /= u;
    } else {
      // x ≥ 2^53: 1 + x is x
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000); // u in [1, √2)
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000); // u/2 in [√2/2, 1)
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^−20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const r = hfsq * (1 - 0.66666666666666666 * f);
    return k === 0 ? f - r : k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const r = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  return k === 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
}

/**
 * tanh(x) with the same bits on every JavaScript engine. V8 in Node 20 runs its port of
 * fdlibm's s_tanh.c for Math.tanh; later V8s (Chromium's) call the C library's tanh, which
 * differs in the last bit on some inputs, so a seeded run with tanh activations would not
 * give the same bits in Node and in a browser. This is fdlibm's algorithm (Sun
 * Microsystems, 1993: freely distributable with its notice) on top of ./exp.ts's expm1,
 * in float64 arithmetic only: it equals Node 20's Math.tanh bit for bit
 * (test/libm/tanh.test.ts) and runs the same everywhere.
 */
import { expm1 } from './exp.ts';
import { highWord } from './words.ts';

const TINY = 1e-300;
const HUGE = 1e300;

/**
 * tanh(x), the same bits on every engine. With t = expm1(±2|x|):
 *   |x| < 2^−28: x;   |x| < 1: −t/(t + 2), t = expm1(−2|x|);   |x| < 22: 1 − 2/(t + 2), t = expm1(2|x|);   else ±1.
 */
export function tanh(x: number): number {
  const jx = highWord(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return jx >= 0 ? 1 / x + 1 : 1 / x - 1; // ±∞ → ±1, NaN → NaN
  let z: number;
  if (ix < 0x40360000) {
    // |x| < 22
    if (ix < 0x3e300000 && HUGE + x > 1) return x; // |x| < 2^−28 (±0 too)
    if (ix >= 0x3ff00000) {
      const t = expm1(2 * Math.abs(x));
      z = 1 - 2 / (t + 2);
    } else {
      const t = expm1(-2 * Math.abs(x));
      z = -t / (t + 2);
    }
  } else {
    z = 1 - TINY; // 1
  }
  return jx >= 0 ? z : -z;
}

/**
 * Seeded inputs for the libm tests, from the project's RNG: numbers spread over a range,
 * log-uniform magnitudes, and float64s with arbitrary bit patterns (every exponent,
 * subnormals included). The reference each test compares with is Node 20's own Math.*.
 */
import type { Rng } from '../../src/random.ts';

/** Whether this Node's V8 is 11 or older: its Math.exp, log, pow… are fdlibm's, the reference. */
export const nodeHasFdlibm = Number(process.versions.v8.split('.')[0]) < 12;

const bits = new DataView(new ArrayBuffer(8));

/** A float64 with random bits: any sign and exponent (NaN and ±∞ included, rarely). */
export function anyDouble(rng: Rng): number {
  bits.setUint32(0, Math.floor(rng.uniform32() * 2 ** 32));
  bits.setUint32(4, Math.floor(rng.uniform32() * 2 ** 32));
  return bits.getFloat64(0);
}

/** Uniform in [low, high). */
export function between(rng: Rng, low: number, high: number): number {
  return rng.uniformIn(low, high);
}

/** 2^e·m for e uniform in [lowExponent, highExponent) and m uniform in [1, 2): log-uniform magnitudes. */
export function logUniform(rng: Rng, lowExponent: number, highExponent: number): number {
  return 2 ** Math.floor(rng.uniformIn(lowExponent, highExponent)) * (1 + rng.uniform());
}

/** The float64s next to x: x itself and `count` ulps either side. */
export function neighbours(x: number, count: number): number[] {
  const out: number[] = [];
  bits.setFloat64(0, x);
  const high = bits.getUint32(0);
  const low = bits.getUint32(4);
  for (let d = -count; d <= count; d++) {
    // step the 64-bit pattern by d, carrying into the high word
    const l = low + d;
    bits.setUint32(0, (high + Math.floor(l / 2 ** 32)) >>> 0);
    bits.setUint32(4, ((l % 2 ** 32) + 2 ** 32) % 2 ** 32);
    out.push(bits.getFloat64(0));
  }
  return out;
}

/** How many inputs give a result whose bits differ from the reference's (Object.is: −0 and NaN count), and the first few. */
export function mismatches(inputs: readonly number[], f: (x: number) => number, reference: (x: number) => number): { count: number; first: string[] } {
  let count = 0;
  const first: string[] = [];
  for (const x of inputs) {
    const got = f(x);
    const want = reference(x);
    if (!Object.is(got, want)) {
      count++;
      if (first.length < 5) first.push(`${x}: got ${got}, want ${want}`);
    }
  }
  return { count, first };
}

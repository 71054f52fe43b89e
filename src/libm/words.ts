/**
 * The 32-bit words of a float64, as fdlibm reads and writes them (its GET_HIGH_WORD,
 * INSERT_WORDS, SET_LOW_WORD…). Through a big-endian DataView, so the same on every engine
 * and platform. Shared by the functions of src/libm.
 */

const words = new DataView(new ArrayBuffer(8));

/** The float64 with the given high and low 32-bit words. */
export function fromWords(high: number, low: number): number {
  words.setUint32(0, high >>> 0);
  words.setUint32(4, low >>> 0);
  return words.getFloat64(0);
}

/** The high word (sign, exponent, top 20 bits of the fraction), as a signed 32-bit integer. */
export function highWord(x: number): number {
  words.setFloat64(0, x);
  return words.getInt32(0);
}

/** The low word (the last 32 bits of the fraction), unsigned. */
export function lowWord(x: number): number {
  words.setFloat64(0, x);
  return words.getUint32(4);
}

/** x with its high word replaced. */
export function withHighWord(x: number, high: number): number {
  words.setFloat64(0, x);
  words.setUint32(0, high >>> 0);
  return words.getFloat64(0);
}

/** x with its low word replaced (fdlibm's SET_LOW_WORD(x, 0) keeps the top 21 bits of the fraction). */
export function withLowWord(x: number, low: number): number {
  words.setFloat64(0, x);
  words.setUint32(4, low >>> 0);
  return words.getFloat64(0);
}

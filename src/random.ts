/**
 * The one source of randomness in seedgrad: seeded streams over seedrandom's Alea
 * generator, named and forkable.
 *
 * A stream is identified by its path (`"42/negatives/epoch-3"`), and forking derives
 * the child's seed from that path alone. Forking therefore never draws from the
 * parent, and adding a new consumer (`rng.fork('dropout')`) never shifts the numbers
 * any other stream produces: results stay comparable across versions.
 */
import seedrandom from 'seedrandom';
import { cosine } from './libm/cos.ts';
import { log } from './libm/log.ts';
import { describeArgument } from './describe.ts';
import { aleaKeepMaskWasm, type KeepMaskFill } from './random-keep-mask.ts';

export type { KeepMaskFill };

/** Everything needed to resume a stream exactly where it stopped. */
export interface RngState {
  readonly path: string;
  readonly alea: { c: number; s0: number; s1: number; s2: number };
}

export interface Rng {
  /** The stream's identity: the root seed and the names of the forks, joined by '/'. */
  readonly path: string;
  /** A child stream named `name`; its numbers depend only on `path + '/' + name`. */
  fork(name: string): Rng;
  /** A float in [0, 1) with 53 random bits. */
  uniform(): number;
  /** A float in [0, 1) with 32 random bits: one step of the generator, the cheapest draw. */
  uniform32(): number;
  /**
   * A dropout mask in one pass: out[i] = 0 where the i-th next `uniform32()` draw u is below
   * `rate` (in [0, 1]), else `keep` (a finite number > 0). Consumes `out.length` draws, the
   * numbers `uniform32()` would give, without a function call per draw. `fill`, where given,
   * draws a float32 mask where it can (a backend's: KernelBackend.keepMask), the same bits.
   */
  fillKeepMask<T extends Float32Array | Float64Array>(out: T, rate: number, keep: number, fill?: KeepMaskFill): T;
  /** A float in [low, high). */
  uniformIn(low: number, high: number): number;
  /** An integer in [0, n), for 1 <= n <= 2^53. */
  int(n: number): number;
  /** A standard normal draw (Box–Muller; one draw consumes two uniforms). */
  normal(): number;
  /** Fisher–Yates shuffle in place. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T;
  /** The generator's state, to checkpoint and later `restoreRng`. */
  state(): RngState;
}

type AleaPrng = seedrandom.PRNG & { state(): RngState['alea'] };

/** Masks shorter than this stay in the float64 loop (the module's call and copies cost more). */
const WASM_MASK_MIN = 256;

/**
 * Alea's step (Baagøe 2010), the generator seedrandom's `alea` runs, on a copy of its
 * state: each draw u is exactly the number calling the generator would give (a test
 * checks the draws and the state after 50,000 of them), written as keep·[u >= rate]
 * without a branch (a random branch mispredicts).
 */
function aleaKeepMask(state: RngState['alea'], out: Float32Array | Float64Array, rate: number, keep: number, fill?: KeepMaskFill): RngState['alea'] {
  // Float32 masks of some size: the same draws with 64-bit integers (random-keep-mask.ts).
  const viaWasm = out instanceof Float32Array && out.length >= WASM_MASK_MIN ? aleaKeepMaskWasm(state, out, rate, keep, fill) : null;
  if (viaWasm !== null) return viaWasm;
  let { c, s0, s1, s2 } = state;
  for (let i = 0; i < out.length; i++) {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10; // 2^-32
    s0 = s1;
    s1 = s2;
    // seedrandom writes t | 0; t is in [0, 2091640) (s0 in [0, 1), c in [0, 2091639], which
    // restoreRng checks), where Math.floor gives the same integer and V8 compiles it faster.
    c = Math.floor(t);
    s2 = t - c;
    out[i] = keep * +(s2 >= rate);
  }
  return { c, s0, s1, s2 };
}

function makeRng(path: string, initial: AleaPrng): Rng {
  let prng = initial;
  const uniform = (): number => prng.double();
  const rng: Rng = {
    path,
    fork: (name: string) => {
      if (name.length === 0 || name.includes('/')) {
        throw new Error(`rng.fork: stream name must be non-empty and contain no '/', got ${JSON.stringify(name)}`);
      }
      return createStream(`${path}/${name}`);
    },
    uniform,
    uniform32: () => prng(),
    fillKeepMask: (out, rate, keep, fill) => {
      if (!(rate >= 0 && rate <= 1)) throw new Error(`rng.fillKeepMask: rate must be in [0, 1], got ${rate}`);
      if (!(keep > 0 && keep < Infinity)) throw new Error(`rng.fillKeepMask: keep must be a finite number > 0, got ${keep}`);
      prng = seedrandom.alea('', { state: aleaKeepMask(prng.state(), out, rate, keep, fill) }) as AleaPrng;
      return out;
    },
    uniformIn: (low, high) => low + (high - low) * uniform(),
    int: (n) => {
      if (!Number.isInteger(n) || n < 1 || n > 2 ** 53) {
        throw new Error(`rng.int: n must be an integer in [1, 2^53], got ${n}`);
      }
      return Math.floor(uniform() * n);
    },
    normal: () => {
      // Box–Muller; 1 - u keeps the logarithm's argument in (0, 1].
      const u1 = 1 - uniform();
      const u2 = uniform();
      return Math.sqrt(-2 * log(u1)) * cosine(2 * Math.PI * u2); // log, cosine: src/libm's, the same bits on every engine
    },
    shuffle: (array) => {
      for (let i = array.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const tmp = array[i];
        array[i] = array[j];
        array[j] = tmp;
      }
      return array;
    },
    state: () => ({ path, alea: prng.state() }),
  };
  return rng;
}

function createStream(path: string): Rng {
  return makeRng(path, seedrandom.alea(path, { state: true }) as AleaPrng);
}

/** The root stream for a seed. Every random number of a run descends from it. */
export function createRng(seed: number | string): Rng {
  if (typeof seed !== 'number' && typeof seed !== 'string') throw new TypeError(`createRng: the seed must be an integer or a string, got ${describeArgument(seed)}`);
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
    throw new Error(`seed must be a safe integer or a string, got ${seed}`);
  }
  // '/' separates stream names in a path: a seed with one would collide with a fork ('1/dropout').
  if (typeof seed === 'string' && (seed.length === 0 || seed.includes('/'))) {
    throw new Error(`seed strings must be non-empty and contain no '/', got ${JSON.stringify(seed)}`);
  }
  return createStream(String(seed));
}

/** Checks that `rng` is a stream from createRng or fork, naming the function and the argument. */
export function assertRng(where: string, rng: unknown, argument: string): asserts rng is Rng {
  if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).uniformIn !== 'function' || typeof (rng as Rng).fork !== 'function') {
    throw new TypeError(`${where}: ${argument} must be a random stream from createRng(seed) or rng.fork(name), got ${describeArgument(rng)}`);
  }
}

/** A stream resumed from `state()`: it continues exactly where the original stopped. */
export function restoreRng(state: RngState): Rng {
  const alea = (state as Partial<RngState> | null)?.alea;
  // The ranges Alea's own states stay in: c an integer in [0, 2091639], s0–s2 in [0, 1).
  const inUnit = (x: unknown) => typeof x === 'number' && x >= 0 && x < 1;
  const validAlea = alea !== undefined && Number.isInteger(alea.c) && alea.c >= 0 && alea.c <= 2091639 && inUnit(alea.s0) && inUnit(alea.s1) && inUnit(alea.s2);
  if (typeof state?.path !== 'string' || !validAlea) {
    throw new Error(`restoreRng: not a saved stream state (need {path, alea: {c, s0, s1, s2}}, c an integer in [0, 2091639], s0–s2 in [0, 1)), got ${JSON.stringify(state)}`);
  }
  return makeRng(state.path, seedrandom.alea('', { state: alea }) as AleaPrng);
}

/**
 * The gradient fuzzer on demand. fast-check is the fuzzer's library, not the engine's:
 * importing seedgrad does not load it. `await loadFuzzer()` loads it (with the fuzzer,
 * src/autograd/fuzz/runner.ts); from then on `fuzzTarget`, every op entry's `generate`
 * and `COMPOSITIONS.generate` work synchronously, as fast-check's own API does. Before,
 * they throw an error saying so. (Importing runner.ts directly loads it too.)
 */
import type { Arbitrary } from 'fast-check';
import type { FuzzCase, OpEntry } from '../op-table.ts';
import type { GradcheckMode } from '../gradcheck.ts';

export interface FuzzTarget {
  readonly name: string;
  readonly family: string;
  readonly generate: Arbitrary<FuzzCase>;
}

export interface FuzzOptions {
  readonly seed: number;
  readonly runs: number;
  /** Largest accepted gradcheck error (default 1e-6). */
  readonly tolerance?: number;
  /** gradcheck's mode: 'rev' (default), 'fwd' or 'both' (src/autograd/gradcheck.ts). */
  readonly mode?: GradcheckMode;
  /** 1: first derivatives (gradcheck, the default); 2: second derivatives (gradgradcheck; mode 'rev' only). */
  readonly order?: 1 | 2;
}

export interface FuzzReport {
  readonly op: string;
  readonly family: string;
  readonly seed: number;
  readonly cases: number;
  /** Largest gradcheck error over the cases that ran (Infinity when one threw). */
  readonly worstError: number;
  readonly passed: boolean;
  /** For a failure: what went wrong on the shrunk case, and that case as a vitest test. */
  readonly failure?: { readonly message: string; readonly test: string };
}

/** What the loaded fuzzer provides. */
export interface Fuzzer {
  caseArbitrary(entry: OpEntry): Arbitrary<FuzzCase>;
  compositionArbitrary(): Arbitrary<FuzzCase>;
  fuzzTarget(target: FuzzTarget, options: FuzzOptions): FuzzReport;
}

let loaded: Fuzzer | null = null;

/** Called once by runner.ts when it loads. */
export function installFuzzer(fuzzer: Fuzzer): void {
  loaded = fuzzer;
}

export function loadedFuzzer(what: string): Fuzzer {
  if (loaded === null) throw new Error(`${what} needs the gradient fuzzer: \`await loadFuzzer()\` first (it loads fast-check, which importing seedgrad does not)`);
  return loaded;
}

/** Loads the gradient fuzzer and fast-check (once; later calls return at once). */
export async function loadFuzzer(): Promise<void> {
  if (loaded === null) await import('./runner.ts');
}

/**
 * Fuzzes one op of the table (or any target with a fast-check generator) against finite
 * differences (and, in mode 'both', forward mode against reverse mode): `runs` cases from the target's own seed, derived from `seed` and its name;
 * a failure comes back shrunk, as a test to paste. Needs `await loadFuzzer()` first.
 */
export function fuzzTarget(target: FuzzTarget | OpEntry, options: FuzzOptions): FuzzReport {
  return loadedFuzzer('fuzzTarget').fuzzTarget(target, options);
}

let compositions: Arbitrary<FuzzCase> | undefined;

/** The random graphs of 2–5 ops, reported as one more row beside the ops. */
export const COMPOSITIONS: FuzzTarget = {
  name: 'compositions',
  family: 'graph',
  get generate() {
    compositions ??= loadedFuzzer('COMPOSITIONS.generate').compositionArbitrary();
    return compositions;
  },
};

/**
 * The gradient fuzzer: runs each op's generator through gradcheck with fast-check, and on
 * a failure reports the shrunk case as a test one can paste. Shared by the test suite and
 * `seedgrad gradcheck`. Each op draws its cases from its own seed, derived from the base
 * seed and the op's name, so adding an op never changes another op's cases.
 */
import fc, { type Arbitrary } from 'fast-check';
import { createRng } from '../../random.ts';
import type { FuzzCase, OpEntry } from '../op-table.ts';
import { describeWorst, gradcheck } from '../gradcheck.ts';
import { tensorCode } from './cases.ts';
import { compositionArb } from './compose.ts';

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

/** The random graphs of 2–5 ops, reported as one more row beside the ops. */
export const COMPOSITIONS: FuzzTarget = { name: 'compositions', family: 'graph', generate: compositionArb() };

export function targetSeed(seed: number, name: string): number {
  return createRng(seed).fork(name).int(2 ** 31);
}

export function fuzzTarget(target: FuzzTarget | OpEntry, options: FuzzOptions): FuzzReport {
  const seed = targetSeed(options.seed, target.name);
  const tolerance = options.tolerance ?? 1e-6;
  let worstError = 0;
  let lastMessage = '';
  const checkCase = (c: FuzzCase): boolean => {
    let result;
    try {
      result = gradcheck((...xs) => c.run(xs), c.inputs, { tolerance });
    } catch (error) {
      worstError = Infinity;
      lastMessage = `threw: ${error instanceof Error ? error.message : String(error)}`;
      return false;
    }
    worstError = Math.max(worstError, result.maxError);
    if (!result.ok) lastMessage = describeWorst(result, c.inputs);
    return result.ok;
  };
  const details = fc.check(fc.property(target.generate, checkCase), { seed, numRuns: options.runs });
  const base = { op: target.name, family: target.family, seed, cases: details.numRuns, worstError };
  if (!details.failed || details.counterexample === null) return { ...base, passed: true };
  const [shrunk] = details.counterexample;
  // Re-run the shrunk case so the message describes it, not the last case tried.
  checkCase(shrunk);
  return { ...base, worstError, passed: false, failure: { message: lastMessage, test: asTest(target.name, shrunk, options.seed) } };
}

function asTest(name: string, c: FuzzCase, seed: number): string {
  const names = c.inputs.map((_, i) => `x${i}`);
  return [
    `it('${name}: autograd matches finite differences (seedgrad gradcheck --seed ${seed} --op ${name})', () => {`,
    ...c.inputs.map((x, i) => `  const ${names[i]} = ${tensorCode(x)};`),
    `  const result = gradcheck((${names.join(', ')}) => ${c.code(names).replace(/\n/g, '\n  ')}, [${names.join(', ')}]);`,
    `  expect(result.maxError).toBeLessThanOrEqual(1e-6);`,
    `});`,
  ].join('\n');
}

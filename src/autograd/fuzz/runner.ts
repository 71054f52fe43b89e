/**
 * The gradient fuzzer: runs each op's generator through gradcheck with fast-check, and on
 * a failure reports the shrunk case as a test one can paste. Shared by the test suite and
 * `seedgrad gradcheck`. Each op draws its cases from its own seed, derived from the base
 * seed and the op's name, so adding an op never changes another op's cases.
 */
import fc from 'fast-check';
import { createRng } from '../../random.ts';
import type { FuzzCase, OpEntry } from '../op-table.ts';
import { describeWorst, gradcheck, type GradcheckMode } from '../gradcheck.ts';
import { gradgradcheck } from '../gradgradcheck.ts';
import { tensorCode } from './cases.ts';
import { caseArbitrary } from './build.ts';
import { compositionArb } from './compose.ts';
import { COMPOSITIONS, installFuzzer, type FuzzOptions, type FuzzReport, type FuzzTarget } from './loader.ts';

export { COMPOSITIONS, type FuzzOptions, type FuzzReport, type FuzzTarget };

export function targetSeed(seed: number, name: string): number {
  return createRng(seed).fork(name).int(2 ** 31);
}

export function fuzzTarget(target: FuzzTarget | OpEntry, options: FuzzOptions): FuzzReport {
  const seed = targetSeed(options.seed, target.name);
  const tolerance = options.tolerance ?? 1e-6;
  const order = options.order ?? 1;
  if (order === 2 && (options.mode ?? 'rev') !== 'rev') throw new Error(`fuzzTarget: order 2 checks reverse mode's second derivatives; mode must be 'rev', got '${options.mode}'`);
  const check = order === 2 ? gradgradcheck : gradcheck;
  let worstError = 0;
  let lastMessage = '';
  const checkCase = (c: FuzzCase): boolean => {
    let result;
    try {
      result = check((...xs) => c.run(xs), c.inputs, { tolerance, mode: options.mode });
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
  return { ...base, worstError, passed: false, failure: { message: lastMessage, test: asTest(target.name, shrunk, options.seed, options.mode ?? 'rev', order) } };
}

installFuzzer({ caseArbitrary, compositionArbitrary: compositionArb, fuzzTarget });

function asTest(name: string, c: FuzzCase, seed: number, mode: GradcheckMode, order: 1 | 2): string {
  const names = c.inputs.map((_, i) => `x${i}`);
  const [flag, option] = mode === 'rev' ? ['', ''] : [` --mode ${mode}`, `, { mode: '${mode}' }`];
  const title =
    order === 2
      ? `second derivatives match finite differences of the gradient (seedgrad gradcheck --order 2 --seed ${seed} --op ${name})`
      : `autograd matches finite differences (seedgrad gradcheck --seed ${seed} --op ${name}${flag})`;
  return [
    `it('${name}: ${title}', () => {`,
    ...c.inputs.map((x, i) => `  const ${names[i]} = ${tensorCode(x)};`),
    `  const result = ${order === 2 ? 'gradgradcheck' : 'gradcheck'}((${names.join(', ')}) => ${c.code(names).replace(/\n/g, '\n  ')}, [${names.join(', ')}]${option});`,
    `  expect(result.maxError).toBeLessThanOrEqual(1e-6);`,
    `});`,
  ].join('\n');
}

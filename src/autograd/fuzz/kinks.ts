/**
 * The tie-and-kink fuzzer. Finite differences straddle a kink, so the gradient fuzzer keeps
 * its inputs away from kinks and ties; this one seeks them out. For each op whose table
 * entry states a KinkRule (src/autograd/kink-rule.ts), it draws the rule's cases (on a
 * coarse grid, so kink points and ties are common) and checks, element by element, that
 * reverse mode gives Jᵀg (by the fast backward, and by the differentiable one that
 * second order runs through) and forward mode J·u for the Jacobian J the rule states: exact
 * up to rounding (relative 1e-12), with no finite differences. g and u are fixed patterns
 * whose elements all differ, so a derivative routed to the wrong tied element shows.
 */
import fc from 'fast-check';
import { Tensor } from '../../tensor/tensor.ts';
import type { OpEntry } from '../op-table.ts';
import { jvp } from '../forward.ts';
import { grad } from '../grad.ts';
import { mul } from '../ops/arithmetic.ts';
import { sum } from '../ops/reduce.ts';
import '../backward.ts';
import { compile } from './build.ts';
import { renderArguments, tensorCode, withInputs } from './cases.ts';
import { targetSeed } from './runner.ts';

export interface KinkReport {
  readonly op: string;
  readonly seed: number;
  readonly cases: number;
  /** Elements on a kink or tie over all cases (the rule's kinkPoints): the cases must find some. */
  readonly kinkPoints: number;
  readonly passed: boolean;
  /** For a failure: the first element that differs from the statement, on the shrunk case. */
  readonly failure?: string;
}

const TOLERANCE = 1e-12;
const agrees = (got: number, stated: number) => Math.abs(got - stated) <= TOLERANCE * Math.max(1, Math.abs(stated));
/** 1 + offset, 2 + offset, ...: distinct values, exact in float64. */
const pattern = (size: number, offset: number) => Float64Array.from({ length: size }, (_, k) => k + 1 + offset);

/** The first disagreement with the rule at `args`, or undefined. */
function disagreement(entry: OpEntry, args: readonly unknown[]): string | undefined {
  const rule = entry.kinks!;
  const jacobians = rule.jacobian(args);
  const { inputs, substitute } = withInputs(args);
  const run = (xs: readonly Tensor[]) => entry.call!(...substitute(xs));
  const code = () => `${entry.name}(${renderArguments(args, inputs, inputs.map(tensorCode))})`;

  const leaves = inputs.map((x) => new Tensor(Float64Array.from(x.data), x.shape).requireGrad());
  const output = run(leaves);
  const g = pattern(output.size, 0);
  if (output.requiresGrad) output.backward(new Tensor(g.slice(), output.shape));
  for (let i = 0; i < inputs.length; i++) {
    for (let k = 0; k < inputs[i].size; k++) {
      let stated = 0;
      for (let j = 0; j < output.size; j++) stated += jacobians[i][j][k] * g[j];
      const got = leaves[i].grad?.data[k] ?? 0;
      if (!agrees(got, stated)) return `reverse mode, input ${i} element ${k}: autograd ${got}, the stated rule ${stated}, in ${code()}`;
    }
  }

  // The differentiable backward (grad with createGraph, which second order runs through) must state the same.
  const graphLeaves = inputs.map((x) => new Tensor(Float64Array.from(x.data), x.shape).requireGrad());
  const weights = new Tensor(g.slice(), output.shape);
  const graphGrads = output.requiresGrad ? grad(() => sum(mul(run(graphLeaves), weights)), graphLeaves, { createGraph: true }) : [];
  for (let i = 0; i < graphGrads.length; i++) {
    for (let k = 0; k < inputs[i].size; k++) {
      let stated = 0;
      for (let j = 0; j < output.size; j++) stated += jacobians[i][j][k] * g[j];
      if (!agrees(graphGrads[i].data[k], stated)) return `differentiable backward (createGraph), input ${i} element ${k}: autograd ${graphGrads[i].data[k]}, the stated rule ${stated}, in ${code()}`;
    }
  }

  const directions = inputs.map((x, i) => pattern(x.size, 100 * (i + 1)));
  const { tangent } = jvp((...xs) => run(xs), inputs, directions.map((u, i) => new Tensor(u, inputs[i].shape)));
  for (let j = 0; j < output.size; j++) {
    let stated = 0;
    inputs.forEach((x, i) => {
      for (let k = 0; k < x.size; k++) stated += jacobians[i][j][k] * directions[i][k];
    });
    if (!agrees(tangent.data[j], stated)) return `forward mode, output element ${j}: jvp ${tangent.data[j]}, the stated rule ${stated}, in ${code()}`;
  }
  return undefined;
}

/** Checks `entry`'s KinkRule on `runs` cases drawn from the op's own seed (derived from `seed` and its name). */
export function fuzzKinks(entry: OpEntry, options: { readonly seed: number; readonly runs: number }): KinkReport {
  const rule = entry.kinks;
  if (rule === undefined) throw new Error(`fuzzKinks: op '${entry.name}' states no kink rule`);
  const seed = targetSeed(options.seed, `${entry.name}-kinks`);
  let kinkPoints = 0;
  const cases = compile(rule.cases) as fc.Arbitrary<readonly unknown[]>;
  const details = fc.check(
    fc.property(cases, (args) => {
      kinkPoints += rule.kinkPoints(args);
      return disagreement(entry, args) === undefined;
    }),
    { seed, numRuns: options.runs },
  );
  const base = { op: entry.name, seed, cases: details.numRuns, kinkPoints };
  if (!details.failed || details.counterexample === null) return { ...base, passed: true };
  return { ...base, passed: false, failure: disagreement(entry, details.counterexample[0]) ?? 'threw' };
}

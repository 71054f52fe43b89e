/**
 * Random expression graphs for the gradient fuzzer: 2–5 op applications over 1–3 square
 * float64 inputs, each operand drawn from any earlier value, so subexpressions are often
 * shared (a value used twice must receive the sum of both gradients). The steps are the
 * table's: every op's graphSteps (src/autograd/graph-step.ts), each mapping [n, n] values
 * to an [n, n] value and smooth everywhere, so no case needs filtering; a new smooth op
 * joins the graphs the day it lands.
 */
import fc, { type Arbitrary } from 'fast-check';
import type { Tensor } from '../../tensor/tensor.ts';
import { findOp, opTable, type FuzzCase } from '../op-table.ts';
import { Call, Operand, type GraphStep } from '../graph-step.ts';
import { tensorArb } from './arbitraries.ts';
import { renderArguments } from './cases.ts';

/** The value of `expression` with operand k bound to operands[k], through the op table. */
function evaluate(expression: Call, operands: readonly Tensor[]): Tensor {
  const value = (v: unknown): unknown => {
    if (v instanceof Call) return evaluate(v, operands);
    if (v instanceof Operand) return operands[v.index];
    if (Array.isArray(v)) return v.map(value);
    return v;
  };
  return findOp(expression.op)!.call!(...expression.args.map(value));
}

/** `expression` as TypeScript, operand k named names[k]. */
function render(expression: Call, names: readonly string[]): string {
  const special = (v: unknown): string | undefined => (v instanceof Call ? render(v, names) : v instanceof Operand ? names[v.index] : undefined);
  return `${expression.op}(${renderArguments(expression.args, [], [], special)})`;
}

interface Plan {
  readonly step: number;
  readonly operands: readonly [number, number];
  readonly extra: number;
}

export function compositionArb(): Arbitrary<FuzzCase> {
  const steps = opTable().flatMap((op) => op.graphSteps ?? []);
  return fc
    .tuple(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      fc.array(fc.record({ step: fc.nat({ max: steps.length - 1 }), operands: fc.tuple(fc.nat(), fc.nat()), extra: fc.nat({ max: 99 }) }), { minLength: 2, maxLength: 5 }),
    )
    .chain(([n, inputCount, plan]) =>
      fc.tuple(fc.tuple(...Array.from({ length: inputCount }, () => tensorArb([n, n], { min: -1, max: 1 }))), fc.constant(plan), fc.constant(n)),
    )
    .map(([inputs, plan, n]) => compose(steps, inputs, plan, n));
}

function compose(steps: readonly GraphStep[], inputs: readonly Tensor[], plan: readonly Plan[], n: number): FuzzCase {
  // Value k of the graph is input k for k < inputs.length, then the result of step k - inputs.length.
  const operandsOf = (p: Plan, available: number): number[] => p.operands.slice(0, steps[p.step].arity).map((pick) => pick % available);
  const expressionOf = (p: Plan): Call => steps[p.step].expression([new Operand(0), new Operand(1)].slice(0, steps[p.step].arity), n, p.extra);
  return {
    inputs,
    run: (xs) => {
      const values: Tensor[] = [...xs];
      for (const p of plan) values.push(evaluate(expressionOf(p), operandsOf(p, values.length).map((k) => values[k])));
      return values[values.length - 1];
    },
    code: (names) => {
      const valueNames = [...names];
      const lines = plan.map((p, i) => {
        const name = `v${i}`;
        const line = `const ${name} = ${render(expressionOf(p), operandsOf(p, valueNames.length).map((k) => valueNames[k]))};`;
        valueNames.push(name);
        return line;
      });
      return `((${names.join(', ')}) => {\n  ${lines.join('\n  ')}\n  return ${valueNames[valueNames.length - 1]};\n})(${names.join(', ')})`;
    },
  };
}

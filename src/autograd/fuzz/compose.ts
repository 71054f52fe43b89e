/**
 * Random expression graphs for the gradient fuzzer: 2–5 op applications over 1–3 square
 * float64 inputs, each operand drawn from any earlier value, so subexpressions are often
 * shared (a value used twice must receive the sum of both gradients). Every step maps
 * [n, n] tensors to an [n, n] tensor and is smooth everywhere, so no case needs
 * filtering; together the steps exercise broadcasting, reductions, matmul with
 * transposes, concat/slice, gather with duplicate indices and the elementwise functions.
 */
import fc, { type Arbitrary } from 'fast-check';
import type { Tensor } from '../../tensor/tensor.ts';
import type { FuzzCase } from '../op-table.ts';
import { tensorArb } from './arbitraries.ts';
import { add, div, mul, neg, square, sub } from '../ops/arithmetic.ts';
import { exp, log1p, sigmoid, softplus, sqrt, tanh } from '../ops/unary.ts';
import { mean, sum } from '../ops/reduce.ts';
import { matmul } from '../ops/linalg.ts';
import { concat, reshape, slice, transpose } from '../ops/shape.ts';
import { gather } from '../ops/gather.ts';

interface Step {
  /** How many earlier values it takes. */
  readonly arity: 1 | 2;
  /** `extra` is a free integer a step may use (an index pattern, an offset). */
  apply(args: readonly Tensor[], n: number, extra: number): Tensor;
  code(args: readonly string[], n: number, extra: number): string;
}

const rowsOf = (n: number, extra: number): number[] => Array.from({ length: n }, (_, i) => (extra + i * (extra % 3)) % n);

const STEPS: readonly Step[] = [
  { arity: 2, apply: ([a, b]) => add(a, b), code: ([a, b]) => `add(${a}, ${b})` },
  { arity: 2, apply: ([a, b]) => sub(a, b), code: ([a, b]) => `sub(${a}, ${b})` },
  { arity: 2, apply: ([a, b]) => mul(a, b), code: ([a, b]) => `mul(${a}, ${b})` },
  { arity: 2, apply: ([a, b]) => div(a, add(square(b), 1)), code: ([a, b]) => `div(${a}, add(square(${b}), 1))` },
  { arity: 2, apply: ([a, b]) => matmul(a, b), code: ([a, b]) => `matmul(${a}, ${b})` },
  { arity: 2, apply: ([a, b]) => matmul(a, b, { transposeA: true }), code: ([a, b]) => `matmul(${a}, ${b}, { transposeA: true })` },
  { arity: 2, apply: ([a, b]) => matmul(a, b, { transposeB: true }), code: ([a, b]) => `matmul(${a}, ${b}, { transposeB: true })` },
  { arity: 2, apply: ([a, b]) => mul(a, sum(b, 1, true)), code: ([a, b]) => `mul(${a}, sum(${b}, 1, true))` },
  { arity: 2, apply: ([a, b]) => sub(a, mean(b, 0, true)), code: ([a, b]) => `sub(${a}, mean(${b}, 0, true))` },
  {
    arity: 2,
    apply: ([a, b], n, extra) => slice(concat([a, b], 1), [0, extra % (n + 1)], [n, n]),
    code: ([a, b], n, extra) => `slice(concat([${a}, ${b}], 1), [0, ${extra % (n + 1)}], [${n}, ${n}])`,
  },
  { arity: 1, apply: ([a]) => neg(a), code: ([a]) => `neg(${a})` },
  { arity: 1, apply: ([a]) => tanh(a), code: ([a]) => `tanh(${a})` },
  { arity: 1, apply: ([a]) => sigmoid(a), code: ([a]) => `sigmoid(${a})` },
  { arity: 1, apply: ([a]) => softplus(a), code: ([a]) => `softplus(${a})` },
  { arity: 1, apply: ([a]) => exp(tanh(a)), code: ([a]) => `exp(tanh(${a}))` },
  { arity: 1, apply: ([a]) => log1p(square(a)), code: ([a]) => `log1p(square(${a}))` },
  { arity: 1, apply: ([a]) => sqrt(add(square(a), 1)), code: ([a]) => `sqrt(add(square(${a}), 1))` },
  { arity: 1, apply: ([a]) => transpose(a), code: ([a]) => `transpose(${a})` },
  { arity: 1, apply: ([a], n) => reshape(transpose(reshape(a, [n, n, 1]), [1, 0, 2]), [n, n]), code: ([a], n) => `reshape(transpose(reshape(${a}, [${n}, ${n}, 1]), [1, 0, 2]), [${n}, ${n}])` },
  { arity: 1, apply: ([a], n, extra) => gather(a, rowsOf(n, extra)), code: ([a], n, extra) => `gather(${a}, [${rowsOf(n, extra).join(', ')}])` },
];

interface Plan {
  readonly step: number;
  readonly operands: readonly [number, number];
  readonly extra: number;
}

export function compositionArb(): Arbitrary<FuzzCase> {
  return fc
    .tuple(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      fc.array(fc.record({ step: fc.nat({ max: STEPS.length - 1 }), operands: fc.tuple(fc.nat(), fc.nat()), extra: fc.nat({ max: 99 }) }), { minLength: 2, maxLength: 5 }),
    )
    .chain(([n, inputCount, plan]) =>
      fc.tuple(fc.tuple(...Array.from({ length: inputCount }, () => tensorArb([n, n], { min: -1, max: 1 }))), fc.constant(plan), fc.constant(n)),
    )
    .map(([inputs, plan, n]) => compose(inputs, plan, n));
}

function compose(inputs: readonly Tensor[], plan: readonly Plan[], n: number): FuzzCase {
  // Value k of the graph is input k for k < inputs.length, then the result of step k - inputs.length.
  const operandsOf = (p: Plan, available: number): number[] => p.operands.slice(0, STEPS[p.step].arity).map((pick) => pick % available);
  return {
    inputs,
    run: (xs) => {
      const values: Tensor[] = [...xs];
      for (const p of plan) values.push(STEPS[p.step].apply(operandsOf(p, values.length).map((k) => values[k]), n, p.extra));
      return values[values.length - 1];
    },
    code: (names) => {
      const valueNames = [...names];
      const lines = plan.map((p, i) => {
        const name = `v${i}`;
        const line = `const ${name} = ${STEPS[p.step].code(operandsOf(p, valueNames.length).map((k) => valueNames[k]), n, p.extra)};`;
        valueNames.push(name);
        return line;
      });
      return `((${names.join(', ')}) => {\n  ${lines.join('\n  ')}\n  return ${valueNames[valueNames.length - 1]};\n})(${names.join(', ')})`;
    },
  };
}

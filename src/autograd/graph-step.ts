/**
 * How an op takes part in the composition fuzzer's random graphs (src/autograd/fuzz/compose.ts),
 * as plain data: an expression over one or two earlier [n, n] values that gives an [n, n]
 * value and is smooth for any inputs (a wrapper such as add(square(b), 1) keeps a
 * denominator or a log's argument away from 0). The fuzzer evaluates it through the op
 * table and prints it as code.
 */

/** A call of the op named `op` (from the table) on values, operands and nested calls. */
export class Call {
  constructor(readonly op: string, readonly args: readonly unknown[]) {}
}

/** The k-th operand of a step. */
export class Operand {
  constructor(readonly index: number) {}
}

export const call = (op: string, ...args: unknown[]): Call => new Call(op, args);

export interface GraphStep {
  readonly arity: 1 | 2;
  /** The expression for operands [a] or [a, b] of shape [n, n]; `extra` is a free integer 0..99 (an offset, an index pattern). */
  expression(operands: readonly Operand[], n: number, extra: number): Call;
}

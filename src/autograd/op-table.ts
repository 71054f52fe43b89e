/**
 * The one op table. Every op, primitive or composite, registers here with a fast-check
 * generator of valid inputs; the gradient fuzzer (tests and `seedgrad gradcheck`) walks
 * this table, so a new op is fuzzed the day it lands.
 */
import type { Arbitrary } from 'fast-check';
import type { Tensor } from '../tensor/tensor.ts';

/** One generated test case for an op: float64 inputs and the call to differentiate. */
export interface FuzzCase {
  readonly inputs: readonly Tensor[];
  /** Applies the op (with the case's fixed attributes) to the given inputs. */
  run(inputs: readonly Tensor[]): Tensor;
  /** The call as TypeScript, with the inputs named `names[i]`: `sum(x0, [1], true)`. */
  code(names: readonly string[]): string;
}

export interface OpEntry {
  readonly name: string;
  /** The file under src/autograd/ops that defines it. */
  readonly family: string;
  /** Valid inputs, kept away from points where the op is not differentiable. */
  readonly generate: Arbitrary<FuzzCase>;
}

const table = new Map<string, OpEntry>();

export function registerOp(entry: OpEntry): void {
  if (table.has(entry.name)) throw new Error(`registerOp: op '${entry.name}' is registered twice`);
  if (typeof entry.generate?.generate !== 'function') throw new Error(`registerOp: op '${entry.name}' has no fast-check generator of valid inputs`);
  table.set(entry.name, entry);
}

/** Every registered op, in registration order. Importing src/autograd/ops fills the table. */
export function opTable(): readonly OpEntry[] {
  return [...table.values()];
}

export function findOp(name: string): OpEntry | undefined {
  return table.get(name);
}

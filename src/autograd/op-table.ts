/**
 * The one op table. Every op, primitive or composite, registers here (defineOp does it)
 * with its public function and a plain-data description of valid inputs; the gradient
 * fuzzer (tests and `seedgrad gradcheck`) walks this table, so a new op is fuzzed the day
 * it lands. The fast-check generator of an entry is built from its description on first
 * use, once the fuzzer is loaded (`await loadFuzzer()`).
 */
import type { Arbitrary } from 'fast-check';
import type { Tensor } from '../tensor/tensor.ts';
import type { Spec } from './input-spec.ts';
import type { GraphStep } from './graph-step.ts';
import type { KinkRule } from './kink-rule.ts';
import { loadedFuzzer } from './fuzz/loader.ts';

/** One generated test case for an op: float64 inputs and the call to differentiate. */
export interface FuzzCase {
  readonly inputs: readonly Tensor[];
  /** Applies the op (with the case's fixed attributes) to the given inputs. */
  run(inputs: readonly Tensor[]): Tensor;
  /** The call as TypeScript, with the inputs named `names[i]`: `sum(x0, [1], true)`. */
  code(names: readonly string[]): string;
}

export interface OpRegistration {
  readonly name: string;
  /** The file under src/autograd/ops that defines it. */
  readonly family: string;
  /** The public function. */
  readonly call?: (...args: readonly unknown[]) => Tensor;
  /** Valid argument lists of `call`, kept away from points where the op is not differentiable. */
  readonly arbitraryInputs?: Spec<readonly unknown[]>;
  /** Where the op is smooth: its uses in the random graphs of the composition fuzzer. */
  readonly graphSteps?: readonly GraphStep[];
  /**
   * Present when the op's gradient can itself be differentiated (second order,
   * src/autograd/grad.ts); `undefinedAt` names where its second derivative does not exist.
   */
  readonly secondOrder?: { readonly undefinedAt?: string };
  /** A ready fast-check generator of cases, in place of `call` and `arbitraryInputs`. */
  readonly generate?: Arbitrary<FuzzCase>;
  /** How forward mode goes through it: its own JVP rule, or its parts' (a composite). Required. */
  readonly forwardMode?: 'jvp' | 'composite';
  /** Where it is not differentiable (kinks, ties): the subgradient it uses there, stated and checked exactly by fuzz/kinks.ts. */
  readonly kinks?: KinkRule;
}

export interface OpEntry extends OpRegistration {
  /** The fuzzer's generator of cases (needs `await loadFuzzer()` first, unless registered with one). */
  readonly generate: Arbitrary<FuzzCase>;
}

const table = new Map<string, OpEntry>();

export function registerOp(registration: OpRegistration): void {
  const { name, generate } = registration;
  if (table.has(name)) throw new Error(`registerOp: op '${name}' is registered twice`);
  const described = registration.arbitraryInputs !== undefined && typeof registration.call === 'function';
  if (!described && typeof generate?.generate !== 'function') throw new Error(`registerOp: op '${name}' has no fast-check generator of valid inputs`);
  if (registration.forwardMode !== 'jvp' && registration.forwardMode !== 'composite') {
    throw new Error(`registerOp: op '${name}' has no JVP (forward-mode rule): give its definition a jvp, or define it as a composite`);
  }
  let built = generate;
  const entry: OpEntry = {
    ...registration,
    get generate() {
      built ??= loadedFuzzer(`the generator of op '${name}'`).caseArbitrary(entry);
      return built;
    },
  };
  table.set(name, entry);
}

/** Every registered op, in registration order. Importing src/autograd/ops fills the table. */
export function opTable(): readonly OpEntry[] {
  return [...table.values()];
}

export function findOp(name: string): OpEntry | undefined {
  return table.get(name);
}

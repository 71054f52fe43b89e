/**
 * The op definitions' input descriptions (src/autograd/input-spec.ts) as fast-check
 * generators: each combinator becomes the fast-check one it stands for, so a seed draws
 * the same values as a generator written in fast-check by hand would.
 */
import fc, { type Arbitrary } from 'fast-check';
import type { Tensor } from '../../tensor/tensor.ts';
import type { SpecNode } from '../input-spec.ts';
import type { FuzzCase, OpEntry } from '../op-table.ts';
import { broadcastPairArb, distinctTensorArb, shapeArb, tensorArb } from './arbitraries.ts';
import { renderArguments, withInputs } from './cases.ts';

export function compile(spec: SpecNode): Arbitrary<unknown> {
  switch (spec.kind) {
    case 'integer':
      return fc.integer({ min: spec.min, max: spec.max });
    case 'double':
      return fc.double({ min: spec.min, max: spec.max, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'oneOf':
      return fc.constantFrom(...spec.values);
    case 'option':
      return fc.option(compile(spec.of), { nil: undefined });
    case 'array': {
      const constraints = { minLength: spec.minLength, maxLength: spec.maxLength };
      return spec.unique ? fc.uniqueArray(compile(spec.of), constraints) : fc.array(compile(spec.of), constraints);
    }
    case 'permutation':
      return fc.shuffledSubarray([...spec.of], { minLength: spec.of.length, maxLength: spec.of.length });
    case 'tuple':
      return fc.tuple(...spec.items.map(compile));
    case 'shape':
      return shapeArb(spec.minRank, spec.maxRank);
    case 'broadcastPair':
      return broadcastPairArb();
    case 'tensor':
      return tensorArb(spec.shape, spec.range);
    case 'distinctTensor':
      return distinctTensorArb(spec.shape);
    case 'chain':
      return compile(spec.first).chain((value) => compile((spec.next as (v: unknown) => SpecNode)(value)));
    case 'map':
      return compile(spec.of).map(spec.to as (v: unknown) => unknown);
    case 'filter':
      return compile(spec.of).filter(spec.keep as (v: unknown) => boolean);
  }
}

/** An op's cases: argument lists from its description, the tensors in them as the inputs to differentiate. */
export function caseArbitrary(entry: OpEntry): Arbitrary<FuzzCase> {
  const call = entry.call as (...args: readonly unknown[]) => Tensor;
  return compile(entry.arbitraryInputs!).map((args) => {
    const list = args as readonly unknown[];
    const { inputs, substitute } = withInputs(list);
    return {
      inputs,
      run: (xs) => call(...(substitute(xs) as unknown[])),
      code: (names) => `${entry.name}(${renderArguments(list, inputs, names)})`,
    };
  });
}

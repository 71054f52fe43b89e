/**
 * sin and cos as autograd ops for the lab's expressions (Rastrigin, typed functions):
 * defined the way src/autograd defines its elementwise ops (a primitive with a forward
 * kernel and a backward rule), computed with src/libm's cosine so that the same
 * expression gives the same bits in Node and in every browser.
 */
import { Tensor } from '../tensor/tensor.ts';
import { allocateUninitialized } from '../tensor/dtype.ts';
import { unaryOp } from '../tensor/elementwise.ts';
import { applyOp, simplePrimitive } from '../autograd/op.ts';
import { expectTensor } from '../autograd/ops/operand.ts';
import { cosine } from '../libm/index.ts';

/** libm's cosine covers |x| ≤ 2^19·π/2; beyond it (no landscape goes there) Math.cos. */
const LIMIT = 2 ** 19 * (Math.PI / 2);
const cos1 = (x: number): number => (Math.abs(x) <= LIMIT ? cosine(x) : Math.cos(x));
const sin1 = (x: number): number => (Math.abs(x) <= LIMIT - 2 ? -cosine(x + Math.PI / 2) : Math.sin(x));

function elementwise(name: string, f: (x: number) => number, derivative: (x: number) => number) {
  const op = simplePrimitive(
    name,
    ([a]) => unaryOp(a!, f),
    (g, { inputs: [a] }) => {
      const out = new Tensor(allocateUninitialized(g.dtype, g.size), g.shape);
      for (let i = 0; i < g.data.length; i++) out.data[i] = g.data[i]! * derivative(a!.data[i]!);
      return [out];
    },
  );
  return (a: Tensor): Tensor => {
    expectTensor(name, a, 'its argument');
    return applyOp(op, [a], undefined);
  };
}

export const sin = elementwise('sin', sin1, cos1);
export const cos = elementwise('cos', cos1, (x) => -sin1(x));
export { sin1 as sinValue, cos1 as cosValue };

/** Inverted dropout with its mask drawn from a named RNG stream. */
import fc from 'fast-check';
import { Tensor } from '../../tensor/tensor.ts';
import { allocateUninitialized } from '../../tensor/dtype.ts';
import { multiplyInto, mulSameShape } from '../../tensor/elementwise.ts';
import { assertRng, createRng, type Rng } from '../../random.ts';
import { applyOp, type Primitive } from '../op.ts';
import { registerOp } from '../op-table.ts';
import { shapeArb, tensorArb } from '../fuzz/arbitraries.ts';
import { expectTensor } from './operand.ts';
import { fuseDropout } from '../fusion.ts';

interface DropoutAttrs {
  readonly rate: number;
  readonly rng: Rng;
}

// Each element is kept with probability 1 - rate and scaled by 1/(1 - rate), so the
// expected output equals the input (Srivastava et al. 2014, "inverted" form). The mask
// of scales is saved: the gradient is the incoming one times the same mask.
const dropoutOp: Primitive<DropoutAttrs, Tensor> = {
  name: 'dropout',
  forward: ([a], { rate, rng }) => {
    const scale = 1 / (1 - rate);
    // One 32-bit uniform draw per element: dropped (mask 0) when it falls below rate.
    const mask = rng.fillKeepMask(allocateUninitialized(a.dtype, a.size), rate, scale);
    const out = allocateUninitialized(a.dtype, a.size);
    multiplyInto(a.data, mask, out);
    return { output: new Tensor(out, a.shape), saved: new Tensor(mask, a.shape) };
  },
  backward: (g, { saved: mask }) => [mulSameShape(g, mask)],
};

/**
 * Zeroes each element with probability `rate` and scales the rest by 1/(1 - rate), using
 * `rng` (e.g. `rng.fork('dropout')`). With `training` false, or rate 0, it is the identity.
 * Applied to the output of dense, unread, it runs inside dense's kernel (src/autograd/fusion.ts).
 */
export function dropout(a: Tensor, rate: number, rng: Rng, training = true): Tensor {
  expectTensor('dropout', a, 'the first argument');
  assertRng('dropout', rng, 'the third argument (the random stream)');
  if (!(rate >= 0 && rate < 1)) throw new Error(`dropout: rate must be in [0, 1), got ${rate}`);
  if (!training || rate === 0) return a;
  return fuseDropout(a, rate, rng) ?? applyOp(dropoutOp, [a], { rate, rng });
}

registerOp({
  name: 'dropout',
  family: 'dropout',
  // A fresh stream from the same seed on every call, so finite differences see one mask.
  generate: fc
    .tuple(shapeArb(1, 3).chain((s) => tensorArb(s)), fc.double({ min: 0.05, max: 0.9, noNaN: true }), fc.integer({ min: 0, max: 1000 }))
    .map(([x, rate, seed]) => ({
      inputs: [x],
      run: ([a]) => dropout(a, rate, createRng(seed).fork('dropout')),
      code: ([a]) => `dropout(${a}, ${rate}, createRng(${seed}).fork('dropout'))`,
    })),
});

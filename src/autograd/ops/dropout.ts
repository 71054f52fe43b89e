/** Inverted dropout with its mask drawn from a named RNG stream. */
import { Tensor } from '../../tensor/tensor.ts';
import { allocateUninitialized } from '../../tensor/dtype.ts';
import { multiplyInto, mulSameShape } from '../../tensor/elementwise.ts';
import { keepMask } from '../../tensor/keep-mask.ts';
import { assertRng, type Rng } from '../../random.ts';
import { defineOp } from '../define-op.ts';
import * as draw from '../input-spec.ts';
import { expectTensor } from './operand.ts';
import { fuseDropout } from '../fusion.ts';
import { mul } from './arithmetic.ts';

/**
 * Zeroes each element with probability `rate` and scales the rest by 1/(1 - rate), using
 * `rng` (e.g. `rng.fork('dropout')`). With `training` false, or rate 0, it is the identity.
 * Applied to the output of dense, unread, it runs inside dense's kernel (src/autograd/fusion.ts).
 */
export const dropout = defineOp({
  name: 'dropout',
  family: 'dropout',
  prepare: (a: Tensor, rate: number, rng: Rng, training: boolean = true) => {
    expectTensor('dropout', a, 'the first argument');
    assertRng('dropout', rng, 'the third argument (the random stream)');
    if (!(rate >= 0 && rate < 1)) throw new Error(`dropout: rate must be in [0, 1), got ${rate}`);
    if (!training || rate === 0) return a;
    return fuseDropout(a, rate, rng) ?? { inputs: [a], attrs: { rate, rng } };
  },
  // Each element is kept with probability 1 - rate and scaled by 1/(1 - rate), so the
  // expected output equals the input (Srivastava et al. 2014, "inverted" form). The mask
  // of scales is saved: the gradient is the incoming one times the same mask.
  forward: ([a], { rate, rng }) => {
    const scale = 1 / (1 - rate);
    // One 32-bit uniform draw per element: dropped (mask 0) when it falls below rate.
    const mask = keepMask(rng, a.dtype, a.size, rate, scale);
    const out = allocateUninitialized(a.dtype, a.size);
    multiplyInto(a.data, mask, out);
    return { output: new Tensor(out, a.shape), saved: new Tensor(mask, a.shape) };
  },
  backward: (g, { saved: mask }) => [mulSameShape(g, mask)],
  jvp: ([da], { saved: mask }) => mulSameShape(da, mask),
  differentiableBackward: (g, { saved: mask }) => [mul(g, mask)],
  // A fresh stream from the same seed on every call, so finite differences see one mask.
  arbitraryInputs: draw.map(
    draw.tuple(draw.chain(draw.shape(1, 3), (s) => draw.tensor(s)), draw.double(0.05, 0.9), draw.integer(0, 1000)),
    ([x, rate, seed]) => [x, rate, new draw.SeededStream(seed, 'dropout')],
  ),
});

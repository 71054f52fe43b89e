/**
 * Adam's update (no AMSGrad) over one parameter, in place: m, v, p updated, g read. The
 * TypeScript loop is src/optim/adam-ranges.ts's, the very functions src/optim's adamUpdate
 * runs; the WebAssembly function below is its arithmetic, operation for operation, on
 * two float32 elements per instruction — each widened exactly to float64, the moments
 * rounded to float32 as they are stored and used as stored, the parameter rounded once.
 * Both give the rule's bits (a test compares them); elements are independent, so splitting
 * a parameter into ranges across threads never changes a bit.
 *
 * The one import from above src/backend: adam-ranges.ts imports nothing (its header says
 * why it is shared).
 */
import type { AdamStepScalars, FloatArray } from '../../types.ts';
import { allFloat32, type KernelContext } from '../context.ts';
import { up4 } from '../wasm-memory.ts';
import { F64, I32, V128, defineFunction, type WasmFunction } from '../wasm-writer.ts';
import { isSharedBuffer } from '../../shared-memory.ts';

export { adamKerasRange, adamTorchRange } from '../../../optim/adam-ranges.ts';

/** Parameters below this many elements are updated on the calling thread. */
export const PARALLEL_MIN_ELEMENTS = 1 << 15;

const ADAM_PARAMS = { p: I32, g: I32, m: I32, v: I32, from: I32, to: I32, torch: I32, beta1: F64, beta2: F64, epsilon: F64, alpha: F64, stepSize: F64, sqrtBiasCorrection2: F64 } as const;

/**
 * adam(p, g, m, v, from, to, torch, beta1, beta2, epsilon, alpha, stepSize, sqrtBiasCorrection2):
 * byte offsets [from, to) of the four float32 arrays at p, g, m, v (a multiple of 8 bytes
 * apart; the arrays padded so that reading and writing pairs stays inside them).
 *   m ← β1·m + (1 − β1)·g,   v ← β2·v + ((1 − β2)·g)·g
 *   keras: p ← p − (m·α)/(√v + ε)          torch: p ← p + (−stepSize·m)/(√v/√(1 − β2^t) + ε)
 */
export const adamFunction = (): WasmFunction =>
  defineFunction('adam', ADAM_PARAMS, (f, { p, g, m, v, from, to, torch, beta1, beta2, epsilon, alpha, stepSize, sqrtBiasCorrection2 }) => {
    const o = f.local(I32, 'o');
    const [b1, b2, c1, c2, eps, scale, root, gi, mi, vi] = ['b1', 'b2', 'c1', 'c2', 'eps', 'scale', 'root', 'gi', 'mi', 'vi'].map((name) => f.local(V128, name));
    f.get(beta1).f64x2Splat().set(b1);
    f.get(beta2).f64x2Splat().set(b2);
    f.f64Const(1).get(beta1).f64Sub().f64x2Splat().set(c1);
    f.f64Const(1).get(beta2).f64Sub().f64x2Splat().set(c2);
    f.get(epsilon).f64x2Splat().set(eps);
    f.get(sqrtBiasCorrection2).f64x2Splat().set(root);
    // The moments of elements o, o + 1, stored, and kept in mi, vi as float32 pairs.
    const moments = () => {
      f.get(g).get(o).i32Add().v128Load64Zero(0).f64x2PromoteLowF32x4().set(gi);
      f.get(m).get(o).i32Add().v128Load64Zero(0).f64x2PromoteLowF32x4().get(b1).f64x2Mul().get(c1).get(gi).f64x2Mul().f64x2Add().f32x4DemoteF64x2Zero().set(mi);
      f.get(v).get(o).i32Add().v128Load64Zero(0).f64x2PromoteLowF32x4().get(b2).f64x2Mul().get(c2).get(gi).f64x2Mul().get(gi).f64x2Mul().f64x2Add().f32x4DemoteF64x2Zero().set(vi);
      f.get(m).get(o).i32Add().get(mi).v128Store64Lane(0, 0);
      f.get(v).get(o).i32Add().get(vi).v128Store64Lane(0, 0);
    };
    const loop = (update: () => void) => {
      f.get(from).set(o);
      f.loop(() => {
        moments();
        f.get(p).get(o).i32Add(); // the store's address
        f.get(p).get(o).i32Add().v128Load64Zero(0).f64x2PromoteLowF32x4();
        update();
        f.f32x4DemoteF64x2Zero().v128Store64Lane(0, 0);
        f.get(o).i32(8).i32Add().tee(o).get(to).i32LtS().brIf(0);
      });
    };
    f.get(from).get(to).i32LtS().ifElse(() =>
      f.get(torch).ifElse(
        () => {
          f.get(stepSize).f64Neg().f64x2Splat().set(scale); // −stepSize (a negation, as in JavaScript: −0 for 0)
          // p + (−stepSize·m)/(√v/√(1 − β2^t) + ε)
          loop(() => f.get(scale).get(mi).f64x2PromoteLowF32x4().f64x2Mul().get(vi).f64x2PromoteLowF32x4().f64x2Sqrt().get(root).f64x2Div().get(eps).f64x2Add().f64x2Div().f64x2Add());
        },
        () => {
          f.get(alpha).f64x2Splat().set(scale);
          // p − (m·α)/(√v + ε)
          loop(() => f.get(mi).f64x2PromoteLowF32x4().get(scale).f64x2Mul().get(vi).f64x2PromoteLowF32x4().f64x2Sqrt().get(eps).f64x2Add().f64x2Div().f64x2Sub());
        },
      ),
    );
  });

/**
 * One Adam step over a parameter: in the module when p, m and v are resident arrays of its
 * memory (allocateParameter put them there) and g fits beside them, else the TypeScript
 * loop; split into ranges across the threads when the parameter is large (and, for the
 * loop, in shared memory).
 */
export function adamUpdate(ctx: KernelContext, p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, step: AdamStepScalars): void {
  const { form, beta1, beta2, epsilon, alpha, stepSize, sqrtBiasCorrection2 } = step;
  const scalars = { beta1, beta2, epsilon, alpha, stepSize, sqrtBiasCorrection2 };
  const minElements = ctx.minParallelWork ?? PARALLEL_MIN_ELEMENTS;
  const wasm = ctx.wasm;
  const n = p.length;
  const resident = wasm !== null && allFloat32(p, g, m, v) && wasm.isResident(p) && wasm.isResident(m) && wasm.isResident(v) && g.length === n && m.length === n && v.length === n;
  // A resident g (a training step's gradients, from an arena in the memory) is read in place: its pad is zero, as allocateResident left it.
  const gInPlace = resident ? wasm.residentOffset(g) : null;
  const gAt = gInPlace ?? (resident ? wasm.scratchBase : 0);
  if (resident && (gInPlace !== null || wasm.reserve(gAt + 4 * up4(n)))) {
    if (gInPlace === null) {
      wasm.copyIn(g as Float32Array, gAt, n);
      wasm.zero(gAt + 4 * n, gAt + 4 * up4(n)); // the pad the last pair reads
    }
    ctx.wasmCalls.adam++;
    const elements = up4(n);
    const job = { kind: 'adam-wasm', p: p.byteOffset, g: gAt, m: m.byteOffset, v: v.byteOffset, torch: form === 'torch' ? 1 : 0, ...scalars } as const;
    ctx.pool.run(job, elements, elements >= minElements);
    return;
  }
  const split = n >= minElements && [p, g, m, v].every((a) => isSharedBuffer(a.buffer));
  ctx.pool.run({ kind: 'adam-loop', form, p, g, m, v, ...scalars }, n, split);
}

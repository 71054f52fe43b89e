/**
 * Adam's update as a WebAssembly function of the js backend's module (wasm-matmul.ts
 * assembles it): adam-kernel.ts's arithmetic, operation for operation, on two float32
 * elements per instruction — each widened exactly to float64, the moments rounded to
 * float32 as they are stored and used as stored, the parameter rounded once. It gives
 * the bits of src/optim's adamUpdate (a test compares them).
 *
 * adam(p, g, m, v, from, to, torch, beta1, beta2, epsilon, alpha, stepSize, sqrtBiasCorrection2):
 * byte offsets [from, to) of the four float32 arrays at p, g, m, v (a multiple of 8 bytes
 * apart; the arrays padded so that reading and writing pairs stays inside them).
 *   m ← β1·m + (1 − β1)·g,   v ← β2·v + ((1 − β2)·g)·g
 *   keras: p ← p − (m·α)/(√v + ε)          torch: p ← p + (−stepSize·m)/(√v/√(1 − β2^t) + ε)
 */
import { F64, FunctionBuilder, I32, V128 } from './wasm-writer.ts';

export function adamFunction(): FunctionBuilder {
  const f = new FunctionBuilder([I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64]);
  const [p, g, m, v, from, to, torch, beta1, beta2, epsilon, alpha, stepSize, sqrtBiasCorrection2] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const o = f.local(I32);
  const [b1, b2, c1, c2, eps, scale, root, gi, mi, vi] = Array.from({ length: 10 }, () => f.local(V128));
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
  return f;
}

/**
 * The default learning rate of each optimizer on each function: a rate that works for
 * that optimizer there, so that the picture compares the rules at their best rather
 * than at one rate that suits none of them (Keras's default 0.001 moves Adam about
 * 0.5 in 500 steps: it would not leave the start of Rosenbrock's valley).
 *
 * How they were chosen: every rate of the 1-2-5 grid 1e-4, 2e-4, 5e-4, …, 500 was run
 * from the function's start for 500 steps in the Keras convention, and
 *   - on functions with minima and exact gradients: the SMALLEST rate whose run ends
 *     within 0.05 of a minimum (the smallest, so the path is the smoothest that
 *     arrives); where no rate arrives in 500 steps, the rate with the least mean f
 *     over the last 50 steps (the closest end would favour a rate that thrashes across
 *     the valley and happens to stop near the minimum);
 *   - on the saddle: the smallest rate that escapes to f ≤ −1 within 250 steps, so the
 *     picture shows both the slide toward the saddle point and the escape;
 *   - on the noisy quadratic: the rate with the tightest cloud, the least mean distance
 *     to the minimum over the last 100 steps (a larger rate arrives sooner but jitters
 *     more; a smaller one has not arrived).
 * Rates that diverged were never chosen. The comments give what each run does at its
 * rate (Keras convention). The torch convention uses the same rates: its epsilons are
 * smaller (Adadelta's 1e-6 against 1e-7 takes larger first steps) but no default
 * diverges there either (a test runs them all). An optimizer the table does not list
 * (a rule added since) runs at its convention's default rate.
 *
 * Rules added for issue 13, chosen the same way (and the same in both conventions where a
 * rule has two; a rule's own defaults stay where the picture is fair to it):
 * - Lion moves every coordinate by exactly lr per step, so it cannot settle closer than
 *   about lr: Rosenbrock 0.01 (ends 0.27 away, zigzagging in the valley), Beale 0.05
 *   (0.1 away), ill-conditioned 0.02 (step 198), saddle 0.005 (escapes at 235),
 *   Himmelblau 0.02 (step 280), noisy quadratic 0.005 (mean distance 0.32), rotated
 *   ill-conditioned 0.02 (step 266), Rastrigin 0.5 (mean f 28.1 over the last 50 steps).
 * - Adagrad's steps shrink as lr/√t, so its defaults (Keras 0.001, torch 0.01) end 2 to
 *   4 away on every function: Rosenbrock 5 (none arrives; least mean f, 0.053), Beale 1
 *   (step 314), ill-conditioned 0.2 (447), saddle 0.05 (escapes at 114), Himmelblau 0.1
 *   (428), noisy quadratic 0.2 (mean distance 0.07), rotated ill-conditioned 1 (479),
 *   Rastrigin 5 (mean f 0.75, ending 0.053 from the global minimum).
 * - Rprop (torch only) is not listed: lr is only its first step size (Δ then grows or
 *   shrinks by η per step), and its default 0.01 arrives on Beale, both ill-conditioned
 *   quadratics and Himmelblau (as does every rate of the grid there), escapes the saddle
 *   at step 18, and stops in Rastrigin's first local minimum at every rate below 1.
 * - LAMB's step has length lr·‖p‖ (its trust ratio), so it slows down near the origin:
 *   Rosenbrock 0.05 (ends 0.064 away), Beale 0.005 (step 436), ill-conditioned 0.01 (451),
 *   rotated 0.01 (492), saddle 0.005 (escapes at 207), Himmelblau 0.01 (440), noisy
 *   quadratic 0.02 (mean distance 0.11), Rastrigin 0.5 (within 0.05 of (0, 0) from step
 *   360).
 * - FTRL (p is −z scaled by the accumulated squared gradients, like Adagrad): Rosenbrock 2
 *   (ends 0.59 away), Beale 1 (step 315), ill-conditioned 0.2 (381), rotated 1 (479),
 *   saddle 0.05 (escapes at 108), Himmelblau 0.1 (431), noisy quadratic 0.2 (mean
 *   distance 0.073), Rastrigin 5 (mean f 1.9 over the last 50 steps).
 * - Schedule-Free AdamW and SGD (SGD's in the torch convention, the only one it has);
 *   the path drawn is y, where their gradients are taken. AdamW arrives on Beale (0.5,
 *   step 79), the quadratic (0.1, 107), its rotation (1, 75) and Himmelblau (0.05, 285),
 *   escapes the saddle at 0.01 (154), ends 0.30 from (1, 1) on Rosenbrock (0.1, least mean
 *   f 0.0076), 0.137 from the noisy minimum (0.05), mean f 25.0 on Rastrigin (5). SGD
 *   arrives on Rosenbrock (0.01, 425), the quadratic and its rotation (0.05, 71) and
 *   Himmelblau (0.005, 170), ends 0.051 from Beale's minimum (0.01), escapes the saddle at
 *   0.05 (128), is 0.135 from the noisy minimum (0.05), mean f 25.9 on Rastrigin (0.05).
 * - ADOPT (torch only, so chosen in the torch convention) normalises each gradient by the
 *   previous steps' second moment and clips it at (t − 1)^¼, so its steps stay near lr:
 *   Rosenbrock 2 (step 253), Beale 1 (238), ill-conditioned 0.05 (313), rotated 1 (433),
 *   saddle 0.005 (escapes at 131), Himmelblau 0.005 (256), noisy quadratic 0.02 (mean
 *   distance 0.20), Rastrigin 0.005 (the first local minimum at every rate, f 31.8).
 * - ASGD (torch only) is SGD with a step lr/(1 + λ·lr·t)^α that hardly decays at the
 *   defaults (λ = 1e-4), and its default 0.01 diverges on Rosenbrock: it takes SGD's
 *   rates where the rule gives them (Rosenbrock 0.002, ending 0.051 away; Beale 0.02,
 *   step 351; saddle 0.01, escaping at 233; Himmelblau 0.001, step 370; noisy quadratic
 *   0.01, mean distance 0.10; Rastrigin 0.0001, the first local minimum at every rate
 *   that does not diverge), and 0.01 on both ill-conditioned quadratics (steps 437, 436).
 * - RAdam (torch only): its default 1e-3 ends 2 to 4 away everywhere. Its first five
 *   steps are SGD with momentum (unrectified), so a rate that suits the rectified Adam
 *   steps can blow up at the start: 0.1 and above explode on both ill-conditioned
 *   quadratics (κ = 100). Beale 0.01 and Rosenbrock 0.01 (none arrives; least mean f 2.2
 *   and 1.3), ill-conditioned 0.02 (none arrives; least mean f 0.89), rotated 0.05 (none;
 *   4.5), saddle 0.02 (escapes at 190), Himmelblau 0.05 (step 370), noisy quadratic 0.05
 *   (mean distance 0.15), Rastrigin 0.01 (mean f 24.9).
 * - SparseAdam on a 2-D point: every evaluation touches both coordinates, so it is lazy
 *   Adam with every row touched (Adam's ε̂ and torch's moment arithmetic), and its rates
 *   are Adam's but one: Rosenbrock 1 (step 448), Beale 0.1 (318), ill-conditioned 0.02
 *   (450), saddle 0.005 (escapes at 186), Himmelblau 0.01 (376), noisy quadratic 0.01
 *   (mean distance 0.14), rotated 0.2 (315), Rastrigin 2 (mean f 13.5).
 * - L-BFGS's step() is up to 20 iterations with its own step length, so its torch default
 *   lr = 1 (the full quasi-Newton step) stays: it arrives within 7 steps on Rosenbrock,
 *   Beale, both quadratics and Himmelblau, and on Rastrigin it stops in the first local
 *   minimum (f 31.8, as at the smallest rates). Two are listed: on the saddle, unbounded below,
 *   every rate from 0.05 up diverges within 500 steps and 0.0001 escapes at step 22; on
 *   the noisy quadratic 0.5 keeps the tightest cloud (mean distance 0.18 against 0.36 at 1).
 * - Prodigy (torch only) learns its step size d, and lr only scales it; it is listed
 *   only on the saddle, where its default 1 runs off to −∞ within 500 steps (0.02, the
 *   smallest rate that escapes, at step 174). Elsewhere it runs at its default 1, which
 *   arrives on Rosenbrock (step 439), Beale (469), both ill-conditioned quadratics (76,
 *   42) and Himmelblau (90): the picture of a rule that needs no tuning.
 * - Muon: a landscape's parameter is 1-D, so Keras's Muon gives it its Adam step, which at
 *   the defaults (β 0.9, 0.999, ε 1e-7, adamWeightDecay 0.004) is Keras's AdamW to the bit
 *   (test/optim/muon.test.ts): AdamW's rates. torch's Muon refuses a 1-D parameter and is
 *   not drawn in the torch convention.
 */
import { learningRateAt, resolveOptimizerConfig, type Convention } from '../optim/index.ts';
import type { FunctionName } from './functions.ts';
import { ENGINE_OPTIMIZER, type LandscapeOptimizer } from './optimizers.ts';

export type LearningRateTable = Readonly<Record<LandscapeOptimizer, number>>;

/** The table's rate for `optimizer` on `fn`, or else the optimizer's default in `convention`. */
export function defaultLearningRate(fn: FunctionName, optimizer: LandscapeOptimizer, convention: Convention): number {
  const engine = ENGINE_OPTIMIZER[optimizer]!;
  return DEFAULT_LEARNING_RATES[fn][optimizer] ?? learningRateAt(resolveOptimizerConfig(engine.name, convention, engine.options).learningRate, 0);
}

export const DEFAULT_LEARNING_RATES: Readonly<Record<FunctionName, LearningRateTable>> = {
  /**
   * Only Adam (within 0.05 from step 448) and AMSGrad (489) arrive in 500 steps: the
   * valley floor is nearly flat while the cross-valley curvature keeps every
   * second-moment estimate large. SGD is capped by stability: at (1, 1) the Hessian
   * [[802, −400], [−400, 200]] has largest eigenvalue 1001.6, so gradient descent is
   * stable there only for lr < 2/1001.6 ≈ 0.002 (and at the start, eigenvalue ≈ 2092,
   * only below 0.00096, hence its first zigzags); 0.002 ends 0.051 away, 0.005
   * diverges. AdamW's decoupled decay p ← p − 0.004·lr·p pulls toward the origin harder
   * as lr grows, so its best rate (0.2) is below Adam's. Adamax's u remembers the first,
   * steepest gradient (|g| = 155) and its steps stay small. Adadelta's steps grow from
   * √ε; only 20 carries it along the valley. Adafactor uses min(lr, 1/√t), so any
   * lr ≥ 1 is the same run.
   */
  rosenbrock: { sgd: 0.002, adam: 1, amsgrad: 1, adamw: 0.2, adamax: 2, nadam: 2, rmsprop: 0.05, adadelta: 20, adafactor: 1, lion: 0.01, adagrad: 5, lamb: 0.05, ftrl: 2, 'adamw-schedulefree': 0.1, 'sgd-schedulefree': 0.01, adopt: 2, asgd: 0.002, radam: 0.01, sparseadam: 1, muon: 0.2 },
  /**
   * SGD arrives at 0.02 (step 349; 0.05 diverges on the |y|³ walls), RMSprop at 0.01
   * (358), Adam, AMSGrad and Nadam at 0.1 (318, 336, 319), Adamax at 0.5 (410),
   * Adafactor at 0.02 (406). AdamW (0.5) and Adadelta (10) never end within 0.05.
   */
  beale: { sgd: 0.02, adam: 0.1, amsgrad: 0.1, adamw: 0.5, adamax: 0.5, nadam: 0.1, rmsprop: 0.01, adadelta: 10, adafactor: 0.02, lion: 0.05, adagrad: 1, lamb: 0.005, ftrl: 1, 'adamw-schedulefree': 0.5, 'sgd-schedulefree': 0.01, adopt: 1, asgd: 0.02, radam: 0.01, sparseadam: 0.1, muon: 0.5 },
  /**
   * Hessian diag(1, 100). SGD is the one exception to the rule above: the rule's 0.01 is
   * exactly 1/λ_max, which removes y in a single step and hides what κ does. At 0.018
   * y flips sign each step (factor 1 − 1.8 = −0.8), the zigzag across the valley, while
   * x crawls by 0.982 per step (within 0.05 at step 242; 2/λ_max = 0.02 is the limit).
   * The diagonal preconditioners see both axes alike and head in diagonally: Adam,
   * AMSGrad, AdamW and Nadam at 0.02 (445-463), Adamax and Adafactor at 0.05 (261, 295),
   * RMSprop at 0.01 (422), Adadelta at 10 (484).
   */
  'ill-conditioned': { sgd: 0.018, adam: 0.02, amsgrad: 0.02, adamw: 0.02, adamax: 0.05, nadam: 0.02, rmsprop: 0.01, adadelta: 10, adafactor: 0.05, lion: 0.02, adagrad: 0.2, lamb: 0.01, ftrl: 0.2, 'adamw-schedulefree': 0.1, 'sgd-schedulefree': 0.05, adopt: 0.05, asgd: 0.01, radam: 0.02, sparseadam: 0.02, muon: 0.02 },
  /**
   * Started 0.01 off the ridge: SGD's y grows by 1 + 2·lr per step, escaping (f ≤ −1)
   * at step 233 for 0.01. The adaptive rules divide the tiny y gradient by its own size
   * and escape sooner at half the rate: Adam, AMSGrad, AdamW and Nadam at 0.005 (186),
   * RMSprop (212) and Adafactor (207) at 0.005, Adamax at 0.01 (146), Adadelta at 0.2 (238).
   */
  saddle: { sgd: 0.01, adam: 0.005, amsgrad: 0.005, adamw: 0.005, adamax: 0.01, nadam: 0.005, rmsprop: 0.005, adadelta: 0.2, adafactor: 0.005, lion: 0.005, adagrad: 0.05, lamb: 0.005, ftrl: 0.05, 'adamw-schedulefree': 0.01, 'sgd-schedulefree': 0.05, adopt: 0.005, asgd: 0.01, radam: 0.02, sparseadam: 0.005, lbfgs: 0.0001, prodigy: 0.02, muon: 0.005 },
  /**
   * Started beside the local maximum (−0.27, −0.92): SGD follows the gradient to the
   * minimum (3.584, −1.848) (0.001, step 370), while the sign-like early steps of the
   * adaptive rules carry all of them diagonally to (3, 2): the Adam family, RMSprop and
   * Adamax at 0.01 (315-498), Adafactor at 0.01 (480), Adadelta at 1 (473).
   */
  himmelblau: { sgd: 0.001, adam: 0.01, amsgrad: 0.01, adamw: 0.01, adamax: 0.01, nadam: 0.01, rmsprop: 0.01, adadelta: 1, adafactor: 0.01, lion: 0.02, adagrad: 0.1, lamb: 0.01, ftrl: 0.1, 'adamw-schedulefree': 0.05, 'sgd-schedulefree': 0.005, adopt: 0.005, asgd: 0.001, radam: 0.05, sparseadam: 0.01, muon: 0.01 },
  /**
   * Mean distance to the minimum over the last 100 steps: SGD 0.10 at 0.01; Adam,
   * AMSGrad, AdamW and Nadam 0.14 at 0.02; RMSprop 0.13 at 0.02; Adamax 0.12 at 0.05;
   * Adadelta 0.12 at 10. Adafactor scales its step by RMS(p), so its noise shrinks with
   * the distance itself: 0.01 at 1 (any rate ≥ 1 is the same run).
   */
  'noisy-quadratic': { sgd: 0.01, adam: 0.02, amsgrad: 0.02, adamw: 0.02, adamax: 0.05, nadam: 0.02, rmsprop: 0.02, adadelta: 10, adafactor: 1, lion: 0.005, adagrad: 0.2, lamb: 0.02, ftrl: 0.2, 'adamw-schedulefree': 0.05, 'sgd-schedulefree': 0.05, adopt: 0.02, asgd: 0.01, radam: 0.05, sparseadam: 0.01, lbfgs: 0.5, muon: 0.02 },
  /**
   * The same Hessian turned by 45°. SGD takes the unrotated function's 0.018 for the same
   * reason (gradient descent does not see the rotation: within 0.05 at step 242 again).
   * The diagonal preconditioners lose their free lunch: Adam, AMSGrad, AdamW and Nadam
   * still arrive, at 0.2 (steps 297-333), but along the valley's floor rather than
   * diagonally; RMSprop only at 0.01 (497), Adafactor at 0.1 (455), Adamax at 1 (349);
   * Adadelta never within 0.05 (best mean f 0.039 at 20).
   */
  'rotated-ill-conditioned': { sgd: 0.018, adam: 0.2, amsgrad: 0.2, adamw: 0.2, adamax: 1, nadam: 0.2, rmsprop: 0.01, adadelta: 20, adafactor: 0.1, lion: 0.02, adagrad: 1, lamb: 0.01, ftrl: 1, 'adamw-schedulefree': 1, 'sgd-schedulefree': 0.05, adopt: 1, asgd: 0.01, radam: 0.05, sparseadam: 0.2, muon: 0.2 },
  /**
   * No rule reaches (0, 0) from (−4.3, 3.7) in 500 steps at any rate of the grid; each
   * rate is the least mean f over the last 50 steps. SGD, AMSGrad and Adadelta stop in
   * the first local minimum at every rate that does not diverge (f ≈ 31.8, the smallest
   * such rate is listed); the large steps of Adam (2: f 2.6), Adamax (2: 9.9), Nadam (2:
   * 13.5), Adafactor (0.2: 13.9), AdamW (2: 17.0) and RMSprop (0.5: 24.4) hop across
   * basins toward the centre.
   */
  rastrigin: { sgd: 0.0001, adam: 2, amsgrad: 0.005, adamw: 2, adamax: 2, nadam: 2, rmsprop: 0.5, adadelta: 1, adafactor: 0.2, lion: 0.5, adagrad: 5, lamb: 0.5, ftrl: 5, 'adamw-schedulefree': 5, 'sgd-schedulefree': 0.05, adopt: 0.005, asgd: 0.0001, radam: 0.01, sparseadam: 2, muon: 2 },
};

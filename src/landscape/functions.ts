/**
 * The two-dimensional test functions of `seedgrad landscape`, written as autograd
 * expressions so that their gradients come from the engine, exactly as a model's do.
 *
 * Each expression is elementwise in (x, y): the runner calls it on two one-element
 * slices of the parameter `point`, and the contour grid calls it on two flat tensors of
 * grid coordinates, so one definition serves both.
 */
import type { Tensor } from '../tensor/tensor.ts';
import { add, cos, mul, square, sub } from '../autograd/index.ts';

export const FUNCTION_NAMES = ['rosenbrock', 'beale', 'ill-conditioned', 'rotated-ill-conditioned', 'saddle', 'himmelblau', 'noisy-quadratic', 'rastrigin'] as const;

export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** A point where the gradient vanishes and that the plot marks. */
export interface CriticalPoint {
  readonly x: number;
  readonly y: number;
  readonly kind: 'minimum' | 'saddle';
}

export interface TestFunction {
  readonly name: FunctionName;
  readonly title: string;
  /** The definition, as a reader would write it. */
  readonly formula: string;
  /** f(x, y), elementwise over tensors of one shape (float64). */
  readonly expression: (x: Tensor, y: Tensor) => Tensor;
  /** The known minima (every global one), and saddle points worth marking. */
  readonly criticalPoints: readonly CriticalPoint[];
  /** The global minimum value f*, or null when f is unbounded below. */
  readonly minimumValue: number | null;
  /** The plotted window. */
  readonly domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  /**
   * The standard starting point: never at the same distance from a minimum along both
   * axes, where a sign-based first step (Adafactor's relative step, Lion, signSGD) would
   * land exactly on it and look like speed.
   */
  readonly start: readonly [number, number];
  /**
   * Standard deviation σ of the Gaussian noise added to each gradient component at
   * every step (0: exact gradients). The noise enters as the linear term ξ·p of the
   * objective, so it flows through autograd like any other term.
   */
  readonly gradientNoise: number;
  /** Contour levels are log-spaced over |f − f*| within this range. */
  readonly contourRange: readonly [number, number];
}

const minimum = (x: number, y: number): CriticalPoint => ({ x, y, kind: 'minimum' });

/**
 * Rosenbrock (1960): f = (1 − x)² + 100 (y − x²)². One global minimum f(1, 1) = 0 at the
 * end of a long, curved, flat-bottomed valley: the classic test of following a ravine.
 */
const rosenbrock: TestFunction = {
  name: 'rosenbrock',
  title: 'Rosenbrock',
  formula: '(1 − x)² + 100·(y − x²)²',
  expression: (x, y) => add(square(sub(1, x)), mul(100, square(sub(y, square(x))))),
  criticalPoints: [minimum(1, 1)],
  minimumValue: 0,
  domain: { x: [-2, 2], y: [-1, 3] },
  start: [-1.5, 2],
  gradientNoise: 0,
  contourRange: [1e-2, 3e3],
};

/**
 * Beale (1958): f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)². Global
 * minimum f(3, 0.5) = 0; flat plateaus near the x axis and walls that steepen as |y|³.
 */
const beale: TestFunction = {
  name: 'beale',
  title: 'Beale',
  formula: '(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
  expression: (x, y) => {
    const y2 = square(y);
    const y3 = mul(y2, y);
    return add(add(square(add(sub(1.5, x), mul(x, y))), square(add(sub(2.25, x), mul(x, y2)))), square(add(sub(2.625, x), mul(x, y3))));
  },
  criticalPoints: [minimum(3, 0.5)],
  minimumValue: 0,
  domain: { x: [-4.5, 4.5], y: [-4.5, 4.5] },
  start: [1, 1.5],
  gradientNoise: 0,
  contourRange: [1e-2, 1e5],
};

/**
 * An ill-conditioned quadratic: f = ½ (x² + 100 y²). Hessian diag(1, 100), so condition
 * number κ = 100; minimum f(0, 0) = 0. Plain gradient descent is stable only for
 * lr < 2/100 and then crawls along x at rate (1 − lr) per step. The axes are the
 * Hessian's eigenvectors, so per-coordinate (diagonal) preconditioners undo the
 * conditioning, which is itself one of the lessons.
 */
const illConditioned: TestFunction = {
  name: 'ill-conditioned',
  title: 'Ill-conditioned quadratic (κ = 100)',
  formula: '½·(x² + 100·y²)',
  expression: (x, y) => mul(0.5, add(square(x), mul(100, square(y)))),
  criticalPoints: [minimum(0, 0)],
  minimumValue: 0,
  domain: { x: [-5, 5], y: [-2.5, 2.5] },
  start: [-4, 1.5],
  gradientNoise: 0,
  contourRange: [1e-2, 1e3],
};

/**
 * The same quadratic turned by 45°: f = ¼ ((x + y)² + 100 (x − y)²) = ½ pᵀ H p with
 * H = [[50.5, −49.5], [−49.5, 50.5]], eigenvalues 1 along (1, 1) and 100 along (1, −1);
 * κ = 100, minimum f(0, 0) = 0. The curvature now lies across the axes, so a diagonal
 * preconditioner (Adam's √v, RMSprop's, Adagrad's) sees two coordinates of one size and
 * cannot undo κ: the comparison with `ill-conditioned` shows how much of an adaptive
 * rule's speed there came from the axes alone. Gradient descent is unchanged by the
 * rotation (Goh, "Why Momentum Really Works", Distill 2017: at α = 2/(1 + 100) it
 * contracts by 99/101 per step, heavy-ball at α = 4/(1 + 10)², β = (9/11)² by 9/11).
 */
const rotatedIllConditioned: TestFunction = {
  name: 'rotated-ill-conditioned',
  title: 'Rotated ill-conditioned quadratic (κ = 100, 45°)',
  formula: '¼·((x + y)² + 100·(x − y)²)',
  expression: (x, y) => mul(0.25, add(square(add(x, y)), mul(100, square(sub(x, y))))),
  criticalPoints: [minimum(0, 0)],
  minimumValue: 0,
  domain: { x: [-5, 5], y: [-5, 5] },
  // ill-conditioned's start (−4, 1.5) in the eigenvector coordinates, turned by 45° and rounded.
  start: [-3.9, -1.75],
  gradientNoise: 0,
  contourRange: [1e-2, 1e3],
};

/**
 * The saddle f = x² − y²: a saddle point at (0, 0), unbounded below along y. Started just
 * off the ridge y = 0, gradient descent first slides toward the saddle and escapes only
 * as fast as the tiny y component grows (by the factor 1 + 2·lr per step).
 */
const saddle: TestFunction = {
  name: 'saddle',
  title: 'Saddle',
  formula: 'x² − y²',
  expression: (x, y) => sub(square(x), square(y)),
  criticalPoints: [{ x: 0, y: 0, kind: 'saddle' }],
  minimumValue: null,
  domain: { x: [-2, 2], y: [-2, 2] },
  start: [-1.8, 0.01],
  gradientNoise: 0,
  contourRange: [1e-1, 4],
};

/**
 * Himmelblau (1972): f = (x² + y − 11)² + (x + y² − 7)². Four global minima, all f = 0:
 * (3, 2) exactly, and (−2.805118, 3.131312), (−3.779310, −3.283186), (3.584428, −1.848126)
 * to the six decimals the literature gives; a local maximum near (−0.270845, −0.923039).
 * Which minimum an optimizer reaches depends on its path.
 */
const himmelblau: TestFunction = {
  name: 'himmelblau',
  title: 'Himmelblau',
  formula: '(x² + y − 11)² + (x + y² − 7)²',
  expression: (x, y) => add(square(add(add(square(x), y), -11)), square(add(add(x, square(y)), -7))),
  criticalPoints: [minimum(3, 2), minimum(-2.805118, 3.131312), minimum(-3.77931, -3.283186), minimum(3.584428, -1.848126)],
  minimumValue: 0,
  domain: { x: [-5, 5], y: [-5, 5] },
  start: [-0.2, -0.8],
  gradientNoise: 0,
  contourRange: [1e-1, 1e3],
};

/**
 * A noisy quadratic: f = ½ (x² + y²) observed through gradients g = ∇f + ξ, ξ ~ N(0, σ² I)
 * with σ = 1, fresh at every step from a seeded stream (the same sequence for every
 * optimizer). Near the minimum the noise dominates the gradient, so a constant learning
 * rate leaves each optimizer hovering in a cloud whose size its rule sets.
 */
const noisyQuadratic: TestFunction = {
  name: 'noisy-quadratic',
  title: 'Noisy quadratic (σ = 1)',
  formula: '½·(x² + y²), gradients + N(0, 1) noise',
  expression: (x, y) => mul(0.5, add(square(x), square(y))),
  criticalPoints: [minimum(0, 0)],
  minimumValue: 0,
  domain: { x: [-2.5, 2.5], y: [-2.5, 2.5] },
  start: [-2, 1.3],
  gradientNoise: 1,
  contourRange: [1e-2, 1e1],
};

const TWO_PI = 2 * Math.PI;

/**
 * Rastrigin (1974): f = 20 + Σᵢ (xᵢ² − 10 cos 2πxᵢ). One global minimum f(0, 0) = 0 in a
 * lattice of local minima near the integer points: a rule that follows the local gradient
 * stops in the first basin it meets; momentum and large steps may hop over a few.
 */
const rastrigin: TestFunction = {
  name: 'rastrigin',
  title: 'Rastrigin',
  formula: '20 + x² − 10·cos(2πx) + y² − 10·cos(2πy)',
  expression: (x, y) => add(add(sub(square(x), mul(10, cos(mul(TWO_PI, x)))), sub(square(y), mul(10, cos(mul(TWO_PI, y))))), 20),
  criticalPoints: [minimum(0, 0)],
  minimumValue: 0,
  domain: { x: [-5.12, 5.12], y: [-5.12, 5.12] },
  start: [-4.3, 3.7],
  gradientNoise: 0,
  contourRange: [1e-1, 1e2],
};

export const TEST_FUNCTIONS: Readonly<Record<FunctionName, TestFunction>> = {
  rosenbrock,
  beale,
  'ill-conditioned': illConditioned,
  'rotated-ill-conditioned': rotatedIllConditioned,
  saddle,
  himmelblau,
  'noisy-quadratic': noisyQuadratic,
  rastrigin,
};

export function isFunctionName(name: string): name is FunctionName {
  return (FUNCTION_NAMES as readonly string[]).includes(name);
}

/** The minima of a function (empty for the saddle). */
export function minimaOf(fn: TestFunction): readonly CriticalPoint[] {
  return fn.criticalPoints.filter((p) => p.kind === 'minimum');
}

/**
 * A second start for `fn`, away from `start` by a tenth of the window across and a
 * fourteenth down (kept inside it): where a rule arrives in two steps or fewer, the table
 * asks whether it does so from here too, or only from a lucky start.
 */
export function secondStart(fn: TestFunction, start: readonly [number, number]): readonly [number, number] {
  const { x, y } = fn.domain;
  const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));
  return [clamp(start[0] + (x[1] - x[0]) / 10, x), clamp(start[1] - (y[1] - y[0]) / 14, y)];
}

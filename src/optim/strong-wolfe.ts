/**
 * The strong-Wolfe line search of torch.optim.LBFGS (its _strong_wolfe and
 * _cubic_interpolate, ported there from torch7's lswolfe.lua and polyinterp.lua; Nocedal &
 * Wright 2006, Algorithms 3.5 and 3.6), step for step: a bracketing phase that grows the
 * step by cubic extrapolation until an interval holds a point satisfying
 *
 *   f(x + t·d) ≤ f(x) + c1·t·gᵀd          (sufficient decrease, Armijo)
 *   |∇f(x + t·d)ᵀd| ≤ −c2·gᵀd             (curvature, strong form)
 *
 * then a zoom phase that shrinks the interval by cubic interpolation, moved a tenth of
 * the interval away from its ends when it makes too little progress. At most 25
 * evaluations; c1 = 1e-4, c2 = 0.9 as torch fixes them.
 */
import type { FloatArray } from './types.ts';
import { absMax, dot, type FlatVector } from './flat-vector.ts';

/** f and ∇f at x + t·d (the gradient a fresh array the search may keep). */
export type LineFunction = (t: number) => { readonly loss: number; readonly grad: FloatArray[] };

export interface LineSearchResult {
  readonly loss: number;
  readonly grad: FlatVector;
  readonly t: number;
  readonly evaluations: number;
}

const C1 = 1e-4;
const C2 = 0.9;
const MAX_EVALUATIONS = 25;

/**
 * The minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped
 * to `bounds` (default: between x1 and x2); the bounds' midpoint where the cubic has no
 * real minimiser. With d1 = g1 + g2 − 3(f1 − f2)/(x1 − x2) and d2 = √(d1² − g1·g2), for x1 ≤ x2:
 *   x = x2 − (x2 − x1)·(g2 + d2 − d1)/(g2 − g1 + 2·d2)
 */
export function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: readonly [number, number]): number {
  const [low, high] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 * d1 - g1 * g2;
  if (!(d2Square >= 0)) return (low + high) / 2;
  const d2 = Math.sqrt(d2Square);
  const minimum = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
  return pyMin(pyMax(minimum, low), high);
}

/** Python's min and max of two numbers: the first unless the second is strictly better (NaN never is). */
const pyMin = (a: number, b: number): number => (b < a ? b : a);
const pyMax = (a: number, b: number): number => (b > a ? b : a);

interface Point {
  t: number;
  f: number;
  g: FlatVector;
  gtd: number;
}

/** The search along `d` from x (f, its gradient g, gtd = gᵀd < 0), starting at step t. */
export function strongWolfe(evaluateAt: LineFunction, d: FlatVector, t: number, f: number, g: FlatVector, gtd: number, toleranceChange: number): LineSearchResult {
  const dNorm = absMax(d);
  let evaluations = 0;
  let iteration = 0;
  /** f, ∇f and the slope along d at x + step·d. */
  const probe = (step: number): Point => {
    const { loss, grad } = evaluateAt(step);
    evaluations += 1;
    return { t: step, f: loss, g: grad, gtd: dot(grad, d) };
  };
  /** Above the Armijo line f + c1·t·gᵀd (written as torch tests it, so a NaN f is not above it). */
  const aboveArmijo = (point: Point): boolean => point.f > f + C1 * point.t * gtd;
  const curvature = (point: Point): boolean => Math.abs(point.gtd) <= -C2 * gtd;

  // Bracketing: find an interval holding an acceptable step, or an acceptable step itself.
  let latest = probe(t);
  let previous: Point = { t: 0, f, g, gtd };
  let bracket: Point[] | null = null;
  let done = false;
  while (iteration < MAX_EVALUATIONS) {
    if (aboveArmijo(latest) || (iteration > 1 && latest.f >= previous.f)) {
      bracket = [previous, latest];
      break;
    }
    if (curvature(latest)) {
      bracket = [latest];
      done = true;
      break;
    }
    if (latest.gtd >= 0) {
      bracket = [previous, latest];
      break;
    }
    // Extrapolate by the cubic, at least 1% of the last move further, at most 10·t.
    const minStep = latest.t + 0.01 * (latest.t - previous.t);
    const maxStep = latest.t * 10;
    const next = cubicInterpolate(previous.t, previous.f, previous.gtd, latest.t, latest.f, latest.gtd, [minStep, maxStep]);
    previous = latest;
    latest = probe(next);
    iteration += 1;
  }
  // Out of evaluations: the interval from 0 to the last step (its slopes are never read).
  if (iteration === MAX_EVALUATIONS) bracket = [{ t: 0, f, g, gtd: Number.NaN }, { ...latest, gtd: Number.NaN }];
  const points = bracket!;

  // Zoom: shrink the interval until a point satisfies both conditions.
  let insufficientProgress = false;
  let [low, high] = points[0]!.f <= points[points.length - 1]!.f ? [0, 1] : [1, 0];
  while (!done && iteration < MAX_EVALUATIONS) {
    const [a, b] = points as [Point, Point];
    if (Math.abs(b.t - a.t) * dNorm < toleranceChange) break;
    let next = cubicInterpolate(a.t, a.f, a.gtd, b.t, b.f, b.gtd);
    const top = pyMax(a.t, b.t);
    const bottom = pyMin(a.t, b.t);
    const margin = 0.1 * (top - bottom);
    if (pyMin(top - next, next - bottom) < margin) {
      // Too close to an end: after a second such step, or at an end, move a tenth inside.
      if (insufficientProgress || next >= top || next <= bottom) {
        next = Math.abs(next - top) < Math.abs(next - bottom) ? top - margin : bottom + margin;
        insufficientProgress = false;
      } else {
        insufficientProgress = true;
      }
    } else {
      insufficientProgress = false;
    }
    const point = probe(next);
    iteration += 1;
    if (aboveArmijo(point) || point.f >= points[low]!.f) {
      // No sufficient decrease, or not below the low end: the new point is the high end.
      points[high] = point;
      [low, high] = points[0]!.f <= points[1]!.f ? [0, 1] : [1, 0];
    } else {
      if (curvature(point)) done = true;
      else if (point.gtd * (points[high]!.t - points[low]!.t) >= 0) points[high] = points[low]!;
      points[low] = point;
    }
  }
  const best = points[low]!;
  return { loss: best.f, grad: best.g, t: best.t, evaluations };
}

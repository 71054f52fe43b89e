/**
 * What the state inspector shows for one step of one path: the named state after the
 * step, the gradient it used, the step actually taken, the effective per-coordinate
 * learning rate (the step divided by −g), and which term of the update's denominator
 * dominates, ε or the √(second moment), as the rule of that optimizer and convention
 * writes its denominator (src/optim's files, docs/optimizers.md §2–§4).
 */
import { pow } from '../libm/index.ts';
import type { Path } from './run.ts';

export interface Denominator {
  /** How the rule writes it, e.g. '√v / √(1 − β2^t) + ε'. */
  readonly formula: string;
  /** The moment term per coordinate, and the ε it is set against (in the same units). */
  readonly moment: readonly [number, number];
  readonly epsilon: number;
  readonly dominant: readonly ('ε' | 'moment')[];
}

export interface StepView {
  /** Step t moved point t − 1 to point t (1 ≤ t ≤ path.length). */
  readonly step: number;
  readonly before: readonly [number, number];
  readonly after: readonly [number, number];
  readonly gradient: readonly [number, number];
  readonly taken: readonly [number, number];
  /** taken / −g per coordinate (null where g = 0). */
  readonly effectiveLearningRate: readonly [number | null, number | null];
  readonly state: Readonly<Record<string, readonly number[]>>;
  readonly denominator: Denominator | null;
  readonly value: number;
}

const pair = (f: (i: 0 | 1) => number): [number, number] => [f(0), f(1)];

function denominatorOf(path: Path, t: number): Denominator | null {
  const { name, convention } = path.settings;
  const options = path.resolved as Readonly<Record<string, number | boolean | null>>;
  const state = path.states[t - 1]!;
  const eps = (options['epsilon'] as number | null) ?? 0;
  const beta2 = (options['beta2'] as number | null) ?? 0;
  const sqrt = (a: readonly number[]) => pair((i) => Math.sqrt(a[i]!));
  const make = (formula: string, moment: [number, number], epsilon: number): Denominator => ({
    formula, moment, epsilon, dominant: moment.map((m) => (epsilon > m ? 'ε' : 'moment')),
  });
  switch (name) {
    case 'adam': case 'adamw': {
      const v = state['vHat'] ?? state['v']!;
      const label = state['vHat'] ? 'v̂' : 'v';
      if (convention === 'keras') return make(`√${label} + ε (ε̂, before the bias correction)`, sqrt(v), eps);
      const c = Math.sqrt(1 - pow(beta2, t));
      return make(`√${label} / √(1 − β2^t) + ε`, pair((i) => Math.sqrt(v[i]!) / c), eps);
    }
    case 'nadam': {
      const c = Math.sqrt(1 - pow(beta2, t));
      return make('√v / √(1 − β2^t) + ε', pair((i) => Math.sqrt(state['v']![i]!) / c), eps);
    }
    case 'adamax':
      return convention === 'keras' ? make('u + ε', pair((i) => state['u']![i]!), eps) : make('u = max(β2·u, |g| + ε)', pair((i) => state['u']![i]! - eps), eps);
    case 'rmsprop': {
      const a = state['meanGradient'];
      const variance = pair((i) => state['v']![i]! - (a ? a[i]! * a[i]! : 0));
      const term = a ? 'v − a²' : 'v';
      if (convention === 'keras') return make(`√(${term} + ε): ${term} against ε`, variance, eps);
      return make(`√(${term}) + ε`, pair((i) => Math.sqrt(variance[i]!)), eps);
    }
    case 'adadelta':
      return make('√(E[g²] + ε): E[g²] against ε', pair((i) => state['squaredGradientAverage']![i]!), eps);
    case 'adafactor': {
      const c = state['columnFactor'] ?? state['v']!;
      if (convention === 'keras') return make('√(column factor), whose every g² had ε1 added', pair((i) => c[i]!), (options['epsilon1'] as number | null) ?? 0);
      // torch floors V at ε1² (ε1 None: float64's machine epsilon, as the Lab's paths are float64).
      const floor = (options['epsilon1'] as number | null) ?? 2 ** -52;
      return make('√max(V, ε1²): the column factor against ε1²', pair((i) => c[i]!), floor * floor);
    }
    default:
      return null;
  }
}

/** The view of step t of `path`; null outside 1..path.length. */
export function inspectStep(path: Path, t: number): StepView | null {
  if (!Number.isInteger(t) || t < 1 || t > path.length) return null;
  const p = path.points;
  const before = pair((i) => p[2 * (t - 1) + i]!);
  const after = pair((i) => p[2 * t + i]!);
  const gradient = pair((i) => path.gradients[2 * (t - 1) + i]!);
  const taken = pair((i) => after[i] - before[i]);
  const effective = [0, 1].map((i) => (gradient[i]! === 0 ? null : taken[i]! / -gradient[i]!)) as [number | null, number | null];
  return { step: t, before, after, gradient, taken, effectiveLearningRate: effective, state: path.states[t - 1]!, denominator: denominatorOf(path, t), value: path.values[t]! };
}

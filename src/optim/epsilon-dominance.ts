/**
 * ε-dominance: the share of a parameter's elements whose update denominator is set by ε
 * rather than by the gradient statistic, in the rule's own convention (where ε sits
 * differs between Keras and PyTorch; docs/optimizers.md §2–3). Read off the optimizer's
 * state after a step, for the step just taken (t = stepCount):
 *
 *   adam, adamw (Keras: D = √v + ε, v uncorrected)          √v < ε
 *   adam, adamw (torch: D = √(v/(1 − β2^t)) + ε)            √(v/(1 − β2^t)) < ε
 *     (with amsgrad, v̂ = max v in place of v)
 *   nadam (both: D = √(v/(1 − β2^t)) + ε)                   √(v/(1 − β2^t)) < ε
 *   rmsprop (Keras: D = √(v + ε); torch: D = √v + ε)         v < ε;  √v < ε
 *     (centered: v − a² in place of v)
 *   adagrad (Keras: D = √(s + ε); torch: D = √s + ε)         s < ε;  √s < ε
 *   adadelta (both: D = √(E[g²] + ε))                        E[g²] < ε
 *   adamax (Keras: D = u + ε)                                u < ε
 *   lamb (Keras: D = √(v/(1 − β2^t)) + ε)                    √(v/(1 − β2^t)) < ε
 *   radam (torch: D = √v + ε, the correction outside it)     √v < ε on rectified steps
 *                                                            (ρ_t > 5); 0 before, as no
 *                                                            denominator is used
 *
 * Not defined yet (said so in reports): torch's Adamax (ε inside the max), ADOPT (ε a
 * floor on √v of the previous step), Adafactor (ε1 inside the factored moment), and the
 * Schedule-Free, Prodigy and Muon rules.
 *
 * In each case the condition says ε is the larger of the two terms the denominator adds.
 */
import type { Optimizer } from './optimizer.ts';
import type { FloatArray } from '../floats.ts';
import { pow } from '../libm/index.ts';
import { radamRho } from './radam.ts';

/** For one element i: the statistic the rule compares with ε (both sides as the denominator adds them). */
interface DominanceRule {
  /** The condition in words, for reports. */
  readonly statement: string;
  /** dominated(i) for the parameter's state, at the step just taken. */
  readonly test: (state: Readonly<Record<string, FloatArray>>, epsilon: number, t: number) => (i: number) => boolean;
}

const opt = (o: Optimizer, key: string): unknown => (o.options as Readonly<Record<string, unknown>>)[key];

function adamRule(o: Optimizer, alwaysCorrected: boolean): DominanceRule {
  const amsgrad = opt(o, 'amsgrad') === true;
  const corrected = alwaysCorrected || o.convention === 'torch';
  const v = amsgrad ? 'v̂' : 'v';
  return {
    statement: corrected ? `√(${v}/(1 − β2^t)) < ε, the denominator being √(${v}/(1 − β2^t)) + ε` : `√${v} < ε, the denominator being √${v} + ε (Keras's ε̂, before the bias correction)`,
    test: (state, epsilon, t) => {
      const second = amsgrad ? state.vHat : state.v;
      const scale = corrected ? 1 / (1 - pow(opt(o, 'beta2') as number, t)) : 1;
      return (i) => Math.sqrt(second[i] * scale) < epsilon;
    },
  };
}

function rule(o: Optimizer): DominanceRule | undefined {
  const keras = o.convention === 'keras';
  switch (o.name) {
    case 'adam':
    case 'adamw':
      return adamRule(o, false);
    case 'nadam':
    case 'lamb':
      return adamRule(o, true);
    case 'radam':
      return {
        statement: '√v < ε on rectified steps (ρ_t > 5), the denominator being √v + ε; none before',
        test: (state, epsilon, t) => (radamRho(opt(o, 'beta2') as number, t) > 5 ? (i) => Math.sqrt(state.v[i]) < epsilon : () => false),
      };
    case 'adamax':
      return keras ? { statement: 'u < ε, the denominator being u + ε', test: (state, epsilon) => (i) => state.u[i] < epsilon } : undefined;
    case 'rmsprop': {
      const centered = opt(o, 'centered') === true;
      const variance = centered ? 'v − a²' : 'v';
      return {
        statement: keras ? `${variance} < ε, the denominator being √(${variance} + ε)` : `√(${variance}) < ε, the denominator being √(${variance}) + ε`,
        test: (state, epsilon) => (i) => {
          const a = centered ? state.meanGradient[i] : 0;
          const value = state.v[i] - a * a;
          return keras ? value < epsilon : Math.sqrt(value) < epsilon;
        },
      };
    }
    case 'adagrad':
      return {
        statement: keras ? 's < ε, the denominator being √(s + ε)' : '√s < ε, the denominator being √s + ε',
        test: (state, epsilon) => (i) => (keras ? state.accumulator[i] < epsilon : Math.sqrt(state.accumulator[i]) < epsilon),
      };
    case 'adadelta':
      return { statement: 'E[g²] < ε, the denominator being √(E[g²] + ε)', test: (state, epsilon) => (i) => state.squaredGradientAverage[i] < epsilon };
    default:
      return undefined;
  }
}

/** What ε-dominance means for this optimizer, or why it is not measured: one line for reports. */
export function epsilonDominanceStatement(o: Optimizer): { readonly measured: boolean; readonly statement: string } {
  const found = rule(o);
  if (found !== undefined) return { measured: true, statement: `${o.name} (${o.convention}): ${found.statement}` };
  if (!Object.keys(o.options).some((key) => key.startsWith('epsilon'))) return { measured: false, statement: `${o.name} (${o.convention}) has no ε, so no ε-dominance` };
  return { measured: false, statement: `${o.name} (${o.convention}) has an ε, but its ε-dominance is not defined yet (src/optim/epsilon-dominance.ts)` };
}

/** The share of `paramName`'s elements whose denominator ε dominates after the last step; null where not measured (see the statement). */
export function epsilonDominance(o: Optimizer, paramName: string): number | null {
  const found = rule(o);
  if (found === undefined || o.stepCount === 0) return null;
  const state = o.state(paramName);
  const dominated = found.test(state, opt(o, 'epsilon') as number, o.stepCount);
  const size = Object.values(state)[0]?.length ?? 0;
  let count = 0;
  for (let i = 0; i < size; i++) if (dominated(i)) count++;
  return size === 0 ? 0 : count / size;
}

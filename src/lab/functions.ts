/**
 * The lab's functions: every test function of `seedgrad landscape` (Rastrigin among them), and a
 * function the user types (compiled by expression.ts). Each is what the runner and the
 * contour need: the expression, the window, the standard start, the known minima.
 */
import type { Tensor } from '../tensor/tensor.ts';
import { FUNCTION_NAMES, TEST_FUNCTIONS } from '../landscape/functions.ts';
import { DEFAULT_LEARNING_RATES } from '../landscape/learning-rates.ts';
import { compileExpression } from './expression.ts';
import type { OptimizerName } from './catalog.ts';

export interface LabFunction {
  readonly id: string;
  readonly title: string;
  readonly formula: string;
  readonly expression: (x: Tensor, y: Tensor) => Tensor;
  readonly domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  readonly start: readonly [number, number];
  readonly minima: readonly (readonly [number, number])[];
  readonly gradientNoise: number;
  /** Learning rates that suit each optimizer here (the landscape study's), where known. */
  readonly learningRates: Readonly<Partial<Record<OptimizerName, number>>> | null;
}

export const LAB_FUNCTION_IDS = [...FUNCTION_NAMES, 'custom'] as const;
export type LabFunctionId = (typeof LAB_FUNCTION_IDS)[number];

export const DEFAULT_EXPRESSION = 'x^2 + 3*sin(y)^2 + 0.5*y^2';
/** A typed function's plotted window: [x from, x to, y from, y to]. */
export type Window = readonly [number, number, number, number];
export const CUSTOM_WINDOW: Window = [-4, 4, -4, 4];

/** Why `w` cannot be a window (finite, each range increasing), or null when it can. */
export function windowProblem(w: readonly number[]): string | null {
  if (w.length !== 4 || !w.every(Number.isFinite)) return 'four numbers: x from, x to, y from, y to';
  if (!(w[0]! < w[1]!) || !(w[2]! < w[3]!)) return 'each range must increase: x from < x to, y from < y to';
  return null;
}

function landscapeFunction(name: (typeof FUNCTION_NAMES)[number]): LabFunction {
  const fn = TEST_FUNCTIONS[name];
  return {
    id: name, title: fn.title, formula: fn.formula, expression: fn.expression, domain: fn.domain, start: fn.start,
    minima: fn.criticalPoints.filter((p) => p.kind === 'minimum').map((p) => [p.x, p.y] as const),
    gradientNoise: fn.gradientNoise, learningRates: DEFAULT_LEARNING_RATES[name],
  };
}

/**
 * The function `id`; for 'custom', the typed expression (throws ExpressionError when it
 * does not parse) over `window`, started an eighth of the way in from its top-left corner.
 */
export function labFunction(id: LabFunctionId, expression = DEFAULT_EXPRESSION, window: Window = CUSTOM_WINDOW): LabFunction {
  if (id === 'custom') {
    return {
      id, title: 'Your function', formula: expression, expression: compileExpression(expression),
      domain: { x: [window[0], window[1]], y: [window[2], window[3]] },
      start: [window[0] + (window[1] - window[0]) / 8, window[3] - (window[3] - window[2]) / 8], minima: [], gradientNoise: 0, learningRates: null,
    };
  }
  return landscapeFunction(id);
}

export function isLabFunctionId(id: string): id is LabFunctionId {
  return (LAB_FUNCTION_IDS as readonly string[]).includes(id);
}

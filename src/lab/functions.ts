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
export const CUSTOM_DOMAIN = { x: [-4, 4], y: [-4, 4] } as const;

function landscapeFunction(name: (typeof FUNCTION_NAMES)[number]): LabFunction {
  const fn = TEST_FUNCTIONS[name];
  return {
    id: name, title: fn.title, formula: fn.formula, expression: fn.expression, domain: fn.domain, start: fn.start,
    minima: fn.criticalPoints.filter((p) => p.kind === 'minimum').map((p) => [p.x, p.y] as const),
    gradientNoise: fn.gradientNoise, learningRates: DEFAULT_LEARNING_RATES[name],
  };
}

/** The function `id`; for 'custom', the typed expression (throws ExpressionError when it does not parse). */
export function labFunction(id: LabFunctionId, expression = DEFAULT_EXPRESSION): LabFunction {
  if (id === 'custom') {
    return {
      id, title: 'Your function', formula: expression, expression: compileExpression(expression), domain: CUSTOM_DOMAIN,
      start: [-3, 3], minima: [], gradientNoise: 0, learningRates: null,
    };
  }
  return landscapeFunction(id);
}

export function isLabFunctionId(id: string): id is LabFunctionId {
  return (LAB_FUNCTION_IDS as readonly string[]).includes(id);
}

/** Elementwise functions of one tensor: exp, log, log1p, sqrt, abs, relu, sigmoid, tanh, softplus, sin, cos. */
import { Tensor } from '../../tensor/tensor.ts';
import { allocateUninitialized } from '../../tensor/dtype.ts';
import { sigmoidValue, unaryOp } from '../../tensor/elementwise.ts';
import { defineOp } from '../define-op.ts';
import { chain, latticeTensor, map, shape, unaryArguments, type ValueRange } from '../input-spec.ts';
import { diagonal, type KinkRule } from '../kink-rule.ts';
import { call, type Call, type Operand } from '../graph-step.ts';
import * as libm from '../../libm/index.ts';
import { oneTensor } from './operand.ts';
import { add, div, mul, neg, sub } from './arithmetic.ts';

/** f'(x, y) written with the ops (second order), and where f'' does not exist. */
interface DerivativeInOps {
  readonly derivative: (x: Tensor, y: Tensor) => Tensor;
  readonly undefinedAt?: string;
}

/**
 * An elementwise primitive y = f(x) whose derivative is written in terms of x and y:
 * dL/dx = dL/dy · f'(x, y). Fuzzed on values in `range`; `inGraphs` is its smooth use in
 * the random graphs, if any. `secondOrder.derivative` is f' again, with the ops, so that
 * the gradient can be differentiated; it computes the same numbers as `derivative`.
 */
function elementwise(name: string, f: (x: number) => number, derivative: (x: number, y: number) => number, range: ValueRange, inGraphs: ((a: Operand) => Call) | undefined, secondOrder: DerivativeInOps, kinks?: KinkRule) {
  return defineOp({
    name,
    family: 'unary',
    prepare: oneTensor(name),
    forward: ([a]) => unaryOp(a, f),
    backward: (g, { inputs: [a], output }) => {
      const gd = g.data;
      const ad = a.data;
      const yd = output.data;
      const gradIn = new Tensor(allocateUninitialized(g.dtype, g.size), g.shape);
      for (let i = 0; i < gd.length; i++) gradIn.data[i] = gd[i] * derivative(ad[i], yd[i]);
      return [gradIn];
    },
    // ẏ = f′(x)·ẋ, with the same f′ as the backward (so the same subgradient at a kink).
    jvp: ([da], { inputs: [a], output }) => {
      const tangent = new Tensor(allocateUninitialized(da.dtype, da.size), da.shape);
      for (let i = 0; i < da.size; i++) tangent.data[i] = da.data[i] * derivative(a.data[i], output.data[i]);
      return tangent;
    },
    arbitraryInputs: unaryArguments(range),
    graphSteps: inGraphs === undefined ? [] : [{ arity: 1, expression: ([a]) => inGraphs(a) }],
    kinks,
    differentiableBackward: (g, { inputs: [a], output }) => [mul(g, secondOrder.derivative(a, output))],
    secondOrderUndefinedAt: secondOrder.undefinedAt,
  });
}

/** A kink at x = 0 (±0 both), where `stated` gives the derivative on each side and at 0. */
const kinkAtZero = (statement: string, stated: (x: number) => number): KinkRule => ({
  statement,
  cases: chain(shape(0, 3), (s) => map(latticeTensor(s, [-1, -0.5, -0, 0, 0.5, 1]), (x) => [x])),
  kinkPoints: ([x]) => (x as Tensor).data.filter((v) => v === 0).length,
  jacobian: ([x]) => [diagonal(Array.from((x as Tensor).data, stated))],
});

// exp, log, log1p and tanh from src/libm: Math's differ in the last bit between engines.
export const exp = elementwise('exp', libm.exp, (_, y) => y, { min: -3, max: 3 }, (a) => call('exp', call('tanh', a)), { derivative: (_, y) => y });
export const log = elementwise('log', libm.log, (x) => 1 / x, { min: 0.2, max: 5 }, undefined, { derivative: (x) => div(1, x) });
export const log1p = elementwise('log1p', libm.log1p, (x) => 1 / (1 + x), { min: -0.8, max: 5 }, (a) => call('log1p', call('square', a)), { derivative: (x) => div(1, add(1, x)) });
export const sqrt = elementwise('sqrt', Math.sqrt, (_, y) => 0.5 / y, { min: 0.1, max: 5 }, (a) => call('sqrt', call('add', call('square', a), 1)), { derivative: (_, y) => div(0.5, y) });
/** The derivative at 0 is taken as 0 (PyTorch's and TensorFlow's choice). */
export const abs = elementwise('abs', Math.abs, (x) => Math.sign(x), { min: -2, max: 2, avoid: [0] }, undefined,
  { derivative: (x) => unaryOp(x, Math.sign), undefinedAt: 'x = 0 (the derivative jumps from -1 to 1)' },
  kinkAtZero("abs′(0) = 0, the derivative elsewhere being sign(x) (as PyTorch, TensorFlow and JAX); at -0 too", (x) => (x > 0 ? 1 : x < 0 ? -1 : 0)),
);
/** The derivative at 0 is taken as 0. NaN passes through (as in PyTorch), so a broken layer is not silently zeroed. */
export const relu = elementwise('relu', (x) => (x > 0 || x !== x ? x : 0), (x) => (x > 0 ? 1 : x !== x ? NaN : 0), { min: -2, max: 2, avoid: [0] }, undefined,
  { derivative: (x) => unaryOp(x, (v) => (v > 0 ? 1 : v !== v ? NaN : 0)), undefinedAt: 'x = 0 (the derivative jumps from 0 to 1)' },
  kinkAtZero('relu′(0) = 0: the gradient and the tangent pass only where x > 0 (as PyTorch, TensorFlow and JAX)', (x) => (x > 0 ? 1 : 0)),
);
// σ'(x) = σ(x)(1 - σ(x))
export const sigmoid = elementwise('sigmoid', sigmoidValue, (_, y) => y * (1 - y), { min: -6, max: 6 }, (a) => call('sigmoid', a), { derivative: (_, y) => mul(y, sub(1, y)) });
// tanh'(x) = 1 - tanh(x)²
export const tanh = elementwise('tanh', libm.tanh, (_, y) => 1 - y * y, { min: -3, max: 3 }, (a) => call('tanh', a), { derivative: (_, y) => sub(1, mul(y, y)) });
/**
 * softplus(x) = log(1 + eˣ), computed as max(x, 0) + log1p(e^-|x|) so it never overflows;
 * softplus'(x) = σ(x). Fused rather than composed from relu, abs, exp and log1p: that
 * composite has kinks at 0 whose one-sided derivatives would give softplus'(0) = 0, not ½.
 */
export const softplus = elementwise('softplus', (x) => Math.max(x, 0) + libm.log1p(libm.exp(-Math.abs(x))), sigmoidValue, { min: -8, max: 8 }, (a) => call('softplus', a), { derivative: (x) => sigmoid(x) });

// sin' = cos, cos' = −sin; libm's values (the same bits on every engine; src/libm/trig.ts).
export const sin: (a: Tensor) => Tensor = elementwise('sin', libm.sin, libm.cos, { min: -4, max: 4 }, (a) => call('sin', a), { derivative: (x) => cos(x) });
export const cos: (a: Tensor) => Tensor = elementwise('cos', libm.cos, (x) => -libm.sin(x), { min: -4, max: 4 }, (a) => call('cos', a), { derivative: (x) => neg(sin(x)) });

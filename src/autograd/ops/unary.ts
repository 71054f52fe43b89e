/** Elementwise functions of one tensor: exp, log, log1p, sqrt, abs, relu, sigmoid, tanh, softplus. */
import { Tensor } from '../../tensor/tensor.ts';
import { allocateUninitialized } from '../../tensor/dtype.ts';
import { sigmoidValue, unaryOp } from '../../tensor/elementwise.ts';
import { applyOp, simplePrimitive } from '../op.ts';
import { registerOp } from '../op-table.ts';
import { unaryCaseArb } from '../fuzz/cases.ts';
import * as libm from '../../libm/index.ts';
import { expectTensor } from './operand.ts';

/**
 * An elementwise primitive y = f(x) whose derivative is written in terms of x and y:
 * dL/dx = dL/dy · f'(x, y).
 */
function elementwise(name: string, f: (x: number) => number, derivative: (x: number, y: number) => number) {
  const op = simplePrimitive(
    name,
    ([a]) => unaryOp(a, f),
    (g, { inputs: [a], output }) => {
      const gd = g.data;
      const ad = a.data;
      const yd = output.data;
      const gradIn = new Tensor(allocateUninitialized(g.dtype, g.size), g.shape);
      for (let i = 0; i < gd.length; i++) gradIn.data[i] = gd[i] * derivative(ad[i], yd[i]);
      return [gradIn];
    },
  );
  return (a: Tensor): Tensor => {
    expectTensor(name, a, 'its argument');
    return applyOp(op, [a], undefined);
  };
}

// exp, log, log1p and tanh from src/libm: Math's differ in the last bit between engines.
export const exp = elementwise('exp', libm.exp, (_, y) => y);
export const log = elementwise('log', libm.log, (x) => 1 / x);
export const log1p = elementwise('log1p', libm.log1p, (x) => 1 / (1 + x));
export const sqrt = elementwise('sqrt', Math.sqrt, (_, y) => 0.5 / y);
/** The derivative at 0 is taken as 0 (PyTorch's and TensorFlow's choice). */
export const abs = elementwise('abs', Math.abs, (x) => Math.sign(x));
/** The derivative at 0 is taken as 0. NaN passes through (as in PyTorch), so a broken layer is not silently zeroed. */
export const relu = elementwise('relu', (x) => (x > 0 || x !== x ? x : 0), (x) => (x > 0 ? 1 : x !== x ? NaN : 0));
// σ'(x) = σ(x)(1 - σ(x))
export const sigmoid = elementwise('sigmoid', sigmoidValue, (_, y) => y * (1 - y));
// tanh'(x) = 1 - tanh(x)²
export const tanh = elementwise('tanh', libm.tanh, (_, y) => 1 - y * y);
/**
 * softplus(x) = log(1 + eˣ), computed as max(x, 0) + log1p(e^-|x|) so it never overflows;
 * softplus'(x) = σ(x). Fused rather than composed from relu, abs, exp and log1p: that
 * composite has kinks at 0 whose one-sided derivatives would give softplus'(0) = 0, not ½.
 */
export const softplus = elementwise('softplus', (x) => Math.max(x, 0) + libm.log1p(libm.exp(-Math.abs(x))), sigmoidValue);


const family = 'unary';
registerOp({ name: 'exp', family, generate: unaryCaseArb('exp', exp, { min: -3, max: 3 }) });
registerOp({ name: 'log', family, generate: unaryCaseArb('log', log, { min: 0.2, max: 5 }) });
registerOp({ name: 'log1p', family, generate: unaryCaseArb('log1p', log1p, { min: -0.8, max: 5 }) });
registerOp({ name: 'sqrt', family, generate: unaryCaseArb('sqrt', sqrt, { min: 0.1, max: 5 }) });
registerOp({ name: 'abs', family, generate: unaryCaseArb('abs', abs, { min: -2, max: 2, avoid: [0] }) });
registerOp({ name: 'relu', family, generate: unaryCaseArb('relu', relu, { min: -2, max: 2, avoid: [0] }) });
registerOp({ name: 'sigmoid', family, generate: unaryCaseArb('sigmoid', sigmoid, { min: -6, max: 6 }) });
registerOp({ name: 'tanh', family, generate: unaryCaseArb('tanh', tanh, { min: -3, max: 3 }) });
registerOp({ name: 'softplus', family, generate: unaryCaseArb('softplus', softplus, { min: -8, max: 8 }) });

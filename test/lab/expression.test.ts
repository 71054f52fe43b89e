import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/create.ts';
import { sum } from '../../src/autograd/index.ts';
import { compileExpression, ExpressionError, parseExpression } from '../../src/lab/expression.ts';

/** f and ∇f of an expression at one point, through the engine's autograd. */
function at(source: string, x: number, y: number): { f: number; g: [number, number] } {
  const px = tensor([x], [1], { dtype: 'float64', requiresGrad: true });
  const py = tensor([y], [1], { dtype: 'float64', requiresGrad: true });
  const f = sum(compileExpression(source)(px, py));
  f.backward();
  return { f: f.item(), g: [px.grad?.data[0] ?? 0, py.grad?.data[0] ?? 0] };
}

function errorOf(source: string): { column: number; message: string } {
  try {
    parseExpression(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return { column: (error as ExpressionError).column, message: (error as Error).message };
  }
  throw new Error(`'${source}' parsed`);
}

describe('the lab\'s expression parser', () => {
  it('follows precedence: * and / before + and −, ^ before both, left to right otherwise', () => {
    expect(at('1 + 2 * 3', 0, 0).f).toBe(7);
    expect(at('(1 + 2) * 3', 0, 0).f).toBe(9);
    expect(at('8 / 4 / 2', 0, 0).f).toBe(1);
    expect(at('10 - 4 - 3', 0, 0).f).toBe(3);
    expect(at('2 * 3 ^ 2', 0, 0).f).toBe(18);
  });

  it('reads ^ (and **) right-associatively, with unary minus below it', () => {
    expect(at('2 ^ 3 ^ 2', 0, 0).f).toBe(512);
    expect(at('2 ** 3', 0, 0).f).toBe(8);
    expect(at('-x^2', 3, 0).f).toBe(-9);
    expect(at('(-x)^2', 3, 0).f).toBe(9);
    expect(at('2^-1', 0, 0).f).toBe(0.5);
    expect(at('--x', 2, 0).f).toBe(2);
    expect(at('+x - -y', 2, 5).f).toBe(7);
  });

  it('reads numbers (decimals, exponents), x, y, pi and e', () => {
    expect(at('1.5e2 + .25 + 3.', 0, 0).f).toBe(153.25);
    expect(at('x * y', 3, -2).f).toBe(-6);
    expect(at('pi', 0, 0).f).toBe(Math.PI);
    expect(at('e', 0, 0).f).toBe(Math.E);
  });

  it('computes each function and its gradient through autograd', () => {
    const cases: [string, number, number][] = [
      ['sin(x)', Math.sin(0.7), Math.cos(0.7)], ['cos(x)', Math.cos(0.7), -Math.sin(0.7)], ['exp(x)', Math.exp(0.7), Math.exp(0.7)],
      ['log(x)', Math.log(0.7), 1 / 0.7], ['sqrt(x)', Math.sqrt(0.7), 0.5 / Math.sqrt(0.7)], ['abs(x)', 0.7, 1], ['tanh(x)', Math.tanh(0.7), 1 - Math.tanh(0.7) ** 2],
      ['x^3', 0.7 ** 3, 3 * 0.7 ** 2], ['2^x', 2 ** 0.7, Math.log(2) * 2 ** 0.7], ['x^x', 0.7 ** 0.7, 0.7 ** 0.7 * (Math.log(0.7) + 1)],
    ];
    for (const [source, f, dfdx] of cases) {
      const r = at(source, 0.7, 0);
      expect(r.f, source).toBeCloseTo(f, 14);
      expect(r.g[0], source).toBeCloseTo(dfdx, 13);
    }
    const r = at('x^2 + 3*sin(y)^2', 1.5, 0.4);
    expect(r.g[0]).toBeCloseTo(3, 14);
    expect(r.g[1]).toBeCloseTo(6 * Math.sin(0.4) * Math.cos(0.4), 14);
  });

  it('gives a tensor of the inputs\' shape for a constant expression', () => {
    const f = compileExpression('3')(tensor([1, 2], [2]), tensor([3, 4], [2]));
    expect(Array.from(f.data)).toEqual([3, 3]);
  });

  it('names the column of every error', () => {
    expect(errorOf('')).toMatchObject({ column: 1, message: 'column 1: the expression is empty' });
    expect(errorOf('x + ')).toMatchObject({ column: 5 });
    expect(errorOf('x + ').message).toContain('found the end of the expression');
    expect(errorOf('2x')).toMatchObject({ column: 2 });
    expect(errorOf('2x').message).toContain('write * between factors');
    expect(errorOf('x $ y')).toMatchObject({ column: 3, message: "column 3: unexpected character '$'" });
    expect(errorOf('sin x')).toMatchObject({ column: 5 });
    expect(errorOf('(x + y')).toMatchObject({ column: 7 });
    expect(errorOf('(x + y').message).toContain("to close the '(' at column 1");
    expect(errorOf('x + z')).toMatchObject({ column: 5 });
    expect(errorOf('x + z').message).toContain("unknown name 'z'");
    expect(errorOf('x)')).toMatchObject({ column: 2 });
    expect(errorOf('x * * y')).toMatchObject({ column: 5 });
    expect(errorOf('sinh(x)').message).toContain("unknown name 'sinh'");
  });

  it('never evaluates JavaScript', () => {
    expect(errorOf('alert(1)').message).toContain("unknown name 'alert'");
    expect(errorOf('x; y')).toMatchObject({ column: 2 });
    expect(errorOf('constructor')).toMatchObject({ column: 1 });
  });
});

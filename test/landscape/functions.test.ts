import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tensor } from '../../src/tensor/create.ts';
import { sum } from '../../src/autograd/index.ts';
import { FUNCTION_NAMES, TEST_FUNCTIONS, minimaOf, type FunctionName } from '../../src/landscape/functions.ts';

/** f and ∇f worked by hand from each function's definition (independent of autograd). */
const CLOSED_FORMS: Record<FunctionName, (x: number, y: number) => { f: number; gx: number; gy: number }> = {
  // (1 − x)² + 100(y − x²)²
  rosenbrock: (x, y) => ({ f: (1 - x) ** 2 + 100 * (y - x * x) ** 2, gx: -2 * (1 - x) - 400 * x * (y - x * x), gy: 200 * (y - x * x) }),
  // a = 1.5 − x + xy, b = 2.25 − x + xy², c = 2.625 − x + xy³; f = a² + b² + c²
  beale: (x, y) => {
    const a = 1.5 - x + x * y;
    const b = 2.25 - x + x * y * y;
    const c = 2.625 - x + x * y ** 3;
    return { f: a * a + b * b + c * c, gx: 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1), gy: 2 * a * x + 4 * b * x * y + 6 * c * x * y * y };
  },
  'ill-conditioned': (x, y) => ({ f: 0.5 * (x * x + 100 * y * y), gx: x, gy: 100 * y }),
  saddle: (x, y) => ({ f: x * x - y * y, gx: 2 * x, gy: -2 * y }),
  // (x² + y − 11)² + (x + y² − 7)²
  himmelblau: (x, y) => {
    const u = x * x + y - 11;
    const v = x + y * y - 7;
    return { f: u * u + v * v, gx: 4 * x * u + 2 * v, gy: 2 * u + 4 * y * v };
  },
  'noisy-quadratic': (x, y) => ({ f: 0.5 * (x * x + y * y), gx: x, gy: y }),
  // ¼((x + y)² + 100(x − y)²): ∂x = ½(x + y) + 50(x − y), ∂y = ½(x + y) − 50(x − y)
  'rotated-ill-conditioned': (x, y) => ({ f: 0.25 * ((x + y) ** 2 + 100 * (x - y) ** 2), gx: 0.5 * (x + y) + 50 * (x - y), gy: 0.5 * (x + y) - 50 * (x - y) }),
  // 20 + x² − 10 cos 2πx + y² − 10 cos 2πy: ∂x = 2x + 20π sin 2πx (Math's sin and cos: a second source)
  rastrigin: (x, y) => ({
    f: 20 + x * x - 10 * Math.cos(2 * Math.PI * x) + y * y - 10 * Math.cos(2 * Math.PI * y),
    gx: 2 * x + 20 * Math.PI * Math.sin(2 * Math.PI * x),
    gy: 2 * y + 20 * Math.PI * Math.sin(2 * Math.PI * y),
  }),
};

function autograd(name: FunctionName, x: number, y: number): { f: number; gx: number; gy: number } {
  const xt = tensor([x], [1], { dtype: 'float64', requiresGrad: true });
  const yt = tensor([y], [1], { dtype: 'float64', requiresGrad: true });
  const f = sum(TEST_FUNCTIONS[name].expression(xt, yt));
  f.backward();
  return { f: f.item(), gx: xt.grad!.data[0]!, gy: yt.grad!.data[0]! };
}

const close = (a: number, b: number, tol = 1e-10) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('landscape test functions', () => {
  for (const name of FUNCTION_NAMES) {
    it(`${name}: autograd's value and gradient match the closed form across the domain`, () => {
      const { x: [x0, x1], y: [y0, y1] } = TEST_FUNCTIONS[name].domain;
      fc.assert(
        fc.property(fc.double({ min: x0, max: x1, noNaN: true }), fc.double({ min: y0, max: y1, noNaN: true }), (x, y) => {
          const got = autograd(name, x, y);
          const want = CLOSED_FORMS[name](x, y);
          return close(got.f, want.f) && close(got.gx, want.gx) && close(got.gy, want.gy);
        }),
        { seed: 7, numRuns: 200 },
      );
    });
  }

  it('lists the minima the literature gives, each with f = f* and a vanishing gradient', () => {
    expect(minimaOf(TEST_FUNCTIONS.rosenbrock).map((p) => [p.x, p.y])).toEqual([[1, 1]]); // Rosenbrock 1960
    expect(minimaOf(TEST_FUNCTIONS.beale).map((p) => [p.x, p.y])).toEqual([[3, 0.5]]);
    expect(minimaOf(TEST_FUNCTIONS.himmelblau)).toHaveLength(4);
    expect(minimaOf(TEST_FUNCTIONS.saddle)).toEqual([]);
    expect(TEST_FUNCTIONS.saddle.minimumValue).toBeNull();
    for (const name of FUNCTION_NAMES) {
      for (const p of minimaOf(TEST_FUNCTIONS[name])) {
        const { f, gx, gy } = CLOSED_FORMS[name](p.x, p.y);
        // Himmelblau's three irrational minima are given to six decimals: f ~ 1e-10, |∇f| ~ 1e-4.
        expect(f - TEST_FUNCTIONS[name].minimumValue!).toBeLessThan(1e-9);
        expect(Math.hypot(gx, gy)).toBeLessThan(2e-4);
      }
    }
  });

  it('marks the saddle of x² − y² at the origin, where the gradient vanishes', () => {
    expect(TEST_FUNCTIONS.saddle.criticalPoints).toEqual([{ x: 0, y: 0, kind: 'saddle' }]);
    // The engine's own value and gradient there, not the test's closed form.
    const { f, gx, gy } = autograd('saddle', 0, 0);
    expect([f, Math.abs(gx), Math.abs(gy)]).toEqual([0, 0, 0]);
  });

  it('turns the κ = 100 quadratic by 45°: its Hessian has eigenvalue 1 along (1, 1) and 100 along (1, −1)', () => {
    // A quadratic's gradient is H·p, so at an eigenvector it is λ times the point (autograd's, not the closed form's).
    const along = autograd('rotated-ill-conditioned', 0.3, 0.3);
    expect([along.gx, along.gy]).toEqual([0.3, 0.3]);
    const across = autograd('rotated-ill-conditioned', 0.3, -0.3);
    expect(across.gx).toBeCloseTo(30, 12);
    expect(across.gy).toBeCloseTo(-30, 12);
  });

  it('starts every function inside its plotted domain, Rosenbrock at the standard (−1.5, 2)', () => {
    expect(TEST_FUNCTIONS.rosenbrock.start).toEqual([-1.5, 2]);
    for (const name of FUNCTION_NAMES) {
      const { start, domain } = TEST_FUNCTIONS[name];
      expect(start[0]).toBeGreaterThan(domain.x[0]);
      expect(start[0]).toBeLessThan(domain.x[1]);
      expect(start[1]).toBeGreaterThan(domain.y[0]);
      expect(start[1]).toBeLessThan(domain.y[1]);
    }
  });
});

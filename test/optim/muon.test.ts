/**
 * Muon against float64 references written here from keras/src/optimizers/muon.py and
 * pytorch's torch/optim/_muon.py, not from src/optim: Newton–Schulz on number[][] with
 * explicit transposes, then each convention's step, compared with fast-check over random
 * options, matrices and gradients; the first two steps worked by hand on rank-1
 * gradients, where Newton–Schulz reduces to the scalar polynomial f(σ) = aσ + bσ³ + cσ⁵.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOptimizer, newtonSchulz } from '../../src/optim/index.ts';
import type { Convention, OptimizerOptions } from '../../src/optim/index.ts';
import { expectAllClose, stepsOf } from './helpers.ts';
import { expectNear } from './schedule-free-run.ts';

type Matrix = number[][];
const transpose = (x: Matrix): Matrix => x[0]!.map((_, j) => x.map((row) => row[j]!));
const matmul = (x: Matrix, y: Matrix): Matrix => x.map((row) => y[0]!.map((_, j) => row.reduce((sum, v, l) => sum + v * y[l]![j]!, 0)));
const map = (x: Matrix, f: (v: number, i: number, j: number) => number): Matrix => x.map((row, i) => row.map((v, j) => f(v, i, j)));
const frobenius = (x: Matrix): number => Math.sqrt(x.flat().reduce((s, v) => s + v * v, 0));

interface Ns {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly steps: number;
}
const DEFAULT_NS: Ns = { a: 3.4445, b: -4.775, c: 2.0315, steps: 5 };

/** NS on the wide form: Keras U/(‖U‖ + ε), torch U/max(‖U‖, ε); tall matrices are transposed in and out. */
function newtonSchulzReference(u: Matrix, ns: Ns, normalize: 'add' | 'clamp', epsilon: number): Matrix {
  const tall = u.length > u[0]!.length;
  const norm = frobenius(u);
  let x = map(tall ? transpose(u) : u, (v) => v / (normalize === 'add' ? norm + epsilon : Math.max(norm, epsilon)));
  for (let k = 0; k < ns.steps; k++) {
    const gram = matmul(x, transpose(x));
    const poly = map(gram, (v, i, j) => ns.b * v + matmul(map(gram, (w) => ns.c * w), gram)[i]![j]!);
    const bx = matmul(poly, x);
    x = map(x, (v, i, j) => ns.a * v + bx[i]![j]!);
  }
  return tall ? transpose(x) : x;
}

const toMatrix = (flat: readonly number[], rows: number, cols: number): Matrix => Array.from({ length: rows }, (_, i) => flat.slice(i * cols, (i + 1) * cols));

interface MuonOptions {
  readonly lr: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly wd: number;
  readonly rmsRate: number;
  readonly epsilon: number;
  readonly ns: Ns;
}

/** Keras's Muon step on one matrix: decay, m ← μm + g, U, NS(U)/(‖U‖ + 1e-7), scaled by rmsRate·√max(A, B). */
function kerasMuonReference(p0: Matrix, grads: readonly Matrix[], o: MuonOptions): Matrix[] {
  let p = p0, m = map(p0, () => 0);
  const scale = o.rmsRate > 0 ? Math.sqrt(Math.max(p0.length, p0[0]!.length)) * o.rmsRate : 1;
  return grads.map((g) => {
    p = map(p, (v) => v - v * o.wd * o.lr);
    m = map(m, (v, i, j) => o.momentum * v + g[i]![j]!);
    const u = o.nesterov ? map(g, (v, i, j) => v + o.momentum * m[i]![j]!) : m;
    const orthogonal = newtonSchulzReference(u, o.ns, 'add', 1e-7);
    p = map(p, (v, i, j) => v - o.lr * scale * orthogonal[i]![j]!);
    return p;
  });
}

/** torch.optim.Muon: p·(1 − lr·wd), m ← μm + (1 − μ)g, U = (1 − μ)g + μm or m, NS(U)/max(‖U‖, ε), lr·√max(1, A/B). */
function torchMuonReference(p0: Matrix, grads: readonly Matrix[], o: MuonOptions): Matrix[] {
  let p = p0, m = map(p0, () => 0);
  const adjusted = o.lr * Math.sqrt(Math.max(1, p0.length / p0[0]!.length));
  return grads.map((g) => {
    p = map(p, (v) => v * (1 - o.lr * o.wd));
    m = map(m, (v, i, j) => o.momentum * v + (1 - o.momentum) * g[i]![j]!);
    const u = o.nesterov ? map(g, (v, i, j) => (1 - o.momentum) * v + o.momentum * m[i]![j]!) : m;
    const orthogonal = newtonSchulzReference(u, o.ns, 'clamp', o.epsilon);
    p = map(p, (v, i, j) => v - adjusted * orthogonal[i]![j]!);
    return p;
  });
}

function runMatrix(convention: Convention, options: OptimizerOptions, p0: Matrix, grads: readonly Matrix[], name = 'w'): Matrix[] {
  const rows = p0.length, cols = p0[0]!.length;
  const params = [{ name, shape: [rows, cols], data: Float64Array.from(p0.flat()) }];
  const opt = createOptimizer('muon', { convention, options, params });
  return grads.map((g) => {
    opt.step({ [name]: Float64Array.from(g.flat()) });
    return toMatrix(Array.from(params[0]!.data), rows, cols);
  });
}

const f = (s: number, ns: Ns = DEFAULT_NS): number => ns.a * s + ns.b * s ** 3 + ns.c * s ** 5;
const iterate = (s: number, steps = 5): number => (steps === 0 ? s : iterate(f(s), steps - 1));

describe('Newton–Schulz', () => {
  const entry = fc.double({ min: -3, max: 3, noNaN: true });
  const matrix = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).chain(([r, c]) => fc.array(fc.array(entry, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

  it('equals the float64 reference on random wide, tall and square matrices, both normalisations', () => {
    fc.assert(
      fc.property(matrix, fc.integer({ min: 0, max: 8 }), fc.constantFrom('add' as const, 'clamp' as const), (u, steps, normalize) => {
        if (frobenius(u) === 0) return;
        const rows = u.length, cols = u[0]!.length;
        const ours = newtonSchulz(Float64Array.from(u.flat()), rows, cols, { ...DEFAULT_NS, steps, normalize, epsilon: 1e-7 });
        expectNear(Array.from(ours), newtonSchulzReference(u, { ...DEFAULT_NS, steps }, normalize, 1e-7).flat(), 1e-12);
      }),
    );
  });

  it('treats a tall matrix as the transpose of the wide one: NS(Uᵀ) = NS(U)ᵀ, to the bit where U is not square', () => {
    fc.assert(
      fc.property(matrix, (u) => {
        if (frobenius(u) === 0) return;
        const rows = u.length, cols = u[0]!.length;
        const settings = { ...DEFAULT_NS, normalize: 'add' as const, epsilon: 1e-7 };
        const direct = toMatrix(Array.from(newtonSchulz(Float64Array.from(u.flat()), rows, cols, settings)), rows, cols);
        const viaTranspose = Array.from(newtonSchulz(Float64Array.from(transpose(u).flat()), cols, rows, settings));
        if (rows !== cols) expect(viaTranspose).toEqual(transpose(direct).flat());
        else expectNear(viaTranspose, transpose(direct).flat(), 1e-12); // X·Xᵀ against Xᵀ·X: equal up to rounding
      }),
    );
  });

  it('maps a rank-1 matrix σ·x̂ŷᵀ to f⁵(σ)·x̂ŷᵀ, f(σ) = aσ + bσ³ + cσ⁵ (f(1) = 3.4445 − 4.775 + 2.0315 = 0.701)', () => {
    expect(f(1)).toBeCloseTo(0.701, 14);
    const x = [1, 2], y = [1, -2, 2]; // ‖x‖ = √5, ‖y‖ = 3
    const u = x.map((xi) => y.map((yj) => xi * yj));
    const ours = newtonSchulz(Float64Array.from(u.flat()), 2, 3, { ...DEFAULT_NS, normalize: 'clamp', epsilon: 1e-7 });
    const s5 = iterate(1);
    expectNear(Array.from(ours), u.flat().map((v) => (s5 * v) / (Math.sqrt(5) * 3)), 1e-13);
  });

  it('pushes the singular values of a random square matrix into [0.5, 1.5]: O·Oᵀ has its eigenvalues in [0.25, 2.25]', () => {
    const u = [[0.9, -0.3, 0.2], [0.1, 0.8, -0.5], [0.4, 0.4, 0.7]];
    const o = toMatrix(Array.from(newtonSchulz(Float64Array.from(u.flat()), 3, 3, { ...DEFAULT_NS, normalize: 'add', epsilon: 1e-7 })), 3, 3);
    const ooT = matmul(o, transpose(o));
    const trace = ooT[0]![0]! + ooT[1]![1]! + ooT[2]![2]!;
    expect(trace).toBeGreaterThan(3 * 0.25);
    expect(trace).toBeLessThan(3 * 2.25);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (i !== j) expect(Math.abs(ooT[i]![j]!)).toBeLessThan(0.5);
  });
});

describe('muon, worked by hand on rank-1 gradients (Newton–Schulz is then scalar)', () => {
  const x = [1, 2], y = [1, -2, 2];
  const unit = x.map((xi) => y.map((yj) => (xi * yj) / (Math.sqrt(5) * 3))); // x̂ŷᵀ
  const g = x.map((xi) => y.map((yj) => xi * yj)); // ‖g‖_F = 3√5
  const p0: Matrix = [[0.5, -1, 0.25], [2, 0, -0.75]];
  const norm = 3 * Math.sqrt(5);

  it('keras defaults: decay 0.004·lr, m1 = g, U1 = 1.95g; m2 = 1.95g, U2 = 2.8525g; step lr·f⁵(σ)·0.2·√3 along x̂ŷᵀ', () => {
    const [p1, p2] = runMatrix('keras', {}, p0, [g, g]);
    const step = (multiple: number) => 0.001 * iterate((multiple * norm) / (multiple * norm + 1e-7)) * Math.sqrt(3) * 0.2;
    const e1 = map(p0, (v, i, j) => v - v * 0.004 * 0.001 - step(1.95) * unit[i]![j]!);
    const e2 = map(e1, (v, i, j) => v - v * 0.004 * 0.001 - step(2.8525) * unit[i]![j]!);
    expectAllClose(p1!.flat(), e1.flat(), 1e-13);
    expectAllClose(p2!.flat(), e2.flat(), 1e-13);
  });

  it('torch defaults: p·(1 − 0.001·0.1), m1 = 0.05g, U1 = 0.0975g normalised to σ = 1, step 0.001·√max(1, 2/3)·f⁵(1)', () => {
    const [p1, p2] = runMatrix('torch', {}, p0, [g, g]);
    const step = 0.001 * iterate(1);
    const e1 = map(p0, (v, i, j) => v * (1 - 0.001 * 0.1) - step * unit[i]![j]!);
    const e2 = map(e1, (v, i, j) => v * (1 - 0.001 * 0.1) - step * unit[i]![j]!);
    expectAllClose(p1!.flat(), e1.flat(), 1e-13);
    expectAllClose(p2!.flat(), e2.flat(), 1e-13);
  });

  it('torch scales a tall matrix’s step by √(A/B): 4×2 moves √2 times as far as its 2×4 transpose', () => {
    const tall = runMatrix('torch', { weightDecay: 0 }, [[0, 0], [0, 0], [0, 0], [0, 0]], [[[1, 2], [0, 1], [3, -1], [0.5, 0.5]]])[0]!;
    const wide = runMatrix('torch', { weightDecay: 0 }, [[0, 0, 0, 0], [0, 0, 0, 0]], [transpose([[1, 2], [0, 1], [3, -1], [0.5, 0.5]])])[0]!;
    expectAllClose(tall.flat(), transpose(wide).flat().map((v) => v * Math.SQRT2), 1e-13);
  });
});

describe('muon against the references', () => {
  const entry = fc.double({ min: -2, max: 2, noNaN: true }).filter((v) => Math.abs(v) > 1e-3);
  const problem = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 })).chain(([r, c, steps]) =>
    fc.tuple(
      fc.array(fc.array(entry, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
      fc.array(fc.array(fc.array(entry, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }), { minLength: steps, maxLength: steps }),
    ),
  );
  const options = fc.record({
    lr: fc.double({ min: 1e-4, max: 0.1, noNaN: true }),
    momentum: fc.double({ min: 0, max: 0.99, noNaN: true }),
    nesterov: fc.boolean(),
    wd: fc.constantFrom(0, 0.004, 0.1),
    rmsRate: fc.constantFrom(0, 0.2, 0.5),
    epsilon: fc.constantFrom(1e-7, 1e-3),
    ns: fc.record({ a: fc.constant(3.4445), b: fc.constant(-4.775), c: fc.constant(2.0315), steps: fc.integer({ min: 0, max: 6 }) }),
  });

  it('keras: every step, random shapes, options and gradients', () => {
    fc.assert(
      fc.property(problem, options, ([p0, grads], o) => {
        const ours = runMatrix('keras', { learningRate: o.lr, momentum: o.momentum, nesterov: o.nesterov, weightDecay: o.wd, rmsRate: o.rmsRate, nsSteps: o.ns.steps }, p0, grads);
        kerasMuonReference(p0, grads, o).forEach((e, s) => expectNear(ours[s]!.flat(), e.flat(), 1e-9));
      }),
    );
  });

  it('torch: every step, random shapes, options and gradients', () => {
    fc.assert(
      fc.property(problem, options, ([p0, grads], o) => {
        const ours = runMatrix('torch', { learningRate: o.lr, momentum: o.momentum, nesterov: o.nesterov, weightDecay: o.wd, epsilon: o.epsilon, nsSteps: o.ns.steps }, p0, grads);
        torchMuonReference(p0, grads, o).forEach((e, s) => expectNear(ours[s]!.flat(), e.flat(), 1e-9));
      }),
    );
  });

  it('the references can fail: keras with rmsRate 0.2 is not the reference without it', () => {
    const grads = [[[1, 2, 3], [0, -1, 0.5]]];
    const ours = runMatrix('keras', {}, [[0, 0, 0], [0, 0, 0]], grads);
    const unscaled = kerasMuonReference([[0, 0, 0], [0, 0, 0]], grads, { lr: 0.001, momentum: 0.95, nesterov: true, wd: 0.004, rmsRate: 0, epsilon: 1e-7, ns: DEFAULT_NS });
    expect(() => expectNear(ours[0]!.flat(), unscaled[0]!.flat(), 1e-9)).toThrow();
  });
});

describe('muon: which parameters take which step', () => {
  const gradient = fc.double({ min: 1e-3, max: 10, noNaN: true }).chain((m) => fc.constantFrom(m, -m));
  const grads = fc.array(fc.array(gradient, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 10 });

  it('keras: a 1-D parameter takes Keras AdamW’s step to the bit (adamBeta1/2, ε, adamWeightDecay, lr·adamLrRatio)', () => {
    fc.assert(
      fc.property(grads, fc.double({ min: 1e-4, max: 0.1, noNaN: true }), fc.constantFrom(0, 0.004, 0.1), (g, learningRate, decay) => {
        const muon = stepsOf('muon', 'keras', { learningRate, adamBeta1: 0.8, adamBeta2: 0.99, epsilon: 1e-6, adamWeightDecay: decay, weightDecay: 0.5 }, [0.3, -0.7, 1], g);
        const adamw = stepsOf('adamw', 'keras', { learningRate, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: decay }, [0.3, -0.7, 1], g);
        expect(muon).toEqual(adamw);
      }),
    );
  });

  it('keras: adamLrRatio scales the Adam step’s rate (ratio 0.5 at lr 1e-3 is lr 5e-4)', () => {
    const [withRatio] = stepsOf('muon', 'keras', { adamLrRatio: 0.5, adamWeightDecay: 0 }, [1], [[0.5]]);
    const [halfRate] = stepsOf('muon', 'keras', { learningRate: 0.0005, adamWeightDecay: 0 }, [1], [[0.5]]);
    expect(withRatio).toEqual(halfRate);
  });

  it('keras: a matrix named like an embedding takes the Adam step unless excludeEmbeddings is false', () => {
    const p0 = [[0.5, -1, 0.25], [2, 0, -0.75]];
    const g = [[[1, 2, 3], [0, -1, 0.5]]];
    const embedding = runMatrix('keras', {}, p0, g, 'userEmbedding.weight')[0]!.flat();
    const dense = runMatrix('keras', {}, p0, g, 'dense.weight')[0]!.flat();
    const included = runMatrix('keras', { excludeEmbeddings: false }, p0, g, 'userEmbedding.weight')[0]!.flat();
    const adamw = stepsOf('adamw', 'keras', { weightDecay: 0.004 }, p0.flat(), g.map((m) => m.flat()))[0]!;
    expect(embedding).toEqual(adamw);
    expect(included).toEqual(dense);
    expect(dense).not.toEqual(adamw);
  });

  it('torch refuses a parameter that is not 2-D, naming it and its shape', () => {
    expect(() => createOptimizer('muon', { convention: 'torch', params: [{ name: 'bias', shape: [3], data: new Float64Array(3) }] })).toThrow(
      "muon (torch convention): parameter 'bias' has shape [3]; torch.optim.Muon takes only 2-D parameters",
    );
  });

  it('keras keeps m for every parameter and v only for those on the Adam step', () => {
    const opt = createOptimizer('muon', { params: [{ name: 'w', shape: [2, 3], data: new Float64Array(6) }, { name: 'b', shape: [3], data: new Float64Array(3) }] });
    expect(Object.keys(opt.state('w'))).toEqual(['m']);
    expect(Object.keys(opt.state('b'))).toEqual(['m', 'v']);
  });
});

/**
 * SparseAdam against torch.optim.SparseAdam with sparse gradients touching random rows
 * (scripts/torch_golden_lbfgs_sparseadam.py, float64), and its lazy-update properties.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOptimizer, parseTraceInput, runTrace, type OptimizerOptions } from '../../src/optim/index.ts';
import { maxRelativeError, seededUniform } from './helpers.ts';

const FIXTURE_DIR = new URL('../fixtures/torch/sparseadam/', import.meta.url);

interface SparseAdamFixture {
  readonly id: string;
  readonly input: {
    readonly options: OptimizerOptions;
    readonly params: { name: string; shape: number[]; data: number[] }[];
    readonly grads: number[][][];
    readonly touchedRows: number[][][];
  };
  readonly trajectory: number[][][];
  readonly finalStates: Record<string, { m: number[]; v: number[] }>;
}

const fixtures = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, FIXTURE_DIR), 'utf8')) as SparseAdamFixture);

const liveParams = (params: SparseAdamFixture['input']['params']) => params.map((p) => ({ name: p.name, shape: p.shape, data: Float64Array.from(p.data) }));

describe('sparseadam vs torch.optim.SparseAdam', () => {
  it.each(fixtures.map((f) => [f.id, f] as const))('%s: 60 steps of random touched rows match torch to 1e-12 relative, moments included', (_id, fixture) => {
    const params = liveParams(fixture.input.params);
    const optimizer = createOptimizer('sparseadam', { convention: 'torch', options: fixture.input.options, params });
    let worst = 0;
    fixture.input.grads.forEach((step, s) => {
      const grads = Object.fromEntries(params.map((p, k) => [p.name, Float64Array.from(step[k]!)]));
      const rows = Object.fromEntries(params.map((p, k) => [p.name, Int32Array.from(fixture.input.touchedRows[s]![k]!)]));
      optimizer.step(grads, rows);
      worst = Math.max(worst, maxRelativeError(params.map((p) => Array.from(p.data)), fixture.trajectory[s]!));
    });
    for (const p of params) {
      const { m, v } = optimizer.state(p.name);
      worst = Math.max(worst, maxRelativeError([Array.from(m!), Array.from(v!)], [fixture.finalStates[p.name]!.m, fixture.finalStates[p.name]!.v]));
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
    // Rows really were left out on some steps: not every row is touched every time.
    expect(fixture.input.touchedRows.some((step) => step.some((rows, k) => rows.length < fixture.input.params[k]!.shape[0]!))).toBe(true);
  });
});

describe('sparseadam in a trace', () => {
  it('reads "touchedRows" and gives torch\'s trajectory', () => {
    const fixture = fixtures[0]!;
    const { text } = runTrace(parseTraceInput(JSON.stringify(fixture.input)), false);
    const { trajectory } = JSON.parse(text) as { trajectory: number[][][] };
    expect(Math.max(...trajectory.map((step, s) => maxRelativeError(step, fixture.trajectory[s]!)))).toBeLessThanOrEqual(1e-12);
  });

  it('refuses a trace without touched rows in one line, and names a malformed entry', () => {
    const { touchedRows: _omitted, ...dense } = fixtures[0]!.input;
    expect(() => runTrace(parseTraceInput(JSON.stringify(dense)), false)).toThrow(/^step: sparseadam needs the rows each gradient touched[^\n]*$/);
    expect(() => parseTraceInput(JSON.stringify({ ...fixtures[0]!.input, touchedRows: [[[0]]] }))).toThrow(/"touchedRows" must be a list with one entry per step of "grads" \(60\)/);
  });
});

describe('sparseadam', () => {
  const table = () => [{ name: 'table', shape: [6, 2], data: Float64Array.from({ length: 12 }, (_, i) => 0.1 * i - 0.4) }];

  it('leaves untouched rows and their moments bit-identical, and moves every touched row', () => {
    const uniform = seededUniform(5);
    const params = table();
    const optimizer = createOptimizer('sparseadam', { convention: 'torch', params });
    for (let step = 0; step < 40; step++) {
      const rows = Int32Array.from([0, 1, 2, 3, 4, 5].filter(() => uniform() < 0.4));
      const grad = Float64Array.from({ length: 12 }, () => uniform() - 0.5);
      const before = { p: params[0]!.data.slice(), m: optimizer.state('table')['m']!.slice(), v: optimizer.state('table')['v']!.slice() };
      optimizer.step({ table: grad }, { table: rows });
      const after = { p: params[0]!.data, m: optimizer.state('table')['m']!, v: optimizer.state('table')['v']! };
      for (let row = 0; row < 6; row++) {
        for (const i of [2 * row, 2 * row + 1]) {
          const touched = rows.includes(row);
          for (const key of ['p', 'm', 'v'] as const) {
            if (touched && key !== 'v') expect(Object.is(after[key][i], before[key][i]), `${key}[${i}] step ${step}`).toBe(false);
            if (!touched) expect(Object.is(after[key][i], before[key][i]), `${key}[${i}] step ${step}`).toBe(true);
          }
        }
      }
    }
  });

  it('takes the first step by hand: m = (1 − β1)·g, v = (1 − β2)·g², p − lr·√(1 − β2)/(1 − β1)·m/(√v + ε)', () => {
    const params = [{ name: 'e', shape: [2, 1], data: Float64Array.from([1, 2]) }];
    const optimizer = createOptimizer('sparseadam', { convention: 'torch', options: { learningRate: 0.1, beta1: 0.5, beta2: 0.75, epsilon: 0.25 }, params });
    optimizer.step({ e: Float64Array.from([4, 9]) }, { e: Int32Array.from([0]) });
    // m = 0.5·4 = 2, v = 0.25·16 = 4; step size 0.1·√0.25/0.5 = 0.1; p = 1 − 0.1·2/(2 + 0.25).
    expect(Array.from(optimizer.state('e')['m']!)).toEqual([2, 0]);
    expect(Array.from(optimizer.state('e')['v']!)).toEqual([4, 0]);
    expect(params[0]!.data[0]).toBeCloseTo(1 - 0.2 / 2.25, 15);
    expect(params[0]!.data[1]).toBe(2);
  });

  it('refuses a dense gradient in one line, as torch does, naming the parameter', () => {
    const optimizer = createOptimizer('sparseadam', { convention: 'torch', params: table() });
    expect(() => optimizer.step({ table: new Float64Array(12) })).toThrow(/^step: sparseadam needs the rows each gradient touched, and the gradient of 'table' has none[^\n]*denseAdam: true/);
    expect(() => optimizer.step({ table: new Float64Array(12) }, { table: Int32Array.from([2, 1]) })).toThrow(/sorted and unique/);
    expect(() => optimizer.step({ table: new Float64Array(12) }, { table: Int32Array.from([6]) })).toThrow(/row 6 is outside \[0, 6\)/);
    expect(() => createOptimizer('sparseadam', { convention: 'keras', params: [] })).toThrow(/sparseadam is not offered in the keras convention/);
  });

  it('with denseAdam, a parameter without touched rows takes torch Adam with the same lr, betas and ε, to the bit', () => {
    const uniform = seededUniform(9);
    const options = { learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 };
    const sparse = table();
    const dense = table();
    const a = createOptimizer('sparseadam', { convention: 'torch', options: { ...options, denseAdam: true }, params: sparse });
    const b = createOptimizer('adam', { convention: 'torch', options, params: dense });
    for (let step = 0; step < 20; step++) {
      const grad = Float64Array.from({ length: 12 }, () => uniform() - 0.5);
      a.step({ table: grad });
      b.step({ table: grad });
    }
    expect(Array.from(sparse[0]!.data)).toEqual(Array.from(dense[0]!.data));
  });
});

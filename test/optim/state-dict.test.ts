import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/optim/index.ts';
import type { OptimizerStateDict } from '../../src/optim/index.ts';

function trained(amsgrad = false, data: Float32Array | Float64Array = Float64Array.of(1, -2, 3)) {
  const params = [{ name: 'w', shape: [3], data }];
  const opt = createOptimizer('adam', { options: { amsgrad }, params });
  for (let s = 0; s < 3; s++) opt.step({ w: Float64Array.of(0.1 * s, -1, 1 / 3) });
  return opt;
}

describe('stateDict / loadStateDict', () => {
  it('round-trips through JSON to the bit, including −0, NaN and float32 values', () => {
    const source = trained(false, Float32Array.of(1, -2, 3));
    source.state('w')['m']![0] = -0;
    source.state('w')['v']![1] = Number.NaN;
    const dict = JSON.parse(JSON.stringify(source.stateDict())) as OptimizerStateDict;
    const target = createOptimizer('adam', { params: [{ name: 'w', shape: [3], data: new Float32Array(3) }] });
    target.loadStateDict(dict);
    expect(target.stepCount).toBe(3);
    expect(Object.is(target.state('w')['m']![0], -0)).toBe(true);
    expect(target.state('w')['v']![1]).toBeNaN();
    expect(Array.from(target.state('w')['m']!.slice(1))).toEqual(Array.from(source.state('w')['m']!.slice(1)));
  });

  it('says which parameter, state name, shape or dtype differs, and loads nothing on failure', () => {
    const dict = trained().stateDict();
    const fresh = (params: { name: string; shape: number[]; data: Float32Array | Float64Array }[] = [{ name: 'w', shape: [3], data: new Float64Array(3) }], amsgrad = false) => createOptimizer('adam', { options: { amsgrad }, params });
    expect(() => fresh([{ name: 'x', shape: [3], data: new Float64Array(3) }]).loadStateDict(dict)).toThrow('loadStateDict: parameter names differ: missing x; unexpected w (expected x)');
    expect(() => fresh([{ name: 'w', shape: [1, 3], data: new Float64Array(3) }]).loadStateDict(dict)).toThrow("loadStateDict: 'w'.m has shape [3], the optimizer holds [1, 3]");
    expect(() => fresh([{ name: 'w', shape: [3], data: new Float32Array(3) }]).loadStateDict(dict)).toThrow(`loadStateDict: 'w'.m has dtype "float64", the optimizer holds float32`);
    expect(() => fresh(undefined, true).loadStateDict(dict)).toThrow("loadStateDict: state names of parameter 'w' differ: missing vHat (expected m, v, vHat)");
    expect(() => createOptimizer('sgd', { params: [] }).loadStateDict(dict)).toThrow(`loadStateDict: state is for optimizer "adam", this optimizer is 'sgd'`);
    const target = fresh();
    expect(() => target.loadStateDict({ ...dict, stepCount: -1 })).toThrow('stepCount must be an integer >= 0');
    expect(target.stepCount).toBe(0);
    expect(Array.from(target.state('w')['m']!)).toEqual([0, 0, 0]);
  });

  it('keeps NAdam’s μ product, so a resumed run continues the momentum schedule', () => {
    const params = [{ name: 'w', shape: [1], data: Float64Array.of(1) }];
    const opt = createOptimizer('nadam', { params });
    opt.step({ w: Float64Array.of(0.5) });
    expect(opt.stateDict().scalars).toEqual({ muProduct: 0.9 * (1 - 0.5 * 0.96) });
  });
});

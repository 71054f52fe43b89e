/**
 * seedgrad's torch convention against trajectories PyTorch 1.13 produced
 * (scripts/torch_golden.py, float64, 100 steps, parameters of rank 1–3).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPTIMIZER_CASES } from './cases.ts';
import { maxRelativeError, runTrajectory } from './helpers.ts';
import type { ParamSpec } from './helpers.ts';

const FIXTURE_DIR = new URL('../fixtures/torch/', import.meta.url);

interface TorchFixture {
  readonly id: string;
  readonly torch: { readonly version: string; readonly call: string };
  readonly input: {
    readonly optimizer: string;
    readonly convention: string;
    readonly options: Record<string, unknown>;
    readonly dtype: string;
    readonly params: ParamSpec[];
    readonly grads: number[][][];
  };
  readonly trajectory: number[][][];
}

function loadFixture(id: string): TorchFixture {
  return JSON.parse(readFileSync(new URL(`${id}.json`, FIXTURE_DIR), 'utf8')) as TorchFixture;
}

const torchCases = OPTIMIZER_CASES.filter((c) => c.fixture !== undefined);

describe('torch convention vs PyTorch golden trajectories', () => {
  it('has a table entry for every fixture file, and a fixture for every torch entry', () => {
    const files = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
    expect(torchCases.map((c) => c.fixture).sort()).toEqual(files);
  });

  it('covers every torch optimizer of 1.13 that seedgrad has, plus AMSGrad', () => {
    const covered = new Set(torchCases.map((c) => (c.options.amsgrad === true ? `${c.optimizer}+amsgrad` : c.optimizer)));
    for (const name of ['adam', 'adam+amsgrad', 'adamw', 'adamax', 'nadam', 'sgd', 'rmsprop', 'adadelta', 'adagrad', 'rprop']) expect(covered).toContain(name);
  });

  it.each(torchCases.map((c) => [c.id, c] as const))('%s matches torch.optim for 100 steps in float64 to 1e-10 relative', (_id, testCase) => {
    const fixture = loadFixture(testCase.fixture!);
    expect(fixture.input.optimizer).toBe(testCase.optimizer);
    expect(fixture.input.convention).toBe('torch');
    expect(fixture.input.dtype).toBe('float64');
    expect(fixture.input.options).toEqual(testCase.options);
    expect(fixture.input.params.map((p) => p.shape.length).sort()).toEqual([1, 2, 3]);
    expect(fixture.trajectory).toHaveLength(100);

    const { trajectory } = runTrajectory(testCase.optimizer, 'torch', testCase.options, fixture.input.params, fixture.input.grads);
    let worst = 0;
    trajectory.forEach((step, s) => (worst = Math.max(worst, maxRelativeError(step, fixture.trajectory[s]!))));
    expect(worst).toBeLessThanOrEqual(1e-10);
    // The parameters really moved, so the comparison is not of a trivial trajectory.
    expect(maxRelativeError(fixture.trajectory[99]!, fixture.input.params.map((p) => p.data))).toBeGreaterThan(1e-3);
  });
});

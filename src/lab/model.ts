/**
 * From the URL's state to what the panels draw, without the DOM: the function (or the
 * typed expression's error), each run's options in effect and its path. Paths are cached
 * by their inputs, so moving the step or switching panels recomputes nothing.
 */
import { checkOptions, type OptimizerName } from './catalog.ts';
import { labFunction, type LabFunction } from './functions.ts';
import { runPath, type Path } from './run.ts';
import { OptimizerConfigError } from '../optim/index.ts';
import type { LabState, Options, RunSpec } from './url-state.ts';

export interface RunResult {
  readonly spec: RunSpec;
  /** The options handed to the optimizer: the user's, and the function's learning rate where the user set none. */
  readonly options: Options;
  readonly path: Path | null;
  /** The engine's message when the options are refused. */
  readonly error: string | null;
}

export interface Landscape {
  readonly fn: LabFunction | null;
  readonly fnError: string | null;
  readonly start: readonly [number, number];
  readonly runs: readonly RunResult[];
}

export function learningRateFor(fn: LabFunction | null, name: OptimizerName): number | undefined {
  return fn?.learningRates?.[name];
}

export function effectiveOptions(fn: LabFunction | null, spec: { name: OptimizerName; options: Options }): Options {
  const lr = learningRateFor(fn, spec.name);
  return spec.options['learningRate'] === undefined && lr !== undefined ? { learningRate: lr, ...spec.options } : { ...spec.options };
}

const functions = new Map<string, { fn: LabFunction | null; error: string | null }>();

/** What names a function's paths and contour in the caches: its id, or a typed one's expression and window. */
export function functionKey(state: Pick<LabState, 'fn' | 'expr' | 'window'>): string {
  return state.fn === 'custom' ? `custom:${state.window.join(',')}:${state.expr}` : state.fn;
}

export function functionOf(state: Pick<LabState, 'fn' | 'expr' | 'window'>): { fn: LabFunction | null; error: string | null } {
  const key = functionKey(state);
  if (!functions.has(key)) {
    try {
      functions.set(key, { fn: labFunction(state.fn, state.expr, state.window), error: null });
    } catch (error) {
      functions.set(key, { fn: null, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return functions.get(key)!;
}

const paths = new Map<string, RunResult>();

export function runOne(fn: LabFunction, spec: RunSpec, start: readonly [number, number], steps: number, seed: number, fnKey: string): RunResult {
  const options = effectiveOptions(fn, spec);
  const key = JSON.stringify([fnKey, spec.name, spec.convention, options, start, steps, seed]);
  let result = paths.get(key);
  if (result === undefined) {
    let error = checkOptions(spec.name, spec.convention, options);
    let path: Path | null = null;
    try {
      if (error === null) path = runPath(fn, { name: spec.name, convention: spec.convention, options, steps, start, seed });
    } catch (failure) {
      // A parameter the rule refuses (torch's Muon and the 1-D point): the engine's one line.
      if (!(failure instanceof OptimizerConfigError)) throw failure;
      error = failure.message;
    }
    result = { spec, options, path, error };
    if (paths.size > 200) paths.clear();
    paths.set(key, result);
  }
  return result;
}

export function computeLandscape(state: LabState): Landscape {
  const { fn, error } = functionOf(state);
  const start = state.start ?? fn?.start ?? [0, 0];
  const fnKey = functionKey(state);
  const runs = fn === null ? state.runs.map((spec) => ({ spec, options: spec.options, path: null, error: null })) : state.runs.map((spec) => runOne(fn, spec, start, state.steps, state.seed, fnKey));
  return { fn, fnError: error, start, runs };
}

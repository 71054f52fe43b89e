/**
 * A trace: one optimizer run over a given gradient sequence, its parameters after every
 * step (and, when asked, its named state arrays) written as JSON, so any trajectory can be
 * set beside Keras's or PyTorch's. The same function writes `seedgrad trace`'s output and
 * the browser's, so the two are equal byte for byte. Numbers are printed so that float64
 * values read back exactly; a non-finite value is printed as null.
 */
import { createOptimizer, type Optimizer } from './optimizer.ts';
import { isOptimizerName, optimizerSpec } from './registry.ts';
import { OptimizerConfigError } from './types.ts';
import type { FloatArray, OptimizerName, OptimizerParam } from './types.ts';
import type { OptimizerOptions } from './options.ts';
import type { TraceInput } from './trace-input.ts';

/** Shortest text that reads back as the same float64; −0 kept; NaN and ±∞ become null. */
function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  return Object.is(x, -0) ? '-0' : String(x);
}

/** Where output goes, a piece at a time: the output may be longer than any one string can be. */
export type TraceSink = (text: string) => void;

/** Elements formatted per piece of output. */
const PIECE = 65_536;

function writeArray(array: FloatArray, write: TraceSink): void {
  write('[');
  for (let start = 0; start < array.length; start += PIECE) {
    let text = '';
    const end = Math.min(array.length, start + PIECE);
    for (let i = start; i < end; i++) text += (i > 0 ? ',' : '') + formatNumber(array[i]!);
    write(text);
  }
  write(']');
}

function writeStates(optimizer: Optimizer, write: TraceSink): void {
  optimizer.paramNames.forEach((name, k) => {
    write(`${k > 0 ? ',' : '{'}${JSON.stringify(name)}:{`);
    Object.entries(optimizer.state(name)).forEach(([key, array], j) => {
      write(`${j > 0 ? ',' : ''}${JSON.stringify(key)}:`);
      writeArray(array, write);
    });
    write('}');
  });
  write(optimizer.paramNames.length === 0 ? '{}' : '}');
}

/** One step's per-optimizer scalars (Nadam's muProduct, Prodigy's d, ...) as a JSON object. */
function scalarsText(scalars: Readonly<Record<string, number>>): string {
  return `{${Object.entries(scalars).map(([key, value]) => `${JSON.stringify(key)}:${formatNumber(value)}`).join(',')}}`;
}

/** An unknown optimizer or option is an OptimizerConfigError, thrown from here, naming it. */
function newOptimizer(input: TraceInput, params: readonly OptimizerParam[]): Optimizer {
  if (isOptimizerName(input.optimizer) && optimizerSpec(input.optimizer).closure !== undefined) {
    throw new OptimizerConfigError(
      `${input.optimizer} cannot be traced: a trace replays recorded gradients, and L-BFGS evaluates the function itself at points of its own choosing; use step(closure) in the API, or seedgrad landscape`,
    );
  }
  return createOptimizer(input.optimizer as OptimizerName, { convention: input.convention as 'keras', options: input.options as OptimizerOptions, params });
}

/**
 * Runs the trace and writes its output (without a trailing newline) piece by piece;
 * returns whether any value was non-finite. The output is a JSON list with one item
 * per line: every step's parameters, then with `withStates` every step's state arrays
 * and, for an optimizer that keeps scalars, every step's scalars. The states come from a second run over the same gradients (the rules are
 * deterministic), so no step's arrays need to be kept until the trajectory is written.
 */
export function streamTrace(input: TraceInput, withStates: boolean, write: TraceSink): { nonFinite: boolean } {
  const initial = withStates ? input.params.map((p) => ({ ...p, data: p.data.slice() })) : [];
  const pass = (params: readonly OptimizerParam[], item: (optimizer: Optimizer) => void) => {
    const optimizer = newOptimizer(input, params);
    write(input.grads.length === 0 ? '[]' : '[\n  ');
    input.grads.forEach((step, s) => {
      const rows = input.touchedRows?.[s];
      const touched = rows && Object.fromEntries(params.flatMap((p, k) => (rows[k] ? [[p.name, rows[k]]] : [])));
      optimizer.step(Object.fromEntries(params.map((p, k) => [p.name, step[k]!])), touched);
      if (s > 0) write(',\n  ');
      item(optimizer);
    });
    if (input.grads.length > 0) write('\n]');
  };
  let nonFinite = false;
  write('{"trajectory": ');
  pass(input.params, () => {
    write('[');
    input.params.forEach((p, k) => {
      if (k > 0) write(',');
      writeArray(p.data, write);
      nonFinite ||= p.data.some((x) => !Number.isFinite(x));
    });
    write(']');
  });
  if (withStates) {
    write(',\n"states": ');
    const scalars: string[] = [];
    pass(initial, (optimizer) => {
      writeStates(optimizer, write);
      if (Object.keys(optimizer.scalars()).length > 0) scalars.push(scalarsText(optimizer.scalars()));
    });
    if (scalars.length > 0) write(`,\n"scalars": [\n  ${scalars.join(',\n  ')}\n]`);
  }
  write('}');
  return { nonFinite };
}

/** The trace as one string (for small inputs and tests); returns the text without a trailing newline. */
export function runTrace(input: TraceInput, withStates: boolean): { text: string; nonFinite: boolean } {
  const pieces: string[] = [];
  const { nonFinite } = streamTrace(input, withStates, (text) => pieces.push(text));
  return { text: pieces.join(''), nonFinite };
}


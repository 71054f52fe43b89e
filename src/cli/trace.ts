/**
 * `seedgrad trace`: run one optimizer over a given gradient sequence and print the
 * parameters after every step as JSON (OPTIMIZERS.md §6), so any trajectory can be set
 * beside Keras's or PyTorch's.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from './command.ts';
import { UsageError } from './command.ts';
import { parseFlags } from './args.ts';
import { OptimizerConfigError, createOptimizer } from '../optim/index.ts';
import type { Dtype, FloatArray, Optimizer, OptimizerName, OptimizerOptions, OptimizerParam } from '../optim/index.ts';

const help = `Usage: seedgrad trace [FILE] [--states]

Reads one JSON document from FILE (or stdin), runs the optimizer on its gradient
sequence, and prints the trajectory as JSON on stdout.

Input:
  {"optimizer": "adam", "convention": "keras" | "torch", "options": {...},
   "dtype": "float64" | "float32",
   "params": [{"name": "w", "shape": [2, 3], "data": [6 numbers, row-major]}, ...],
   "grads": [[flat gradient of each param, in params order], ... one per step]}
  convention defaults to keras, dtype to float64, missing options (or null) to the
  convention's defaults. Option keys are camelCase: learningRate, beta1, beta2, epsilon,
  amsgrad, weightDecay, momentum, nesterov, rho, centered, beta2Decay, epsilon1,
  epsilon2, clipThreshold, relativeStep, clipNorm, clipValue, globalClipNorm, and the
  torch-only momentumDecay and dampening. learningRate may be a schedule object, e.g.
  {"schedule": "cosineDecay", "initialLearningRate": 0, "decaySteps": 90,
   "warmupTarget": 0.01, "warmupSteps": 10}.
  Optimizers: adam, adamw, adamax, nadam, sgd, rmsprop, adadelta, adafactor (keras only);
  AMSGrad is adam or adamw with "amsgrad": true.

Output:
  {"trajectory": [[[param 0 after step 1], [param 1 after step 1], ...], ...]}
  Numbers are printed so that float64 values read back exactly (float32 values are
  printed as the float64 they equal). A non-finite value is printed as null, with a
  warning on stderr.

Flags:
  --states   also print "states": one entry per step, {"<param>": {"<state>": [...]}},
             the optimizer's named state arrays after that step (m, v, vHat, u, ...)

Exit status 1 for malformed JSON, a gradient whose length does not match its parameter,
or an unknown optimizer or option.`;

interface TraceInput {
  readonly optimizer: string;
  readonly convention: unknown;
  readonly options: unknown;
  readonly dtype: Dtype;
  readonly params: readonly OptimizerParam[];
  readonly grads: readonly (readonly FloatArray[])[];
}

const TOP_LEVEL_KEYS = ['optimizer', 'convention', 'options', 'dtype', 'params', 'grads'];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function numbers(value: unknown, where: string, dtype: Dtype): FloatArray {
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'number')) throw new UsageError(`${where} must be a list of numbers`);
  return dtype === 'float32' ? Float32Array.from(value as number[]) : Float64Array.from(value as number[]);
}

function parseParam(value: unknown, k: number, dtype: Dtype): OptimizerParam {
  const where = `params[${k}]`;
  if (!isRecord(value)) throw new UsageError(`${where} must be an object {"name", "shape", "data"}`);
  const { name, shape } = value;
  if (typeof name !== 'string' || name === '') throw new UsageError(`${where}.name must be a non-empty string`);
  if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) throw new UsageError(`${where}.shape must be a list of integers >= 0`);
  const data = numbers(value['data'], `${where}.data`, dtype);
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  if (data.length !== size) throw new UsageError(`${where} ('${name}'): shape [${shape.join(', ')}] holds ${size} values but data has ${data.length}`);
  return { name, shape: shape as number[], data };
}

function parseGrads(value: unknown, params: readonly OptimizerParam[], dtype: Dtype): FloatArray[][] {
  if (!Array.isArray(value)) throw new UsageError('"grads" must be a list with one entry per step');
  return value.map((step, s) => {
    if (!Array.isArray(step) || step.length !== params.length) {
      throw new UsageError(`grads[${s}] must be a list of ${params.length} gradients, one per parameter in params order`);
    }
    return step.map((g, k) => {
      const p = params[k]!;
      const grad = numbers(g, `grads[${s}][${k}]`, dtype);
      if (grad.length !== p.data.length) {
        throw new UsageError(`grads[${s}][${k}] (gradient of '${p.name}') has ${grad.length} values, but '${p.name}' has shape [${p.shape.join(', ')}] (${p.data.length} values)`);
      }
      return grad;
    });
  });
}

export function parseTraceInput(text: string): TraceInput {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`input is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(document)) throw new UsageError('input must be a JSON object with "optimizer", "params" and "grads"');
  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL_KEYS.includes(key)) throw new UsageError(`unknown key '${key}' in the input; expected ${TOP_LEVEL_KEYS.join(', ')}`);
  }
  const { optimizer, convention, options, dtype = 'float64' } = document;
  if (typeof optimizer !== 'string') throw new UsageError('"optimizer" must be a string such as "adam"');
  if (dtype !== 'float64' && dtype !== 'float32' && dtype !== null) throw new UsageError(`"dtype" must be "float64" or "float32", got ${JSON.stringify(dtype)}`);
  const realDtype: Dtype = dtype === 'float32' ? 'float32' : 'float64';
  if (!Array.isArray(document['params'])) throw new UsageError('"params" must be a list of {"name", "shape", "data"}');
  const params = document['params'].map((p, k) => parseParam(p, k, realDtype));
  const grads = parseGrads(document['grads'], params, realDtype);
  return { optimizer, convention: convention ?? 'keras', options: options ?? {}, dtype: realDtype, params, grads };
}

/** Shortest text that reads back as the same float64; −0 kept; NaN and ±∞ become null. */
function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  return Object.is(x, -0) ? '-0' : String(x);
}

/** Where output goes, a piece at a time: the output may be longer than any one string can be. */
type Sink = (text: string) => void;

/** Elements formatted per piece of output. */
const PIECE = 65_536;

function writeArray(array: FloatArray, write: Sink): void {
  write('[');
  for (let start = 0; start < array.length; start += PIECE) {
    let text = '';
    const end = Math.min(array.length, start + PIECE);
    for (let i = start; i < end; i++) text += (i > 0 ? ',' : '') + formatNumber(array[i]!);
    write(text);
  }
  write(']');
}

function writeStates(optimizer: Optimizer, write: Sink): void {
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

function newOptimizer(input: TraceInput, params: readonly OptimizerParam[]): Optimizer {
  try {
    return createOptimizer(input.optimizer as OptimizerName, { convention: input.convention as 'keras', options: input.options as OptimizerOptions, params });
  } catch (error) {
    if (error instanceof OptimizerConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Runs the trace and writes its output (without a trailing newline) piece by piece;
 * returns whether any value was non-finite. The output is a JSON list with one item
 * per line: every step's parameters, then with `withStates` every step's state arrays.
 * The states come from a second run over the same gradients (the rules are
 * deterministic), so no step's arrays need to be kept until the trajectory is written.
 */
export function streamTrace(input: TraceInput, withStates: boolean, write: Sink): { nonFinite: boolean } {
  const initial = withStates ? input.params.map((p) => ({ ...p, data: p.data.slice() })) : [];
  const pass = (params: readonly OptimizerParam[], item: (optimizer: Optimizer) => void) => {
    const optimizer = newOptimizer(input, params);
    write(input.grads.length === 0 ? '[]' : '[\n  ');
    input.grads.forEach((step, s) => {
      optimizer.step(Object.fromEntries(params.map((p, k) => [p.name, step[k]!])));
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
    pass(initial, (optimizer) => writeStates(optimizer, write));
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

async function readInput(file: string | undefined): Promise<string> {
  if (file !== undefined) {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (process.stdin.isTTY === true) throw new UsageError("no input: give a JSON file or pipe one on stdin (see 'seedgrad trace --help')");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const traceCommand: Command = {
  name: 'trace',
  summary: 'run an optimizer on a gradient sequence and print its trajectory as JSON',
  help,
  async run(argv) {
    const args = parseFlags('trace', argv, { states: { type: 'boolean' } }, 1);
    const input = parseTraceInput(await readInput(args.positionals[0]));
    // Pieces are gathered up to about a megabyte per write.
    let buffered = '';
    const { nonFinite } = streamTrace(input, args.values.states === true, (text) => {
      buffered += text;
      if (buffered.length >= 1 << 20) {
        process.stdout.write(buffered);
        buffered = '';
      }
    });
    process.stdout.write(buffered + '\n');
    if (nonFinite) process.stderr.write('seedgrad trace: warning: the trajectory has non-finite values, printed as null\n');
    return 0;
  },
};

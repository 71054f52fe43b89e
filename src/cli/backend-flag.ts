/**
 * `--backend auto|js|gpujs` (else SEEDGRAD_BACKEND, else auto), `--accumulation
 * float32|float64` (the js backend's float32 matmul sums) and the js backend's threads
 * (SEEDGRAD_THREADS, else the machine's): chosen once, printed, never silent. The CLI is
 * where the environment is read; the library takes the same settings as setBackend's
 * arguments.
 */
import { choiceFlag, type ParsedArgs } from './args.ts';
import { UsageError } from './command.ts';
import { ACCUMULATIONS, BACKEND_CHOICES, parseBackendChoice, platformMaxThreads, setBackend, type Accumulation, type BackendChoice, type BackendInfo } from '../backend/index.ts';

/** The --backend and --accumulation rows of a command's help, their text starting at `column` as the command's other rows do. */
export function backendFlagHelp(column: number): string {
  const flag = '  --backend NAME'.padEnd(column);
  const accumulation = '  --accumulation NAME'.padEnd(column);
  const indent = ' '.repeat(column);
  return (
    `${flag}${BACKEND_CHOICES.join(' | ')} (default: SEEDGRAD_BACKEND, else auto =\n${indent}gpujs on a hardware WebGPU adapter, else js)\n` +
    `${accumulation}${ACCUMULATIONS.join(' | ')}: how js sums float32 matmuls (default float32;\n${indent}float64 is the exact path: exact products, one rounding, half the speed)`
  );
}

/** The --accumulation flag (default float32); the js backend's, refused by name when it is not one. */
export function accumulationOf(args: ParsedArgs): Accumulation {
  return choiceFlag(args, 'accumulation', ACCUMULATIONS, 'float32');
}

/** The log line: 'backend js (wasm-simd matmul, float32 sums), 2 threads'. */
export function describeBackend(info: BackendInfo): string {
  return `backend ${describeBackendKind(info)}, ${info.threads} thread${info.threads === 1 ? '' : 's'}`;
}

/** The backend without its thread count (which changes timings, never results): what a sweep's manifest records under 'backend'. */
export function describeBackendKind(info: BackendInfo): string {
  const mode = info.mode !== undefined ? ` (gpu.js ${info.mode}${info.adapter !== undefined ? ` on ${info.adapter}` : ''})` : '';
  const sums = info.accumulation !== undefined ? `, ${info.accumulation} sums` : '';
  const matmul = info.matmul !== undefined ? ` (${info.matmul} matmul${sums})` : '';
  return `${info.name}${mode}${matmul}`;
}

/** Sets the backend the flag (or the environment) asks for, with SEEDGRAD_THREADS's threads, and returns what was chosen. */
export async function applyBackendFlag(args: ParsedArgs): Promise<BackendInfo> {
  const choice = backendChoiceOf(args);
  return setBackend(choice, { threads: threadsFromEnvironment(), accumulation: accumulationOf(args) });
}

/** SEEDGRAD_THREADS, checked (an integer from 1 to the platform's limit), or undefined where it is unset. */
export function threadsFromEnvironment(): number | undefined {
  const value = process.env.SEEDGRAD_THREADS;
  if (value === undefined || value === '') return undefined;
  const max = platformMaxThreads();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`SEEDGRAD_THREADS must be an integer from 1 to ${max}, got '${value}'`);
  return n;
}

/** The backend the flag, else SEEDGRAD_BACKEND, else 'auto' asks for; a bad SEEDGRAD_THREADS is refused here too. */
export function backendChoiceOf(args: ParsedArgs): BackendChoice {
  threadsFromEnvironment();
  let choice: BackendChoice;
  if (args.values.backend !== undefined) {
    choice = choiceFlag(args, 'backend', BACKEND_CHOICES, 'auto');
  } else {
    const env = process.env.SEEDGRAD_BACKEND;
    try {
      choice = env === undefined || env === '' ? 'auto' : parseBackendChoice(env, 'SEEDGRAD_BACKEND');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return choice;
}

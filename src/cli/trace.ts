/**
 * `seedgrad trace`: run one optimizer over a given gradient sequence and print the
 * parameters after every step as JSON (docs/optimizers.md §6), so any trajectory can be set
 * beside Keras's or PyTorch's.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from './command.ts';
import { UsageError } from './command.ts';
import { parseFlags } from './args.ts';
import { ALL_OPTION_KEYS, OPTIMIZERS, conventionsOf, OptimizerConfigError, TORCH_ONLY_OPTION_KEYS, TraceInputError, streamTrace, parseTraceInput } from '../optim/index.ts';

/** Greedy word wrap at 89 columns, each line indented by two spaces. */
function paragraph(text: string): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 1 + word.length <= 89) lines[last] += ` ${word}`;
    else lines.push(`  ${word}`);
  }
  return lines.join('\n');
}

const optionKeys = ALL_OPTION_KEYS.filter((key) => !TORCH_ONLY_OPTION_KEYS.includes(key));
const optimizers = OPTIMIZERS.map((spec) => (conventionsOf(spec).length === 1 ? `${spec.name} (${conventionsOf(spec)[0]!} only)` : spec.name));

const help = `Usage: seedgrad trace [FILE] [--states]

Reads one JSON document from FILE (or stdin), runs the optimizer on its gradient
sequence, and prints the trajectory as JSON on stdout.

Input:
  {"optimizer": "adam", "convention": "keras" | "torch", "options": {...},
   "dtype": "float64" | "float32",
   "params": [{"name": "w", "shape": [2, 3], "data": [6 numbers, row-major]}, ...],
   "grads": [[flat gradient of each param, in params order], ... one per step],
   "touchedRows": [[rows each gradient touched, or null, in params order], ...]}
${paragraph(
  `convention defaults to keras, dtype to float64, missing options (or null) to the convention's defaults. ` +
    `Option keys are camelCase: ${optionKeys.join(', ')}, and the torch-only ${TORCH_ONLY_OPTION_KEYS.join(' and ')}. ` +
    'learningRate may be a schedule object, e.g.',
)}
  {"schedule": "cosineDecay", "initialLearningRate": 0, "decaySteps": 90,
   "warmupTarget": 0.01, "warmupSteps": 10}.
${paragraph(`Optimizers: ${optimizers.join(', ')}; AMSGrad is adam or adamw with "amsgrad": true. touchedRows (optional, one entry per step) gives the rows of each embedding table a step's lookups touched; sparseadam needs them (or "denseAdam": true). lbfgs cannot be traced: it evaluates the function itself.`)}

Output:
  {"trajectory": [[[param 0 after step 1], [param 1 after step 1], ...], ...]}
  Numbers are printed so that float64 values read back exactly (float32 values are
  printed as the float64 they equal). A non-finite value is printed as null, with a
  warning on stderr.

Flags:
  --states   also print "states": one entry per step, {"<param>": {"<state>": [...]}},
             the optimizer's named state arrays after that step (m, v, vHat, u, ...);
             and for an optimizer with scalars (nadam, prodigy, ...) "scalars": one
             entry per step, {"<scalar>": value} (muProduct; d, dMax, dHat, ...)

Exit status 1 for malformed JSON, a gradient whose length does not match its parameter,
or an unknown optimizer or option.`;

/** The trace's own errors, as the CLI's usage errors (one line, exit 1). */
function asUsageError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof TraceInputError || error instanceof OptimizerConfigError) throw new UsageError(error.message);
    throw error;
  }
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
    const text = await readInput(args.positionals[0]);
    const input = asUsageError(() => parseTraceInput(text));
    // Pieces are gathered up to about a megabyte per write.
    let buffered = '';
    const { nonFinite } = asUsageError(() => streamTrace(input, args.values.states === true, (piece) => {
      buffered += piece;
      if (buffered.length >= 1 << 20) {
        process.stdout.write(buffered);
        buffered = '';
      }
    }));
    process.stdout.write(buffered + '\n');
    if (nonFinite) process.stderr.write('seedgrad trace: warning: the trajectory has non-finite values, printed as null\n');
    return 0;
  },
};

/** `seedgrad landscape`: every optimizer's path on classic 2-D test functions, drawn. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from './command.ts';
import { UsageError } from './command.ts';
import { choiceFlag, intFlag, numberFlag, parseFlags, type ParsedArgs } from './args.ts';
import { CONVENTIONS, type Convention } from '../optim/index.ts';
import {
  FUNCTION_NAMES,
  LANDSCAPE_OPTIMIZERS,
  availableIn,
  isFunctionName,
  isLandscapeOptimizer,
  markdownTable,
  renderLandscape,
  runLandscape,
  type FunctionName,
  type LandscapeConfig,
  type LandscapeOptimizer,
} from '../landscape/index.ts';

const DEFAULTS = { steps: 500, out: 'runs/landscape', tolerance: 0.05, seed: 0, gridCells: 120 };

const help = `Usage: seedgrad landscape [--function NAME|all] [--optimizers LIST|all]
                          [--lr X | --lr-per OPT=X,...] [--steps N] [--start x,y]
                          [--convention keras|torch] [--seed N] [--tol X] [--grid N]
                          [--out DIR]

Runs each optimizer on two-dimensional test functions, through the same autograd and
optimizer code as training, and draws the paths: per function an SVG of the contours
(log-spaced levels) with every optimizer's path, start and minima marked, and an SVG of
the loss by step; a table (markdown and JSON) of steps to reach the tolerance, final
distance to the nearest minimum, final value and divergence; and landscape.html with
all of it. Each SVG is saved beside its Vega / Vega-Lite spec. Same flags, same bytes.

Flags:
  --function NAME|all    ${FUNCTION_NAMES.join(', ')},
                         a comma-separated list of them, or all (default all)
  --optimizers LIST|all  comma-separated, from ${LANDSCAPE_OPTIMIZERS.join(', ')}
                         (amsgrad is adam with amsgrad: true); default all
                         (adafactor is left out under --convention torch)
  --lr X                 one learning rate for every optimizer (default: each
                         optimizer's rate for the function, in src/landscape/learning-rates.ts)
  --lr-per OPT=X,...     rates for some optimizers, e.g. --lr-per sgd=0.001,adam=0.1
  --steps N              steps per optimizer (default ${DEFAULTS.steps})
  --start x,y            one start for every function (default: each function's standard
                         one); write a negative x as --start=-1.5,2
  --convention NAME      ${CONVENTIONS.join(' | ')}: whose defaults and formulas (default keras)
  --seed N               seed of the noisy quadratic's gradient noise (default ${DEFAULTS.seed})
  --tol X                distance to a minimum that counts as reached (default ${DEFAULTS.tolerance})
  --grid N               contour grid cells along the longer side (default ${DEFAULTS.gridCells})
  --out DIR              where to write (default ${DEFAULTS.out})

A run whose value, gradient or point stops being finite is reported as diverged at that
step (the table says which); it is not an error.`;

const FLAGS = {
  function: { type: 'string' },
  optimizers: { type: 'string' },
  lr: { type: 'string' },
  'lr-per': { type: 'string', multiple: true },
  steps: { type: 'string' },
  start: { type: 'string' },
  convention: { type: 'string' },
  seed: { type: 'string' },
  tol: { type: 'string' },
  out: { type: 'string' },
  grid: { type: 'string' },
} as const;

function listFlag(args: ParsedArgs, flag: string): string[] | undefined {
  const raw = args.values[flag];
  if (raw === undefined) return undefined;
  const items = String(raw).split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`--${flag}: empty name in '${String(raw)}'`);
  const repeated = items.find((s, k) => items.indexOf(s) !== k);
  if (repeated !== undefined) throw new UsageError(`--${flag}: '${repeated}' is named twice in '${String(raw)}'`);
  return items;
}

function selectFunctions(args: ParsedArgs): FunctionName[] {
  const items = listFlag(args, 'function');
  if (items === undefined || (items.length === 1 && items[0] === 'all')) return [...FUNCTION_NAMES];
  return items.map((name) => {
    if (!isFunctionName(name)) throw new UsageError(`--function must be one of ${FUNCTION_NAMES.join(', ')}, all (or a comma-separated list); got '${name}'`);
    return name;
  });
}

function selectOptimizers(args: ParsedArgs, convention: Convention): LandscapeOptimizer[] {
  const items = listFlag(args, 'optimizers');
  if (items === undefined || (items.length === 1 && items[0] === 'all')) return [...availableIn(convention)];
  return items.map((name) => {
    if (!isLandscapeOptimizer(name)) throw new UsageError(`--optimizers must be a comma-separated list of ${LANDSCAPE_OPTIMIZERS.join(', ')}, or all; got '${name}'`);
    if (!availableIn(convention).includes(name)) throw new UsageError(`--optimizers: ${name} is not offered in the ${convention} convention; use --convention ${convention === 'keras' ? 'torch' : 'keras'}`);
    return name;
  });
}

function positive(args: ParsedArgs, flag: string): number | undefined {
  const value = numberFlag(args, flag);
  if (value !== undefined && !(value > 0)) throw new UsageError(`--${flag} must be a number > 0, got '${String(args.values[flag])}'`);
  return value;
}

function parseLearningRateOverrides(args: ParsedArgs, selected: readonly LandscapeOptimizer[]): Partial<Record<LandscapeOptimizer, number>> | undefined {
  const raw = args.values['lr-per'] as string[] | undefined;
  if (raw === undefined) return undefined;
  const overrides: Partial<Record<LandscapeOptimizer, number>> = {};
  for (const pair of raw.flatMap((r) => r.split(','))) {
    const match = /^\s*([a-z]+)=([^=]+)$/.exec(pair);
    if (match === null) throw new UsageError(`--lr-per must look like OPT=X,... (e.g. sgd=0.001,adam=0.1); got '${pair}'`);
    const [, name, text] = match;
    if (!isLandscapeOptimizer(name!)) throw new UsageError(`--lr-per: unknown optimizer '${name}'; choose from ${LANDSCAPE_OPTIMIZERS.join(', ')}`);
    if (!selected.includes(name)) throw new UsageError(`--lr-per: ${name} is not among the optimizers run (${selected.join(', ')})`);
    const value = Number(text);
    if (text!.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`--lr-per: the rate of ${name} must be a number > 0, got '${text}'`);
    overrides[name] = value;
  }
  return overrides;
}

function startFlag(args: ParsedArgs): [number, number] | undefined {
  const raw = args.values.start;
  if (raw === undefined) return undefined;
  const parts = String(raw).split(',');
  const numbers = parts.map((s) => (s.trim() === '' ? NaN : Number(s)));
  if (parts.length !== 2 || !numbers.every(Number.isFinite)) throw new UsageError(`--start must be two finite numbers x,y (e.g. --start=-1.5,2; a leading '-' needs the '=' form), got '${String(raw)}'`);
  return [numbers[0]!, numbers[1]!];
}

export function landscapeConfigFromFlags(args: ParsedArgs): LandscapeConfig {
  const convention = choiceFlag(args, 'convention', CONVENTIONS, 'keras');
  const optimizers = selectOptimizers(args, convention);
  const learningRate = positive(args, 'lr');
  const learningRateOverrides = parseLearningRateOverrides(args, optimizers);
  const start = startFlag(args);
  return {
    functions: selectFunctions(args),
    optimizers,
    steps: intFlag(args, 'steps', DEFAULTS.steps, 1, 100_000),
    convention,
    seed: intFlag(args, 'seed', DEFAULTS.seed, 0, 2 ** 31 - 1),
    tolerance: positive(args, 'tol') ?? DEFAULTS.tolerance,
    gridCells: intFlag(args, 'grid', DEFAULTS.gridCells, 10, 1000),
    ...(learningRate !== undefined ? { learningRate } : {}),
    ...(learningRateOverrides !== undefined ? { learningRateOverrides } : {}),
    ...(start !== undefined ? { start } : {}),
  };
}

export const landscapeCommand: Command = {
  name: 'landscape',
  summary: "draw every optimizer's path on 2-D test functions (Rosenbrock, Beale, ...)",
  help,
  async run(argv) {
    const args = parseFlags('landscape', argv, FLAGS);
    const config = landscapeConfigFromFlags(args);
    const out = typeof args.values.out === 'string' ? args.values.out : DEFAULTS.out;
    const results = runLandscape(config);
    const files = await renderLandscape(config, results);
    mkdirSync(out, { recursive: true });
    for (const name of files.names) writeFileSync(join(out, name), files.contents.get(name)!);
    for (const r of results) process.stdout.write(`${r.title}\n\n${markdownTable(r.rows)}\n\n`);
    process.stdout.write(`wrote ${files.names.length} files to ${out}; open ${join(out, 'landscape.html')}\n`);
    return 0;
  },
};

/** `seedgrad sweep CONFIG`: run a grid of training runs and write the tables, plots and report. */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from './command.ts';
import { UsageError } from './command.ts';
import { choiceFlag, intFlag, parseFlags } from './args.ts';
import { bar, createProgressPanel, formatDuration } from './progress.ts';
import { MAX_RUNS, defaultSweepDir, parseSweepConfig, planSweep, runSweep, shardUnits, sweepUnits, type RunResult, type Unit, type SweepConfig } from '../experiment/index.ts';
import { CONVENTIONS } from '../optim/index.ts';
import { metricValue } from '../experiment/run/training.ts';
import { workloadOf } from '../experiment/workloads/index.ts';
import { accumulationOf, backendFlagHelp, backendChoiceOf, describeBackend, describeBackendKind, threadsFromEnvironment } from './backend-flag.ts';
import { setBackend } from '../backend/index.ts';
import { checkDataSource } from '../data/source.ts';

const help = `Usage: seedgrad sweep CONFIG [--data PATH|synthetic] [--out DIR] [--jobs N] [--resume | --force] [--shard i/n]
                      [--convention keras|torch] [--max-runs N] [--backend auto|js|gpujs]

Runs every run of a sweep config (JSON; see README "Sweeps" and experiments/) once per
seed, then writes to --out (default runs/<config name>/; with --data naming other data,
--convention torch or --shard, those are added: runs/seed-log-ml-latest-small-torch/):
  results.md     one table per group: run, optimizer, the settings that vary in it,
                 NDCG@10, HR@10 (best in bold); the settings it shares said above it
  results.csv    every run, seed and epoch
  results.json   the config, the manifest (version, commit, data SHA-256, backend, Node,
                 times) and every run's full history
  plots/*.svg    curves per group, bar charts, metric against learning rate (with the
                 Vega-Lite spec of each as plots/*.vl.json)
  report.html    one self-contained page with all of it

Flags:
  --data PATH      ratings file or MovieLens folder, 'synthetic', or
                   synthetic:users=U,items=I,interactions=N (and rank=R, seed=S)
                   (overrides the config's)
  --out DIR        output folder: new, empty, or one a sweep wrote. A folder holding
                   other files is refused; one holding this sweep, finished, is shown
                   again without running; any other sweep in it is refused unless
                   --resume or --force. One sweep at a time: a second one into a folder
                   in use is refused (OUT/sweep.lock names the process)
  --jobs N         runs at once, on worker threads (default: the number of cores); the
                   results equal a sequential sweep's
  --resume         continue a killed sweep in --out: finished runs are kept, unfinished
                   ones continue from their last epoch checkpoint
  --force          replace the sweep in --out: its outputs (results, plots, report,
                   runs/run-*) are deleted first, then this sweep runs from scratch
  --max-runs N     refuse a grid of more than N runs (default ${MAX_RUNS})
  --shard i/n      run only shard i of n (every n-th run, a fixed subset); join the
                   shard folders with 'seedgrad merge'
  --convention C   keras | torch: for every run that does not name its own
${backendFlagHelp(19)}
                   (with more than one job, each run's js backend uses one thread)`;

function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = match ? Number(match[1]) : 0;
  const count = match ? Number(match[2]) : 0;
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be i/n with 1 <= i <= n, got '${text}'`);
  return { index, count };
}

export function loadSweepConfig(file: string): SweepConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read the sweep config '${file}'`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseSweepConfig(json, file);
}

/** Longest description the table echoed on stdout shows; results.md keeps all of it. */
const SHOWN_DESCRIPTION = 600;

function shortenDescription(markdown: string, description: string | undefined, file: string): string {
  if (description === undefined || description.length <= SHOWN_DESCRIPTION) return markdown;
  return markdown.replace(description, `${description.slice(0, SHOWN_DESCRIPTION)}… (the full description is in ${file})`);
}

/** Stderr progress: a bar for the whole sweep and a line per running unit (TTY), or a line per finished unit. */
function sweepProgress(total: number, totalEpochs: number) {
  const panel = createProgressPanel();
  const started = Date.now();
  const running = new Map<string, { unit: Unit; epoch: number; fraction: number }>();
  let doneEpochs = 0;
  let finished = 0;
  const draw = () => {
    const current = [...running.values()].reduce((s, r) => s + (r.epoch - 1 + r.fraction), 0);
    const fraction = (doneEpochs + current) / totalEpochs;
    const elapsed = (Date.now() - started) / 1000;
    const eta = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : Infinity;
    panel.draw([
      `sweep ${bar(fraction)} ${finished}/${total} runs, ETA ${formatDuration(eta)}`,
      ...[...running.values()].map((r) => `  ${r.unit.id} ${r.unit.run.label}: epoch ${r.epoch}/${r.unit.config.epochs} ${bar(r.fraction, 16)}`),
    ]);
  };
  return {
    onStep(unit: Unit, epoch: number, step: number, steps: number) {
      running.set(unit.id, { unit, epoch, fraction: step / steps });
      draw();
    },
    onUnitDone(unit: Unit, result: RunResult, count: number) {
      running.delete(unit.id);
      doneEpochs += unit.config.epochs;
      finished = count;
      panel.clear();
      const last = result.history[result.history.length - 1];
      const seconds = result.history.reduce((s, h) => s + h.trainingSeconds, 0);
      const outcome = result.diverged
        ? `diverged: loss ${result.diverged.loss} at epoch ${result.diverged.epoch}, step ${result.diverged.step}`
        : workloadOf(unit.config).metrics(unit.config).map((m) => `${m.title} ${metricValue(last, m.name).toFixed(4)}`).join('  ');
      process.stderr.write(`[${count}/${total}] ${unit.id} ${unit.run.label}: ${outcome}  (training ${seconds.toFixed(1)} s)\n`);
      draw();
    },
    clear: () => panel.clear(),
  };
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'run a grid of training runs from a JSON config; write tables, plots and report.html',
  help,
  async run(argv) {
    const args = parseFlags('sweep', argv, {
      data: { type: 'string' }, out: { type: 'string' }, jobs: { type: 'string' }, resume: { type: 'boolean' }, force: { type: 'boolean' },
      shard: { type: 'string' }, convention: { type: 'string' }, 'max-runs': { type: 'string' }, backend: { type: 'string' }, accumulation: { type: 'string' },
    }, 1);
    const file = args.positionals[0];
    if (file === undefined) throw new UsageError("give a sweep config, e.g. 'seedgrad sweep experiments/seed-log.json'");
    const resume = args.values.resume === true;
    const force = args.values.force === true;
    if (resume && force) throw new UsageError('--resume continues the sweep in --out and --force replaces it: give one of them');
    const maxRuns = intFlag(args, 'max-runs', MAX_RUNS, 1);
    const sweep = loadSweepConfig(file);
    const shard = parseShard(args.values.shard as string | undefined);
    const jobs = intFlag(args, 'jobs', availableParallelism(), 1, 256);
    const overrides = {
      ...(args.values.data !== undefined ? { data: args.values.data as string } : {}),
      ...(args.values.convention !== undefined ? { convention: choiceFlag(args, 'convention', CONVENTIONS, 'keras') } : {}),
    };
    const outDir = (args.values.out as string | undefined) ?? defaultSweepDir(sweep, overrides, shard);
    const data = overrides.data ?? sweep.data ?? 'synthetic';
    checkDataSource(data);
    const plan = planSweep(sweep, file, overrides, { maxRuns });
    const all = sweepUnits(plan);
    const units = shard ? shardUnits(all, shard.index, shard.count) : all;
    const size = `${plan.length} runs × ${sweep.seeds.length} seed${sweep.seeds.length === 1 ? '' : 's'}`;
    process.stdout.write(`sweep ${sweep.name}: ${shard ? `shard ${shard.index}/${shard.count}: ${units.length} of the ${size}` : size}, ${Math.min(jobs, units.length)} at a time, data ${data}, out ${outDir}\n`);
    const choice = backendChoiceOf(args);
    const threads = Math.min(jobs, units.length) > 1 ? 1 : threadsFromEnvironment();
    const accumulation = accumulationOf(args);
    const info = await setBackend(choice, { threads, accumulation });
    process.stdout.write(`${describeBackend(info)} per run\n`);
    const progress = sweepProgress(units.length, units.reduce((s, u) => s + u.config.epochs, 0));
    const onNotice = (line: string) => {
      progress.clear();
      process.stderr.write(`seedgrad sweep: ${line}\n`);
    };
    // The manifest names the backend without its thread count: that depends on --jobs, the results do not.
    const backend = { choice, threads, accumulation, description: describeBackendKind(info) };
    await runSweep(sweep, { file, outDir, jobs, resume, force, shard, overrides, maxRuns, backend, progress, onNotice });
    progress.clear();
    process.stdout.write('\n' + shortenDescription(readFileSync(join(outDir, 'results.md'), 'utf8'), sweep.description, join(outDir, 'results.md')));
    process.stdout.write(`\nreport: ${join(outDir, 'report.html')}\n`);
    return 0;
  },
};

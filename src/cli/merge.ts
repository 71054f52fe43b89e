/** `seedgrad merge DIR... [--out DIR]`: join the folders of a sharded sweep into one report. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from './command.ts';
import { UsageError } from './command.ts';
import { parseFlags } from './args.ts';
import { mergeSweeps } from '../experiment/index.ts';

const help = `Usage: seedgrad merge DIR... [--out DIR]

Joins the output folders of 'seedgrad sweep CONFIG --shard i/n' (i = 1..n, run anywhere:
a job array, other machines) into the results one machine's sweep would have written:
results.md, results.csv, results.json, plots and report.html. Every run of the config
must be finished in exactly one of the folders.

Flags:
  --out DIR   where to write (default: the folder 'seedgrad sweep' would use without
              --shard, e.g. runs/<config name>); a folder holding other files or
              another sweep is refused`;

export const mergeCommand: Command = {
  name: 'merge',
  summary: "join the folders of a sharded sweep ('sweep --shard i/n') into one report",
  help,
  async run(argv) {
    const args = parseFlags('merge', argv, { out: { type: 'string' } }, Number.MAX_SAFE_INTEGER);
    if (args.positionals.length === 0) throw new UsageError('give the shard folders to merge');
    const outcome = await mergeSweeps(args.positionals, args.values.out as string | undefined);
    process.stdout.write(readFileSync(join(outcome.outDir, 'results.md'), 'utf8'));
    process.stdout.write(`\nreport: ${join(outcome.outDir, 'report.html')}\n`);
    return 0;
  },
};

/** The table of subcommands. A new command is one file under src/cli and one line here. */
import type { Command } from './command.ts';
import { gradcheckCommand } from './gradcheck.ts';
import { landscapeCommand } from './landscape.ts';
import { traceCommand } from './trace.ts';
import { trainCommand } from './train.ts';
import { sweepCommand } from './sweep.ts';
import { mergeCommand } from './merge.ts';
import { labCommand } from './lab.ts';

export const commands: readonly Command[] = [sweepCommand, mergeCommand, trainCommand, gradcheckCommand, traceCommand, landscapeCommand, labCommand];

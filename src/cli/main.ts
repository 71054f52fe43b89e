/** `seedgrad <command> [flags]`: dispatch to a subcommand, and turn user errors into messages. */
import '../backend/platform/install-node.ts';
import { readFileSync } from 'node:fs';
import { commands } from './commands.ts';
import { nearest } from './suggest.ts';
import { UserError } from '../user-error.ts';


function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'seedgrad — a seeded, bit-reproducible ML engine for studying optimizers',
    '',
    'Usage: seedgrad <command> [flags]    (seedgrad --version: the version)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'seedgrad <command> --help' for a command's flags.",
  ].join('\n');
}

const FILE_SYSTEM_CODES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EEXIST: 'a file of that name is in the way',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
};

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return error instanceof Error && typeof code === 'string' && code in FILE_SYSTEM_CODES;
}

/** The package's version, from its package.json (two folders up from src/cli and from dist/cli alike). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`seedgrad ${packageVersion()}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview() + '\n');
    return name === undefined ? 1 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    const guess = nearest(name, commands.map((c) => c.name));
    process.stderr.write(`seedgrad: unknown command '${name}'${guess !== null ? ` (did you mean '${guess}'?)` : ''}; commands: ${commands.map((c) => c.name).join(', ')}\n`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help.trimEnd() + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (isFileSystemError(error)) {
      // A path the user gave that cannot be read or written: one line, not a stack trace.
      process.stderr.write(`seedgrad ${name}: cannot ${error.syscall ?? 'use'} '${error.path ?? '?'}': ${FILE_SYSTEM_CODES[error.code!]} (${error.code})\n`);
      return 1;
    }
    if (error instanceof UserError) {
      process.stderr.write(`seedgrad ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

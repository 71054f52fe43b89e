/** Every command's --help lines its flags' descriptions up in one column. */
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.ts';

/** The column where each flag row's description starts ('  --flag VALUE   text'). */
function descriptionColumns(help: string): number[] {
  return help
    .split('\n')
    .map((line) => /^( {2}--?[\w-]+(?:[ =][A-Z|a-z/.,_-]+)?\s{2,})\S/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => m[1]!.length);
}

describe('command help', () => {
  it.each(commands.map((c) => [c.name, c.help] as const))('%s: every flag row starts its text in the same column', (_name, help) => {
    const columns = descriptionColumns(help);
    expect(columns.length).toBeGreaterThan(0);
    expect(new Set(columns).size).toBe(1);
  });
});

/** Flag errors in the house style: one line naming the flag, a nearby flag for a slip, the user's own value in the hint. */
import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../src/cli/args.ts';
import { UsageError } from '../../src/cli/command.ts';
import { editDistance, nearest } from '../../src/cli/suggest.ts';

const flags = { epochs: { type: 'string' }, start: { type: 'string' }, 'learning-rate': { type: 'string' }, force: { type: 'boolean' } } as const;

function message(argv: string[]): string {
  try {
    parseFlags('train', argv, flags);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('parseFlags errors', () => {
  it('suggests the nearest flag for a slip, and none for something far', () => {
    expect(message(['--epoch', '3'])).toBe("unknown flag --epoch; did you mean --epochs? (see 'seedgrad train --help')");
    expect(message(['--learnig-rate', '1'])).toBe("unknown flag --learnig-rate; did you mean --learning-rate? (see 'seedgrad train --help')");
    expect(message(['--zzz'])).toBe("unknown flag --zzz (see 'seedgrad train --help')");
  });

  it("rewrites node's messages: a missing value, a value given to a switch", () => {
    expect(message(['--epochs'])).toBe("--epochs needs a value, e.g. --epochs VALUE (see 'seedgrad train --help')");
    expect(message(['--force=yes'])).toBe("--force takes no value (see 'seedgrad train --help')");
  });

  it("shows a negative value attached with '=', with the user's value", () => {
    expect(message(['--start', '-1,2'])).toBe("--start: a value starting with '-' must be attached with '=': --start=-1,2");
  });
});

describe('nearest', () => {
  it('measures edits and keeps only near words', () => {
    expect(editDistance('epoch', 'epochs')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearest('trian', ['train', 'trace', 'sweep'])).toBe('train');
    expect(nearest('plot', ['train', 'trace', 'sweep'])).toBeNull();
  });
});

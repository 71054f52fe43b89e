/**
 * The README's optimizer table lists exactly the registry's rules, each with the
 * conventions it exists in, so the catalogue a reader sees cannot drift from the code.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPTIMIZERS, conventionsOf } from '../../src/optim/index.ts';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe("the README's optimizer table", () => {
  it('has one row per registered rule, with its conventions', () => {
    const section = readme.slice(readme.indexOf('## Optimizers and `trace`'));
    const rows = [...section.matchAll(/^\| [^|]+ \| `([a-z-]+)` \| ([a-z, ]+) \|/gm)].map((m) => `${m[1]}: ${m[2]!.trim()}`);
    expect([...rows].sort()).toEqual(OPTIMIZERS.map((spec) => `${spec.name}: ${conventionsOf(spec).join(', ')}`).sort());
  });
});

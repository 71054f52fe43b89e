/**
 * Temporary folders for tests that remove themselves: `tempDir('sweep')` makes
 * `<tmp>/seedgrad-sweep-XXXXXX` and registers its removal, after the test when called
 * inside one (onTestFinished, which runs also when the test fails), else after the test
 * file (one afterAll, registered when a file imports this module: folders made at file or
 * describe level, or in a beforeAll). A process exit removes what a
 * crash left before the hooks ran. test/setup/temp-check.ts proves nothing is left.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

const made = new Set<string>();

function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}

function removeAll(): void {
  for (const dir of made) remove(dir);
}

// This module is imported at the top of a test file, so this hook is that file's.
afterAll(removeAll);
process.once('exit', removeAll);

/** A new empty folder `seedgrad-<prefix>-XXXXXX` in the system temp folder, removed when the test (or the file) is done. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `seedgrad-${prefix}-`));
  made.add(dir);
  try {
    onTestFinished(() => remove(dir));
  } catch {
    // Not inside a test: removeAll takes it after the file.
  }
  return dir;
}

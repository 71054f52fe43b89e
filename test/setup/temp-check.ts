/**
 * vitest's global setup: every test run gets its own temp folder (TMPDIR, which the
 * workers and the processes they start inherit), and at the end any `seedgrad-*` entry
 * left in it fails the run, named. Other runs on the machine (another checkout's tests)
 * write into their own folders, so the check cannot be upset by them. The folder is
 * removed either way, with whatever else tools left there (tsx's cache, browsers).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'seedgrad-test-run-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    const left = readdirSync(root).filter((name) => name.startsWith('seedgrad-'));
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true });
    if (left.length > 0) {
      // vitest reports an error thrown here but still exits 0: set the exit code ourselves.
      console.error(`\nFAIL temp-check: the tests left ${left.length} temporary folder(s) behind: ${left.sort().join(', ')}`);
      process.exitCode = 1;
    }
  };
}

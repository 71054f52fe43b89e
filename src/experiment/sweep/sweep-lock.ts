/**
 * One sweep at a time per folder: OUT/sweep.lock names the process that holds it (pid,
 * host, start time). A second sweep (or --resume, or merge) into the folder is refused
 * while that process lives; a lock left by a process that is gone (killed, crashed) is
 * taken over, and the caller is told. A lock from another host cannot be checked, so it
 * is refused with the file to delete.
 */
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../run/config.ts';

export const LOCK_FILE = 'sweep.lock';

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): { text: string; holder?: Holder } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // released in the meantime
  }
  try {
    const json = JSON.parse(text) as Partial<Holder>;
    if (Number.isSafeInteger(json.pid) && typeof json.host === 'string' && typeof json.startedAt === 'string') return { text, holder: json as Holder };
  } catch {
    // not JSON: damaged
  }
  return { text };
}

/**
 * Takes the folder's lock (creating the folder) and returns the function that releases
 * it. The lock file appears complete or not at all: it is written under a temporary name
 * and hard-linked into place, which fails if another process got there first.
 */
export function acquireSweepLock(dir: string, notice: (line: string) => void): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }) + '\n';
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, mine);
  try {
    for (;;) {
      try {
        linkSync(temporary, file);
        return () => {
          if (readHolder(file)?.text === mine) rmSync(file, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const found = readHolder(file);
      if (found === undefined) continue;
      const { holder, text } = found;
      if (holder === undefined) throw new ConfigError(`${file}: damaged lock file; if no sweep is running in ${dir}, delete it`);
      if (holder.host !== hostname()) {
        throw new ConfigError(`${dir} is in use by another sweep: pid ${holder.pid} on ${holder.host} since ${holder.startedAt}; if that sweep is gone, delete ${file}`);
      }
      if (isAlive(holder.pid)) throw new ConfigError(`${dir} is in use by another sweep: pid ${holder.pid} on ${holder.host} since ${holder.startedAt}; wait for it to end or stop it`);
      // Gone: remove its lock (unless another process took it over meanwhile) and try again.
      if (readHolder(file)?.text === text) rmSync(file, { force: true });
      notice(`${dir}: took over the lock of a sweep that is gone (pid ${holder.pid} on ${holder.host})`);
    }
  } finally {
    rmSync(temporary, { force: true });
  }
}

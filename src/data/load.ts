/**
 * Loading MovieLens ratings from disk: a ratings file, or a release folder holding one.
 * The bytes stream through the byte-level parser, so memory stays at the columns.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from './errors.ts';
import { createRatingsParser } from './ratings-parser.ts';
import type { RawInteractions } from './types.ts';

/** The ratings file of each MovieLens release layout, in the order a folder is searched. */
export const RATINGS_FILE_NAMES = ['ratings.csv', 'ratings.dat', 'u.data'] as const;

const READ_CHUNK_BYTES = 1 << 20;

async function kindOf(path: string): Promise<'file' | 'folder' | 'missing'> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'folder' : 'file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new DataError(`${path}: cannot read: ${(error as Error).message}`);
  }
}

/** `path` itself if it is a file; inside a folder, its ratings.csv, ratings.dat or u.data. */
export async function resolveRatingsFile(path: string): Promise<string> {
  const kind = await kindOf(path);
  if (kind === 'missing') throw new DataError(`${path}: no such file or folder`);
  if (kind === 'file') return path;
  for (const name of RATINGS_FILE_NAMES) {
    const candidate = join(path, name);
    if ((await kindOf(candidate)) === 'file') return candidate;
  }
  throw new DataError(`${path}: a folder without a ratings file (looked for ${RATINGS_FILE_NAMES.join(', ')})`);
}

function readError(file: string, error: unknown): DataError {
  return error instanceof DataError ? error : new DataError(`${file}: cannot read: ${(error as Error).message}`);
}

/**
 * Every rating of a MovieLens ratings file (or folder), with original ids in file
 * order. The format (csv, `::`, tab) is told from the content, not the name.
 */
export interface LoadOptions {
  /** Receives each warning line (lines whose trailing separator was dropped); stderr by default. */
  readonly onWarning?: (line: string) => void;
}

const toStderr = (line: string): void => {
  process.stderr.write(`warning: ${line}\n`);
};

export async function loadInteractions(path: string, options: LoadOptions = {}): Promise<RawInteractions> {
  const file = await resolveRatingsFile(path);
  const parser = createRatingsParser(file, (await stat(file)).size);
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES })) {
      parser.write(chunk as Buffer);
    }
  } catch (error) {
    throw readError(file, error);
  }
  const columns = parser.end();
  const { lines, firstLine } = columns.trailingSeparators;
  if (lines > 0) {
    (options.onWarning ?? toStderr)(`${file}: ${lines} line${lines === 1 ? ' ends' : 's end'} with a trailing separator (first: line ${firstLine}); it was ignored`);
  }
  if (columns.length === 0) throw new DataError(`${file}: no ratings in the file (it is empty or holds only a header)`);
  return { source: file, users: columns.users, items: columns.items, timestamps: columns.timestamps, length: columns.length };
}

/** The SHA-256 (hex) of a file, or of a folder's ratings file: the data's identity in run manifests. */
export async function sha256OfFile(path: string): Promise<string> {
  const file = await resolveRatingsFile(path);
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES })) hash.update(chunk as Buffer);
  } catch (error) {
    throw readError(file, error);
  }
  return hash.digest('hex');
}
